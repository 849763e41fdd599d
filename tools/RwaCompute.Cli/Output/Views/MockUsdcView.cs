namespace RwaCompute.Cli.Output.Views;

/// <summary>What <c>rwa usdc deploy-mock</c> did: the stablecoin's address, the mints, and every transaction (the
/// deployment first).</summary>
internal sealed record MockUsdcView(string Address, string Owner, IReadOnlyList<MintView> Mints, IReadOnlyList<TransactionView> Transactions);
