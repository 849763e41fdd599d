using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RwaCompute.Sdk.DependencyInjection;
using RwaCompute.Sdk.Errors;
using Xunit;

namespace RwaCompute.Sdk.Tests.DependencyInjection;

public sealed class RwaComputeClientProviderTests
{
    private static RwaComputeClientProvider Create(RwaComputeOptions options) => new(Options.Create(options), NullLoggerFactory.Instance);

    [Fact]
    public async Task GetClient_ManifestPathNotConfigured_ThrowsConfigurationExceptionNamingIt()
    {
        using var provider = Create(new RwaComputeOptions());
        var ex = await Assert.ThrowsAsync<RwaComputeConfigurationException>(() => provider.GetClientAsync());
        Assert.Contains(ex.Failures, f => f.Contains("RwaCompute:ManifestPath", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetClient_EveryBadSetting_IsNamedTogether()
    {
        using var provider = Create(new RwaComputeOptions
        {
            RpcUrl = "ftp://node",
            RequestTimeout = TimeSpan.Zero,
            Transactions = new Sdk.Transactions.TransactionOptions { Confirmations = -1 },
            Retry = new Sdk.Transport.RpcRetryOptions { MaxRetryAttempts = 99 },
        });

        var ex = await Assert.ThrowsAsync<RwaComputeConfigurationException>(() => provider.GetClientAsync());

        Assert.Contains(ex.Failures, f => f.Contains("RwaCompute:RpcUrl", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("RwaCompute:ManifestPath", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("RwaCompute:RequestTimeout", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("RwaCompute:Transactions:Confirmations", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("RwaCompute:Retry:MaxRetryAttempts", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("127.0.0.1:8545")]
    [InlineData("not a url")]
    [InlineData("")]
    public async Task GetClient_RpcUrlNotAbsolute_ThrowsConfigurationExceptionNamingIt(string rpcUrl)
    {
        using var provider = Create(new RwaComputeOptions { ManifestPath = "deployments/31337.json", RpcUrl = rpcUrl });
        var ex = await Assert.ThrowsAsync<RwaComputeConfigurationException>(() => provider.GetClientAsync());
        Assert.Equal("RwaCompute:RpcUrl must be an absolute http(s) URL.", Assert.Single(ex.Failures));
    }

    [Fact]
    public async Task GetClient_FailedConnection_IsNotCachedAndTheNextCallTriesAgain()
    {
        var settings = new RwaComputeOptions();
        using var provider = Create(settings);
        await Assert.ThrowsAsync<RwaComputeConfigurationException>(() => provider.GetClientAsync());
        settings.ManifestPath = Path.Combine(Path.GetTempPath(), "rwa-missing-" + Guid.NewGuid().ToString("N"), "31337.json");
        await Assert.ThrowsAsync<ManifestException>(() => provider.GetClientAsync());
    }

    [Fact]
    public async Task GetClient_Cancelled_ThrowsOperationCanceled()
    {
        using var provider = Create(new RwaComputeOptions());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => provider.GetClientAsync(new CancellationToken(true)));
    }

    [Fact]
    public void Constructor_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new RwaComputeClientProvider(null!, NullLoggerFactory.Instance));
    }

    [Fact]
    public void Constructor_WithoutLoggerFactory_LogsNothingButWorks()
    {
        using var provider = new RwaComputeClientProvider(Options.Create(new RwaComputeOptions()));
        Assert.NotNull(provider);
    }
}
