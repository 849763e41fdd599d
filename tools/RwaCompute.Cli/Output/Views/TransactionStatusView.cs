namespace RwaCompute.Cli.Output.Views;

/// <summary>What the chain says about one transaction (<c>rwa tx status</c>, <c>rwa tx pending</c>).</summary>
/// <param name="Hash">The transaction.</param>
/// <param name="State">mined, reverted, pending, notFound, replaced or outcomeUnknown.</param>
/// <param name="BlockNumber">The block it was mined in.</param>
/// <param name="GasUsed">Gas used, when mined.</param>
/// <param name="From">The sender, when known (from the node or the pending journal).</param>
/// <param name="Nonce">Its nonce, when known.</param>
/// <param name="Description">What it does, from the pending journal.</param>
/// <param name="ReplacedBy">The transaction that used its nonce, when replaced.</param>
/// <param name="Journaled">Whether the pending journal lists it (a re-run of its command resolves it).</param>
internal sealed record TransactionStatusView(
    string Hash,
    string State,
    long? BlockNumber,
    string? GasUsed,
    string? From,
    string? Nonce,
    string? Description,
    string? ReplacedBy,
    bool Journaled);
