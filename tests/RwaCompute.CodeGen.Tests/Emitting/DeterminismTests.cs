using System.Text.Json.Nodes;
using RwaCompute.CodeGen.Generation;
using RwaCompute.CodeGen.Parsing;
using RwaCompute.CodeGen.Tests.Infrastructure;
using Xunit;

namespace RwaCompute.CodeGen.Tests.Emitting;

public sealed class DeterminismTests
{
    [Fact]
    public void Generate_SameInputTwice_ByteIdenticalOutput()
    {
        var first = FixtureGeneration.GenerateFixture();
        var second = FixtureGeneration.GenerateFixture();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Generate_AbiInReverseOrder_SameNamesAndCodeOnlyTheInputHashDiffers()
    {
        var json = File.ReadAllText(RepositoryPaths.FixtureArtifact);
        var artifact = JsonNode.Parse(json)!.AsObject();
        var reversed = new JsonArray([.. artifact["abi"]!.AsArray().Reverse().Select(n => n!.DeepClone())]);
        artifact["abi"] = reversed;
        const string display = "tests/RwaCompute.CodeGen.Tests/Fixtures/CodegenFixture.json";

        var original = CodeGenerator.Generate([ArtifactParser.Parse(json, display)], FixtureGeneration.GoldenNamespace);
        var shuffled = CodeGenerator.Generate([ArtifactParser.Parse(artifact.ToJsonString(), display)], FixtureGeneration.GoldenNamespace);

        Assert.Equal(original.Select(f => f.RelativePath), shuffled.Select(f => f.RelativePath));
        foreach (var (a, b) in original.Zip(shuffled))
        {
            Assert.Equal(WithoutHash(a.Content), WithoutHash(b.Content));
        }
    }

    [Fact]
    public void Generate_OutputUsesLfLineEndingsOnly()
    {
        Assert.All(FixtureGeneration.GenerateFixture(), f => Assert.DoesNotContain('\r', f.Content));
    }

    private static string WithoutHash(string content) =>
        string.Join('\n', content.Split('\n').Where(l => !l.StartsWith("// Input SHA-256", StringComparison.Ordinal)));
}
