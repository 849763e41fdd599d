namespace RwaCompute.Sdk.Clients;

/// <summary>What <see cref="GovernanceClient.AcceptAdminAsync"/> did on one contract.</summary>
/// <param name="Contract">The contract (a <see cref="Deployment.ManifestContractNames"/> key).</param>
/// <param name="Address">Its address.</param>
/// <param name="Transaction">The <c>acceptDefaultAdminTransfer</c> transaction, or <see langword="null"/> when the
/// signer already was the admin (an earlier, interrupted run accepted it): nothing was sent.</param>
public sealed record AdminAcceptance(string Contract, string Address, TransactionResult? Transaction);
