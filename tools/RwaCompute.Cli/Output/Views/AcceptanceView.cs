namespace RwaCompute.Cli.Output.Views;

/// <summary>What <c>rwa admin accept</c> did on one contract.</summary>
/// <param name="Contract">token, oracle or escrow.</param>
/// <param name="Address">The contract.</param>
/// <param name="Accepted">Whether this run accepted the admin (<see langword="false"/>: the signer already was it,
/// nothing sent).</param>
/// <param name="TransactionHash">The acceptance's transaction (listed in the command's <c>transactions</c>).</param>
internal sealed record AcceptanceView(string Contract, string Address, bool Accepted, string? TransactionHash);
