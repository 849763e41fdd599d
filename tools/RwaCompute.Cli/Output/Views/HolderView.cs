namespace RwaCompute.Cli.Output.Views;

/// <summary>A holder's position in a lot and its stablecoin.</summary>
internal sealed record HolderView(string Name, string Address, string Units, string LockedUnits, string BalanceUsdc, string ClaimableUsdc);
