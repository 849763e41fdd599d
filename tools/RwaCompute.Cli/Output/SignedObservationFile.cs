namespace RwaCompute.Cli.Output;

/// <summary>A reporter's signed observation as <c>rwa oracle sign</c> writes it and <c>rwa oracle report</c> reads
/// it (public data: values, the EIP-712 signature and the signer's address).</summary>
internal sealed record SignedObservationFile(
    long ChainId,
    string Oracle,
    string Pool,
    ulong Epoch,
    int UtilizationBps,
    int UptimeBps,
    ulong DeliveredGpuHours,
    ulong EnergyKwh,
    ulong ObservedAt,
    string Signer,
    string Signature);
