namespace RwaCompute.Cli.Output.Views;

/// <summary>One transaction a (multisig) admin or timelock proposer submits itself.</summary>
internal sealed record CalldataView(string Description, string To, string Value, string Data);
