using System.Text.Json;
using Json.Schema;
using Xunit.Sdk;

namespace RwaCompute.Cli.Tests.Infrastructure;

/// <summary>The <c>--json</c> contract: the schemas of docs/schemas (draft 2020-12, loaded with JsonSchema.Net, their
/// relative <c>$ref</c>s to common.schema.json resolved from the files) and the check that an output matches one.</summary>
public static class JsonSchemas
{
    private static readonly Lazy<IReadOnlyDictionary<string, JsonSchema>> Loaded = new(Load);

    /// <summary>docs/schemas of this checkout.</summary>
    public static string Directory { get; } = Path.Combine(RepositoryRoot(), "docs", "schemas");

    /// <summary>The schema names (file names without <c>.schema.json</c>), common included.</summary>
    public static IEnumerable<string> Names => Loaded.Value.Keys;

    /// <summary>Fails the test, naming every violation, unless <paramref name="json"/> is one JSON document valid
    /// against docs/schemas/<paramref name="schema"/>.schema.json.</summary>
    /// <param name="schema">The schema's name: <c>offer</c>, <c>error</c>.</param>
    /// <param name="json">The command's stdout.</param>
    public static void AssertValid(string schema, string json)
    {
        if (!Loaded.Value.TryGetValue(schema, out var compiled))
        {
            throw new XunitException($"no schema docs/schemas/{schema}.schema.json");
        }

        using var document = JsonDocument.Parse(json);
        var result = compiled.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"));
            throw new XunitException($"stdout does not match {schema}.schema.json:\n  {string.Join("\n  ", errors)}\n--- stdout\n{json}");
        }
    }

    private static Dictionary<string, JsonSchema> Load()
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var schemas = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);

        // common first: the others refer to its $defs.
        foreach (var path in System.IO.Directory.GetFiles(Directory, "*.schema.json").OrderBy(p => Path.GetFileName(p) == "common.schema.json" ? 0 : 1).ThenBy(p => p, StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path)[..^".schema.json".Length];
            schemas[name] = JsonSchema.FromFile(path, options);
        }

        return schemas;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RwaCompute.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("RwaCompute.sln not found above " + AppContext.BaseDirectory);
    }
}
