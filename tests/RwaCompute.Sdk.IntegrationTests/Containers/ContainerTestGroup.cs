using Xunit;

namespace RwaCompute.Sdk.IntegrationTests.Containers;

/// <summary>
/// The tests that run against anvil in a container. They share one <see cref="AnvilContainerFixture"/>; take it as a
/// constructor parameter and use <see cref="AnvilContainerFixture.RpcUrl"/> or
/// <see cref="AnvilContainerFixture.CreateWeb3"/>. Without Docker every test here FAILS (never skips).
/// </summary>
[CollectionDefinition(Name)]
public sealed class ContainerTestGroup : ICollectionFixture<AnvilContainerFixture>
{
    /// <summary>The collection's name, for <c>[Collection(ContainerTestGroup.Name)]</c>.</summary>
    public const string Name = "anvil in a container (Testcontainers)";
}
