namespace RwaCompute.Cli.Output.Views;

/// <summary>The default admin of a suite contract and its pending two-step hand-over.</summary>
internal sealed record AdminView(string Contract, string Address, string Admin, string? PendingAdmin, DateTimeOffset? PendingSchedule, bool? PendingAcceptable, string DelaySeconds);
