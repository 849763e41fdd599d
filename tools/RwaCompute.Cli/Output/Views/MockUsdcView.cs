namespace RwaCompute.Cli.Output.Views;

/// <summary>What <c>rwa usdc deploy-mock</c> did: the stablecoin's address, its deployment, and the mints.</summary>
internal sealed record MockUsdcView(string Address, string Owner, string TransactionHash, long BlockNumber, IReadOnlyList<MintView> Mints);
