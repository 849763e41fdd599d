using System.Numerics;

namespace RwaCompute.Sdk.Clients;

/// <summary>The escrow's solvency (<c>solvency()</c>), stablecoin base units.</summary>
/// <param name="Balance">Its stablecoin balance.</param>
/// <param name="Obligations">What it owes: Σ credits + Σ bonds (<see cref="EscrowTotals"/>).</param>
public sealed record EscrowSolvency(BigInteger Balance, BigInteger Obligations)
{
    /// <summary>Whether the balance covers every obligation.</summary>
    public bool IsSolvent => Balance >= Obligations;

    /// <summary>Balance minus obligations (negative when insolvent; positive for stablecoin sent to the escrow
    /// outside its flows).</summary>
    public BigInteger Surplus => Balance - Obligations;
}
