using System.Text.Json.Serialization;

namespace RwaCompute.Reporter.Telemetry.Replay;

/// <summary>Source-generated JSON for the replay format (one <see cref="GpuSample"/> per line, camelCase, nulls
/// omitted).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(GpuSample))]
internal sealed partial class ReplayJsonContext : JsonSerializerContext;
