using System.Numerics;
using System.Security.Cryptography;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Deployment;
using RwaCompute.Sdk.Validation;
using RwaCompute.Sdk.Wallets;

namespace RwaCompute.Examples;

/// <summary>
/// What every example needs: the chain and deployment from the environment (RWA_RPC_URL, RWA_MANIFEST), the
/// actors' keys from a mnemonic in RWA_MNEMONIC (never from the command line), and a fresh lot to work with.
/// Against `rwa devnet --keep-running` the defaults just work: set RWA_MNEMONIC to anvil's public test mnemonic.
/// </summary>
internal sealed class ExampleSession : IAsyncDisposable
{
    private const int UsdcDecimals = 6;

    private ExampleSession(RwaComputeClient admin, RwaComputeClient provider, RwaComputeClient alice, RwaComputeClient lender, IReadOnlyList<RwaSigner> reporters)
    {
        Admin = admin;
        Provider = provider;
        Alice = alice;
        Lender = lender;
        Reporters = reporters;
    }

    public RwaComputeClient Admin { get; }

    public RwaComputeClient Provider { get; }

    public RwaComputeClient Alice { get; }

    public RwaComputeClient Lender { get; }

    public IReadOnlyList<RwaSigner> Reporters { get; }

    public static async Task<ExampleSession> ConnectAsync(CancellationToken cancellationToken)
    {
        var rpc = new Uri(Environment.GetEnvironmentVariable("RWA_RPC_URL") ?? "http://127.0.0.1:8545");
        var manifest = await DeploymentManifest.LoadAsync(Environment.GetEnvironmentVariable("RWA_MANIFEST") ?? Path.Combine("deployments", "31337.json"), cancellationToken);
        SignerOptions Account(int index) => new() { MnemonicEnvironmentVariable = "RWA_MNEMONIC", AccountIndex = index };
        var admin = await RwaComputeClient.ConnectAsync(new RwaComputeClientOptions { RpcUrl = rpc }, manifest, await SignerResolver.ResolveAsync(Account(0), cancellationToken), cancellationToken: cancellationToken);
        var reporters = new List<RwaSigner>();
        foreach (var index in new[] { 5, 6, 7 })
        {
            reporters.Add(await SignerResolver.ResolveAsync(Account(index), cancellationToken));
        }

        return new ExampleSession(
            admin,
            admin.WithSigner(await SignerResolver.ResolveAsync(Account(1), cancellationToken)),
            admin.WithSigner(await SignerResolver.ResolveAsync(Account(2), cancellationToken)),
            admin.WithSigner(await SignerResolver.ResolveAsync(Account(4), cancellationToken)),
            reporters);
    }

    /// <summary>Registers the provider (if needed) and a new pool, allowlists the actors and issues a 30-day lot of
    /// <paramref name="units"/> GPU-hours to the provider. Issuing is bonded: the escrow pulls a full bond (units ×
    /// price at the default 100 % coverage) from the provider, after the SDK raised the provider's allowance
    /// (AutoApprove).</summary>
    public async Task<(BigInteger LotId, byte[] PoolId)> IssueLotAsync(BigInteger units, BigInteger pricePerUnit, CancellationToken cancellationToken)
    {
        var provider = Provider.Account!;
        if (!await Admin.Token.IsProviderAsync(provider, cancellationToken))
        {
            await Admin.Token.RegisterProviderAsync(provider, cancellationToken);
        }

        // A pool id from a readable label, as the CLI and the reporter configs name pools.
        var poolId = PoolIds.FromLabel("example-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        await Admin.Token.RegisterPoolAsync(poolId, provider, cancellationToken);
        await Admin.Token.SetAllowedBatchAsync([provider, Alice.Account!, Lender.Account!], true, cancellationToken);
        var now = await ChainTimeAsync(cancellationToken);
        var terms = new LotTerms
        {
            Provider = provider,
            PoolId = poolId,
            GpuModel = "H100-SXM5-80G",
            Region = "eu-west",
            StartsAt = now,
            EndsAt = now.AddDays(30),
            ReferencePrice = pricePerUnit,
            SlaUptimeBps = 9_900,
            EnergyWhPerGpuHour = 700,
            // The token requires the keccak256 of the lot's off-chain metadata document (served at its URI).
            MetadataHash = LotTerms.HashMetadata($"{{\"gpu\":\"H100-SXM5-80G\",\"region\":\"eu-west\",\"pool\":\"{Convert.ToHexString(poolId)}\"}}"),
        };
        var lot = await Provider.Token.IssueLotAsync(terms, provider, units, cancellationToken);
        var bond = await Provider.Escrow.GetBondAsync(lot.Value, cancellationToken);
        Expect(bond.Free == units * pricePerUnit, $"issuing pulled a {Usdc(bond.Total)} bond from the provider");
        Console.WriteLine($"issued lot {LotIds.ToHex(lot.Value)} in pool {PoolIds.ToLabel(poolId)} ({units} GPU-hours of H100 in eu-west, {Usdc(pricePerUnit)} per hour); tx {lot.TransactionHash}");
        return (lot.Value, poolId);
    }

    /// <summary>Chain time (expiries and maturities are judged by it, not by the local clock).</summary>
    public Task<DateTimeOffset> ChainTimeAsync(CancellationToken cancellationToken) => Admin.GetChainTimeAsync(cancellationToken);

    /// <summary>USDC text ("2.5") as base units, exactly.</summary>
    public static BigInteger Usdc(string text) => TokenAmount.Parse(text, UsdcDecimals);

    /// <summary>USDC base units as exact text ("2.5 USDC").</summary>
    public static string Usdc(BigInteger baseUnits) => TokenAmount.Format(baseUnits, UsdcDecimals) + " USDC";

    /// <summary>Releases the transport the admin client created (the others share it).</summary>
    public ValueTask DisposeAsync() => Admin.DisposeAsync();

    /// <summary>Fails the example (exit code 1) when an expectation does not hold, so CI notices.</summary>
    public static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Expectation failed: " + what);
        }

        Console.WriteLine("  ok: " + what);
    }
}
