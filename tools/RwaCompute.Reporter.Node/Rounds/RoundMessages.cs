using System.Text.Json.Serialization;

namespace RwaCompute.Reporter.Node.Rounds;

/// <summary>The leader asks a peer for its signed observation of a pool and epoch.</summary>
/// <param name="Pool">The pool, 0x + 64 hex digits.</param>
/// <param name="Epoch">The epoch.</param>
public sealed record ObservationRequest(string Pool, ulong Epoch);

/// <summary>A reporter's signed observation (off-chain EIP-712 <c>Observation</c>), on the wire.</summary>
/// <param name="Pool">The pool, 0x-hex.</param>
/// <param name="Epoch">The epoch.</param>
/// <param name="UtilizationBps">Utilization, basis points.</param>
/// <param name="UptimeBps">Uptime, basis points.</param>
/// <param name="DeliveredGpuHours">Cumulative delivered GPU-hours.</param>
/// <param name="EnergyKwh">Cumulative energy, kWh.</param>
/// <param name="CurtailedGpuHours">Cumulative curtailed GPU-hours.</param>
/// <param name="ObservedAt">Unix seconds.</param>
/// <param name="Reporter">The reporter's address.</param>
/// <param name="Signature">0x-hex, 65 bytes.</param>
public sealed record ObservationMessage(
    string Pool, ulong Epoch, ushort UtilizationBps, ushort UptimeBps, ulong DeliveredGpuHours, ulong EnergyKwh, ulong CurtailedGpuHours, ulong ObservedAt, string Reporter, string Signature);

/// <summary>The aggregate report, on the wire.</summary>
/// <param name="Pool">The pool, 0x-hex.</param>
/// <param name="Epoch">The epoch.</param>
/// <param name="UtilizationBps">Median utilization.</param>
/// <param name="UptimeBps">Median uptime.</param>
/// <param name="DeliveredGpuHours">Cumulative delivered GPU-hours.</param>
/// <param name="EnergyKwh">Cumulative energy.</param>
/// <param name="CurtailedGpuHours">Cumulative curtailed GPU-hours.</param>
/// <param name="ObservedAt">Median observation time.</param>
/// <param name="Observers">Observer bitmap.</param>
/// <param name="ConfigVersion">Reporter configuration version.</param>
public sealed record ReportMessage(
    string Pool, ulong Epoch, ushort UtilizationBps, ushort UptimeBps, ulong DeliveredGpuHours, ulong EnergyKwh, ulong CurtailedGpuHours, ulong ObservedAt, uint Observers, uint ConfigVersion);

/// <summary>The leader's proposal: the report and the signed observations it aggregates.</summary>
/// <param name="Report">The proposed report.</param>
/// <param name="Evidence">Every observation the report aggregates, signed by its reporter.</param>
public sealed record ProposalMessage(ReportMessage Report, IReadOnlyList<ObservationMessage> Evidence);

/// <summary>A follower's answer to a proposal.</summary>
/// <param name="Signer">The follower's address.</param>
/// <param name="Signature">0x-hex signature over the report, or <see langword="null"/> when refused.</param>
/// <param name="Refusal">Why it refused, or <see langword="null"/>.</param>
public sealed record SignatureMessage(string Signer, string? Signature, string? Refusal);

/// <summary>System.Text.Json metadata of the node's messages.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ObservationRequest))]
[JsonSerializable(typeof(ObservationMessage))]
[JsonSerializable(typeof(ProposalMessage))]
[JsonSerializable(typeof(SignatureMessage))]
public sealed partial class NodeJsonContext : JsonSerializerContext;
