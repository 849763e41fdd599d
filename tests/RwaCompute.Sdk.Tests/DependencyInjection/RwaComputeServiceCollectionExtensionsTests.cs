using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RwaCompute.Sdk.DependencyInjection;
using Xunit;

namespace RwaCompute.Sdk.Tests.DependencyInjection;

/// <summary>Registration and binding, checked on the service descriptors and with the options factory (the unit project
/// has no DI container: Microsoft.Extensions.DependencyInjection is referenced by the integration project only).</summary>
public sealed class RwaComputeServiceCollectionExtensionsTests
{
    private static RwaComputeOptions Resolve(IServiceCollection services)
    {
        var setups = services.Where(d => d.ServiceType == typeof(IConfigureOptions<RwaComputeOptions>)).Select(d => (IConfigureOptions<RwaComputeOptions>)d.ImplementationInstance!);
        var posts = services.Where(d => d.ServiceType == typeof(IPostConfigureOptions<RwaComputeOptions>)).Select(d => (IPostConfigureOptions<RwaComputeOptions>)d.ImplementationInstance!);
        return new OptionsFactory<RwaComputeOptions>(setups, posts).Create(Options.DefaultName);
    }

    [Fact]
    public void AddRwaCompute_WithDelegate_RegistersTheProviderAsASingleton()
    {
        var services = new ServiceCollection().AddRwaCompute(o => o.ManifestPath = "deployments/31337.json");
        var descriptor = Assert.Single(services, d => d.ServiceType == typeof(RwaComputeClientProvider));
        Assert.Equal(ServiceLifetime.Singleton, descriptor.Lifetime);
        Assert.Equal(typeof(RwaComputeClientProvider), descriptor.ImplementationType);
    }

    [Fact]
    public void AddRwaCompute_WithDelegate_AppliesItToTheOptions()
    {
        var services = new ServiceCollection().AddRwaCompute(o =>
        {
            o.RpcUrl = "http://node:8545";
            o.ManifestPath = "deployments/31337.json";
            o.Transactions = o.Transactions with { Confirmations = 3 };
        });
        var options = Resolve(services);
        Assert.Equal("http://node:8545", options.RpcUrl);
        Assert.Equal("deployments/31337.json", options.ManifestPath);
        Assert.Equal(3, options.Transactions.Confirmations);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Transactions.ReceiptTimeout);
    }

    [Fact]
    public void AddRwaCompute_CalledTwice_RegistersTheProviderOnce()
    {
        var services = new ServiceCollection().AddRwaCompute(_ => { }).AddRwaCompute(_ => { });
        Assert.Single(services, d => d.ServiceType == typeof(RwaComputeClientProvider));
    }

    [Fact]
    public void AddRwaCompute_FromConfiguration_BindsEverySettingOfTheSection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RwaCompute:RpcUrl"] = "https://rpc.example.com",
            ["RwaCompute:ManifestPath"] = "deployments/8453.json",
            ["RwaCompute:Transactions:Confirmations"] = "4",
            ["RwaCompute:Transactions:ReceiptTimeout"] = "00:05:00",
            ["RwaCompute:Transactions:GasLimitPercent"] = "150",
            ["RwaCompute:RequestTimeout"] = "00:00:15.5",
            ["RwaCompute:Retry:MaxRetryAttempts"] = "5",
            ["RwaCompute:HttpClientName"] = "my-node",
            ["RwaCompute:AutoApprove"] = "false",
            ["RwaCompute:Signer:PrivateKeyEnvironmentVariable"] = "RWA_PRIVATE_KEY",
            ["RwaCompute:Signer:AccountIndex"] = "2",
        }).Build();

        var options = Resolve(new ServiceCollection().AddRwaCompute(configuration.GetSection(RwaComputeOptions.SectionName)));

        Assert.Equal("https://rpc.example.com", options.RpcUrl);
        Assert.Equal("deployments/8453.json", options.ManifestPath);
        Assert.Equal(4, options.Transactions.Confirmations);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Transactions.ReceiptTimeout);
        Assert.Equal(150, options.Transactions.GasLimitPercent);
        Assert.Equal(TimeSpan.FromSeconds(15.5), options.RequestTimeout);
        Assert.Equal(5, options.Retry.MaxRetryAttempts);
        Assert.Equal("my-node", options.HttpClientName);
        Assert.False(options.AutoApprove);
        Assert.NotNull(options.Signer);
        Assert.Equal("RWA_PRIVATE_KEY", options.Signer.PrivateKeyEnvironmentVariable);
        Assert.Equal(2, options.Signer.AccountIndex);
    }

    [Fact]
    public void AddRwaCompute_FromConfigurationWithoutSigner_IsReadOnly()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ManifestPath"] = "m.json" }).Build();
        var options = Resolve(new ServiceCollection().AddRwaCompute(configuration));
        Assert.Null(options.Signer);
        Assert.Equal("http://127.0.0.1:8545", options.RpcUrl);
    }

    [Fact]
    public void AddRwaCompute_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddRwaCompute(_ => { }));
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddRwaCompute((Action<RwaComputeOptions>)null!));
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddRwaCompute((IConfiguration)null!));
    }
}
