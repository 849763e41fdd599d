using System.Reflection;
using RwaCompute.Contracts.Runtime;
using RwaCompute.Sdk.Clients;
using Xunit;

namespace RwaCompute.Sdk.Tests.Errors;

/// <summary>One exception root: every public exception of the SDK, its generated bindings and the runtime derives
/// from <see cref="RwaComputeException"/>, so one catch separates refusals from bugs.</summary>
public sealed class ExceptionRootTests
{
    public static TheoryData<string> Assemblies => new()
    {
        typeof(RwaComputeClient).Assembly.GetName().Name!,
        typeof(RwaComputeException).Assembly.GetName().Name!,
    };

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void PublicExceptions_AllDeriveFromRwaComputeException(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);
        var exceptions = assembly.GetExportedTypes().Where(t => typeof(Exception).IsAssignableFrom(t)).ToList();

        Assert.NotEmpty(exceptions);
        var strays = exceptions.Where(t => !typeof(RwaComputeException).IsAssignableFrom(t)).Select(t => t.FullName).ToList();
        Assert.Empty(strays);
    }

    [Fact]
    public void GeneratedRevertExceptions_AreCaughtByTheRoot()
    {
        var generated = typeof(RwaComputeClient).Assembly.GetExportedTypes()
            .Where(t => typeof(ContractCustomErrorException).IsAssignableFrom(t) && !t.IsAbstract)
            .ToList();

        // The suite declares well over a hundred custom errors; each has its typed exception.
        Assert.True(generated.Count > 100, $"only {generated.Count} generated revert exceptions found");
        Assert.All(generated, t => Assert.True(typeof(RwaComputeException).IsAssignableFrom(t), t.FullName));
    }

    [Fact]
    public void HandWrittenExceptions_AllLiveInTheErrorsNamespace()
    {
        // Generated typed reverts live with their contract's bindings (RwaCompute.Sdk.Contracts.*); everything else
        // is in one place, so a user finds every error the SDK can throw in one namespace.
        var strays = typeof(RwaComputeClient).Assembly.GetExportedTypes()
            .Where(t => typeof(Exception).IsAssignableFrom(t))
            .Where(t => t.Namespace?.StartsWith("RwaCompute.Sdk.Contracts", StringComparison.Ordinal) != true)
            .Where(t => t.Namespace != "RwaCompute.Sdk.Errors")
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(strays);
    }
}
