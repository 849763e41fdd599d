using Xunit;

namespace RwaCompute.CodeGen.Tests.Infrastructure;

/// <summary>Tests that share one anvil node.</summary>
[CollectionDefinition(Name)]
public sealed class AnvilTestGroup : ICollectionFixture<AnvilFixture>
{
    public const string Name = "anvil";
}
