using System.Diagnostics;
using RwaCompute.CodeGen.Generation;
using RwaCompute.CodeGen.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace RwaCompute.CodeGen.Tests.Generation;

/// <summary>
/// Generating the suite's bindings (read + parse the three artifacts, bind, emit ~30 files) after start-up takes
/// well under a second. The figure is printed; run with
/// <c>dotnet test tests/RwaCompute.CodeGen.Tests -c Release --filter GenerationBenchmarkTests --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class GenerationBenchmarkTests(ITestOutputHelper output)
{
    [Fact]
    public void Generate_Suite_AfterWarmUp_UnderOneSecond()
    {
        FixtureGeneration.RequireSuiteArtifacts();
        var options = FixtureGeneration.SuiteOptions;
        var files = CodeGenerator.Generate(options);

        var timings = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            CodeGenerator.Generate(options);
            timings.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        timings.Sort();
        var median = timings[timings.Count / 2];
        output.WriteLine($"Suite bindings: {files.Count} files, {files.Sum(f => f.Content.Length) / 1024} KiB; generation median {median:F1} ms (min {timings[0]:F1}, max {timings[^1]:F1}) over {timings.Count} warm runs.");
        Assert.True(median < 1000, $"Generating the suite took {median:F0} ms (target < 1 s).");
    }
}
