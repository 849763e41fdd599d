namespace RwaCompute.Cli.Output.Views;

/// <summary>The escrow's solvency in one currency: its balance of that currency against what it owes in it (credits +
/// bonds).</summary>
internal sealed record SolvencyView(string Balance, string Obligations, string Credits, string Bonds, string Reserved, bool Solvent, CurrencyRefView Currency);
