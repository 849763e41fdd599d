namespace RwaCompute.Sdk.Oracle;

/// <summary>
/// An observation with its reporter's EIP-712 signature, ready to be relayed in
/// <c>UtilizationOracle.submitReport(poolId, epoch, observations, signatures)</c>.
/// </summary>
/// <param name="Observation">The signed values.</param>
/// <param name="Signature">65 bytes <c>r ‖ s ‖ v</c> (v = 27 or 28) over <see cref="ReportDigest.Compute"/>.</param>
/// <param name="Signer">The reporter's address, EIP-55 checksummed.</param>
#pragma warning disable CA1819 // The signature is passed as is to the generated binding, which takes byte[].
public sealed record SignedObservation(UtilizationObservation Observation, byte[] Signature, string Signer);
#pragma warning restore CA1819
