using System.Text.Json.Serialization;

namespace RwaCompute.Sdk.Deployment;

/// <summary>Source-generated JSON metadata of the journal's lines (camelCase, one line each, nulls omitted).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JournalEntry))]
internal sealed partial class JournalJsonContext : JsonSerializerContext
{
}
