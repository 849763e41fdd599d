namespace RwaCompute.Cli.Output.Views;

/// <summary>What <c>rwa role grant|revoke</c> did: the transaction, or none when the account already had (or never
/// had) the role.</summary>
internal sealed record RoleChangeView(string Contract, string Role, string Account, bool Changed, IReadOnlyList<TransactionView> Transactions);
