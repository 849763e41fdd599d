using System.Numerics;
using System.Security.Cryptography;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.IntegrationTests.Lifecycle;
using RwaCompute.Sdk.Transactions;

namespace RwaCompute.Sdk.IntegrationTests.Infrastructure;

/// <summary>Clients for every devnet actor and a fresh lot in a fresh pool: provider holds 1,000 units, Alice 100,
/// everyone allowlisted; issuing pulled the provider's full bond (1,000 × 3 USDC).</summary>
public sealed record MarketSetup(RwaComputeClient Admin, RwaComputeClient Provider, RwaComputeClient Alice, RwaComputeClient Bob, RwaComputeClient Lender, BigInteger LotId, byte[] PoolId, LotTerms Terms)
{
    public static async Task<MarketSetup> CreateAsync(SuiteChain chain, TransactionOptions? transactions = null, CancellationToken cancellationToken = default)
    {
        var accounts = SuiteChain.Accounts;
        var admin = await chain.ConnectAsync(accounts.Admin, transactions, cancellationToken);
        var provider = admin.WithSigner(accounts.Provider);
        if (!await admin.Token.IsProviderAsync(accounts.Provider.Address, cancellationToken))
        {
            await admin.Token.RegisterProviderAsync(accounts.Provider.Address, cancellationToken);
        }

        var poolId = RandomNumberGenerator.GetBytes(32);
        await admin.Token.RegisterPoolAsync(poolId, accounts.Provider.Address, cancellationToken);
        await admin.Token.SetAllowedBatchAsync([accounts.Provider.Address, accounts.Alice.Address, accounts.Bob.Address, accounts.Lender.Address], true, cancellationToken);
        var now = await LifecycleScenario.ChainTimeAsync(admin, cancellationToken);
        var terms = new LotTerms
        {
            Provider = accounts.Provider.Address,
            PoolId = poolId,
            GpuModel = "A100-80G",
            Region = "us-east",
            StartsAt = now,
            EndsAt = now.AddDays(30),
            ReferencePrice = LifecycleScenario.Price,
            SlaUptimeBps = 9_900,
            EnergyWhPerGpuHour = 400,
            MetadataHash = LotTerms.HashMetadata("{\"gpu\":\"A100-80G\",\"region\":\"us-east\",\"pool\":\"" + Convert.ToHexString(poolId) + "\"}"),
            Currency = chain.Manifest.StablecoinAddress,
        };
        var lotId = (await provider.Token.IssueLotAsync(terms, accounts.Provider.Address, 1_000, cancellationToken)).Value;
        await provider.Token.TransferAsync(accounts.Alice.Address, lotId, 100, cancellationToken);
        return new MarketSetup(admin, provider, admin.WithSigner(accounts.Alice), admin.WithSigner(accounts.Bob), admin.WithSigner(accounts.Lender), lotId, poolId, terms);
    }

    /// <summary>Approves the escrow for more of the provider's stablecoin than any test issues, so issues sent
    /// concurrently or as raw calls (which do not approve) find the bond allowance they pull.</summary>
    public Task<TransactionResult> ApproveBondsAsync(CancellationToken cancellationToken = default) =>
        Provider.Stablecoin.ApproveAsync(Provider.Escrow.Address, 50_000_000_000, cancellationToken);
}
