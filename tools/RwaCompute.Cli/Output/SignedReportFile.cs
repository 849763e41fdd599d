using System.Text.Json.Serialization;

namespace RwaCompute.Cli.Output;

/// <summary>A reporter's signature over an aggregate oracle report, as <c>rwa oracle sign</c> writes it and
/// <c>rwa oracle report</c> (or <c>oracle sign --cosign</c>) reads it: public data only (the report's fields, the
/// EIP-712 signature and the signer's address). Its 64-bit fields are written as decimal strings, like every
/// <c>--json</c> output, and read from strings or numbers (files of earlier versions).</summary>
internal sealed record SignedReportFile(
    long ChainId,
    string Oracle,
    string PoolId,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] ulong Epoch,
    int UtilizationBps,
    int UptimeBps,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] ulong DeliveredGpuHours,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] ulong EnergyKwh,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] ulong CurtailedGpuHours,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] ulong ObservedAt,
    uint Observers,
    uint ConfigVersion,
    string Signer,
    string Signature);
