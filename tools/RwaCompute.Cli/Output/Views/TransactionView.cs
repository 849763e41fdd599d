namespace RwaCompute.Cli.Output.Views;

/// <summary>A mined transaction a command sent (or, on a re-run, resolved): every approval and the action itself.</summary>
/// <param name="Hash">The transaction hash.</param>
/// <param name="BlockNumber">The block it was mined in.</param>
/// <param name="GasUsed">Gas used, as a decimal string.</param>
/// <param name="Description">What it does, as the SDK describes the call (<c>stablecoin.approve(0x…, 5000000)</c>).</param>
internal sealed record TransactionView(string Hash, long BlockNumber, string GasUsed, string Description);
