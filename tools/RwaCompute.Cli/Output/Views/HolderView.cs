namespace RwaCompute.Cli.Output.Views;

/// <summary>A holder's position in a lot and in the lot's <see cref="Currency"/> (wallet balance, claimable in the escrow).</summary>
internal sealed record HolderView(string Name, string Address, string Units, string LockedUnits, string Balance, string Claimable, CurrencyRefView Currency);
