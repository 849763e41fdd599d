namespace RwaCompute.Cli.Output.Views;

/// <summary>Stablecoin minted to an account (amount as decimal USDC and base units; the mint's transaction is also
/// listed in the command's <c>transactions</c>).</summary>
internal sealed record MintView(string Account, string AmountUsdc, string AmountBaseUnits, string TransactionHash);
