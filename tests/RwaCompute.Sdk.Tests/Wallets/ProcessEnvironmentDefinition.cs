using Xunit;

namespace RwaCompute.Sdk.Tests.Wallets;

/// <summary>Runs the tests that change the default RWA_* variables apart from every other test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentDefinition
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Signer resolver defaults (process environment)";
}
