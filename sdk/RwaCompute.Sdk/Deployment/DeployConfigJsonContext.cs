using System.Text.Json.Serialization;

namespace RwaCompute.Sdk.Deployment;

/// <summary>Source-generated JSON metadata of <c>deploy.json</c> (camelCase, case-insensitive, comments and trailing
/// commas allowed: it is written by hand).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    WriteIndented = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(DeployConfigDocument))]
internal sealed partial class DeployConfigJsonContext : JsonSerializerContext
{
}
