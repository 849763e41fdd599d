using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RwaCompute.Sdk.DependencyInjection;
using RwaCompute.Sdk.Deployment;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.IntegrationTests.Infrastructure;
using Xunit;

namespace RwaCompute.Sdk.IntegrationTests.DependencyInjection;

public sealed class AddRwaComputeTests : IClassFixture<AnvilSuiteFixture>
{
    private const string KeyVariable = "RWA_IT_DI_PRIVATE_KEY";
    private readonly AnvilSuiteFixture fixture;

    public AddRwaComputeTests(AnvilSuiteFixture fixture)
    {
        this.fixture = fixture;
    }

    [Fact]
    public async Task AddRwaCompute_BoundFromConfiguration_ConnectsWithTheSignerFromTheEnvironmentAndLogs()
    {
        var manifestPath = DeploymentManifest.DefaultPath(fixture.Chain.ManifestDirectory, 31337);
        Environment.SetEnvironmentVariable(KeyVariable, "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RwaCompute:RpcUrl"] = fixture.Chain.RpcUrl,
            ["RwaCompute:ManifestPath"] = manifestPath,
            ["RwaCompute:Transactions:Confirmations"] = "1",
            ["RwaCompute:Signer:PrivateKeyEnvironmentVariable"] = KeyVariable,
        }).Build();
        var logs = new ListLoggerProvider();
        await using var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug))
            .AddRwaCompute(configuration.GetSection(RwaComputeOptions.SectionName))
            .BuildServiceProvider();

        var provider = services.GetRequiredService<RwaComputeClientProvider>();
        var client = await provider.GetClientAsync();

        Assert.Same(client, await provider.GetClientAsync());
        Assert.Equal(SuiteChain.Accounts.Provider.Address, client.Account);
        await client.Stablecoin.ApproveAsync(client.Escrow.Address, 1);
        Assert.Contains(logs.Messages, m => m.Contains("Connected to", StringComparison.Ordinal) && m.Contains(SuiteChain.Accounts.Provider.Address, StringComparison.Ordinal));
        Assert.Contains(logs.Messages, m => m.Contains("stablecoin.approve", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Messages, m => m.Contains("59c6995e998f97a5a0044966", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AddRwaCompute_MissingManifest_ThrowsManifestExceptionAndRetriesLater()
    {
        var missing = Path.Combine(fixture.Chain.ManifestDirectory, "missing", "31337.json");
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddRwaCompute(o =>
            {
                o.RpcUrl = fixture.Chain.RpcUrl;
                o.ManifestPath = missing;
            })
            .BuildServiceProvider();
        var provider = services.GetRequiredService<RwaComputeClientProvider>();

        var error = await Assert.ThrowsAsync<ManifestException>(() => provider.GetClientAsync());
        Assert.Equal(missing, error.Path);

        Directory.CreateDirectory(Path.GetDirectoryName(missing)!);
        File.Copy(DeploymentManifest.DefaultPath(fixture.Chain.ManifestDirectory, 31337), missing);
        var client = await provider.GetClientAsync();
        Assert.Null(client.Account);
    }

    private sealed class ListLoggerProvider : ILoggerProvider
    {
        private readonly List<string> messages = [];

        public IReadOnlyList<string> Messages
        {
            get
            {
                lock (messages)
                {
                    return [.. messages];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new ListLogger(this);

        public void Dispose()
        {
        }

        private sealed class ListLogger(ListLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner.messages)
                {
                    owner.messages.Add(formatter(state, exception));
                }
            }
        }
    }
}
