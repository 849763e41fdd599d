namespace RwaCompute.Sdk.Oracle;

/// <summary>A reporter's EIP-712 signature over an <see cref="OracleReport"/>.</summary>
/// <param name="Signer">The reporter's address, EIP-55 checksummed.</param>
/// <param name="Signature">65 bytes <c>r ‖ s ‖ v</c> (v = 27 or 28) over <see cref="ReportDigest.Compute"/>.</param>
#pragma warning disable CA1819 // The signature is passed as is to the generated binding, which takes byte[].
public sealed record ReportSignature(string Signer, byte[] Signature);
#pragma warning restore CA1819
