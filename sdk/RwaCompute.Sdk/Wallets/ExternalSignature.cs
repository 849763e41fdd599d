namespace RwaCompute.Sdk.Wallets;

/// <summary>A secp256k1 signature from an <see cref="IExternalSigner"/>.</summary>
/// <param name="R">r, 32 bytes big-endian (shorter values are left-padded).</param>
/// <param name="S">s, 32 bytes big-endian; a high s is normalized to n − s.</param>
/// <param name="RecoveryId">0 or 1 when the signer knows it (27/28 accepted); <see langword="null"/> to let the SDK
/// find it.</param>
public sealed record ExternalSignature(byte[] R, byte[] S, int? RecoveryId = null);
