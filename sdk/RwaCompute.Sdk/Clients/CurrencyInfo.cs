namespace RwaCompute.Sdk.Clients;

/// <summary>A settlement currency as the escrow sees it.</summary>
/// <param name="Address">The ERC-20's address.</param>
/// <param name="Accepted">Whether new lots may name it (lots issued in it keep settling in it either way).</param>
/// <param name="Decimals">Its decimals, read from it when the escrow first accepted it (0 for one never accepted).</param>
public sealed record CurrencyInfo(string Address, bool Accepted, byte Decimals);
