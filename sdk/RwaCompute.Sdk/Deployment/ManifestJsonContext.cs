using System.Text.Json.Serialization;

namespace RwaCompute.Sdk.Deployment;

/// <summary>Source-generated System.Text.Json metadata of the deployment manifest: camelCase, indented, nulls
/// omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(DeploymentManifest))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext
{
}
