namespace RwaCompute.Cli.Output.Views;

/// <summary>The escrow's solvency: its stablecoin balance against what it owes (credits + bonds).</summary>
internal sealed record SolvencyView(string BalanceUsdc, string ObligationsUsdc, string CreditsUsdc, string BondsUsdc, string ReservedUsdc, bool Solvent);
