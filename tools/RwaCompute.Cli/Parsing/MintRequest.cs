using System.Numerics;
using RwaCompute.Sdk.Validation;

namespace RwaCompute.Cli.Parsing;

/// <summary>An amount of stablecoin to mint to an account: <c>ACCOUNT=AMOUNT</c> on the command line
/// (<c>0x7099…79C8=10000</c>; the amount in the mock USDC's 6 decimals as <see cref="AmountText"/> reads it).</summary>
/// <param name="Account">The account, checksummed.</param>
/// <param name="Amount">Base units.</param>
internal sealed record MintRequest(string Account, BigInteger Amount)
{
    private static readonly BigInteger MaxUint256 = (BigInteger.One << 256) - 1;

    /// <summary>The devnet's mock USDC as far as reading amounts goes (its address does not matter here).</summary>
    private static readonly SettlementCurrency MockUsdc = new("0x0000000000000000000000000000000000000000", DecimalAmount.UsdcDecimals, "USDC");

    /// <summary>Parses <c>ACCOUNT=AMOUNT</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="option">The option (<c>--mint[i]</c>), for the error.</param>
    /// <returns>The request.</returns>
    /// <exception cref="CliInputException">No <c>=</c>, a bad address or a bad amount.</exception>
    public static MintRequest Parse(string text, string option)
    {
        var separator = text.IndexOf('=', StringComparison.Ordinal);
        if (separator < 0)
        {
            throw new CliInputException(option, $"'{(text.Length > 60 ? text[..60] + "…" : text)}' is not ACCOUNT=AMOUNT (for example 0x70997970C51812dc3A010C7d01b50e0d17dc79C8=10000).");
        }

        var account = Guard.Address(text[..separator].Trim(), option);
        var amount = AmountText.Parse(text[(separator + 1)..], option).In(MockUsdc);
        return amount <= MaxUint256 ? new MintRequest(account, amount) : throw new CliInputException(option, "the amount does not fit a uint256.");
    }
}
