namespace RwaCompute.Cli.Output;

/// <summary>A reporter's signature over an aggregate oracle report, as <c>rwa oracle sign</c> writes it and
/// <c>rwa oracle report</c> (or <c>oracle sign --cosign</c>) reads it: public data only (the report's fields, the
/// EIP-712 signature and the signer's address).</summary>
internal sealed record SignedReportFile(
    long ChainId,
    string Oracle,
    string Pool,
    ulong Epoch,
    int UtilizationBps,
    int UptimeBps,
    ulong DeliveredGpuHours,
    ulong EnergyKwh,
    ulong CurtailedGpuHours,
    ulong ObservedAt,
    uint Observers,
    uint ConfigVersion,
    string Signer,
    string Signature);
