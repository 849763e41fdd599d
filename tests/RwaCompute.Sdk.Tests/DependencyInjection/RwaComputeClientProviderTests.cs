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
    public async Task GetClient_ManifestPathNotConfigured_ThrowsManifestException()
    {
        using var provider = Create(new RwaComputeOptions());
        var ex = await Assert.ThrowsAsync<ManifestException>(() => provider.GetClientAsync());
        Assert.Contains("ManifestPath", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:8545")]
    [InlineData("not a url")]
    [InlineData("")]
    public async Task GetClient_RpcUrlNotAbsolute_ThrowsInputValidationNamingIt(string rpcUrl)
    {
        using var provider = Create(new RwaComputeOptions { ManifestPath = "deployments/31337.json", RpcUrl = rpcUrl });
        var ex = await Assert.ThrowsAsync<InputValidationException>(() => provider.GetClientAsync());
        Assert.Equal(nameof(RwaComputeOptions.RpcUrl), ex.ParameterName);
    }

    [Fact]
    public async Task GetClient_FailedConnection_IsNotCachedAndTheNextCallTriesAgain()
    {
        var settings = new RwaComputeOptions();
        using var provider = Create(settings);
        await Assert.ThrowsAsync<ManifestException>(() => provider.GetClientAsync());
        settings.ManifestPath = "deployments/31337.json";
        settings.RpcUrl = "relative/path";
        await Assert.ThrowsAsync<InputValidationException>(() => provider.GetClientAsync());
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
