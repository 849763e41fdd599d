using System.Numerics;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using RwaCompute.Contracts.Runtime;
using RwaCompute.Sdk.Contracts.ComputeCurtailment;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Transactions;
using RwaCompute.Sdk.Validation;
using CurtailmentLotSpec = RwaCompute.Sdk.Contracts.ComputeCurtailment.LotSpec;
using TokenLotSpec = RwaCompute.Sdk.Contracts.ComputeCapacityToken.LotSpec;

namespace RwaCompute.Sdk.Clients;

/// <summary>
/// The curtailment module: interruptible lots (the demand-response class). A provider declares a lot interruptible
/// before it exists; the pool's curtailed GPU-hours, from the oracle's reports, are counted against it by
/// <see cref="SyncAsync"/>; after the window <see cref="FinalizeAsync"/> reserves the holders' refund pot in the escrow
/// and holders (or anyone for them) claim it pro rata. The module holds no money: the escrow keeps the refund cover in
/// the provider's bond and credits the claims (withdraw them with <see cref="EscrowClient.WithdrawAsync"/>). Every
/// operation is simulated first: a state the module refuses surfaces as <see cref="CurtailmentStateException"/> wrapping
/// the module's typed revert, and nothing is sent.
/// </summary>
public sealed class CurtailmentClient : ICurtailmentClient
{
    private readonly SuiteContext context;
    private readonly ComputeTokenClient token;

    internal CurtailmentClient(SuiteContext context, ComputeTokenClient token)
    {
        this.context = context;
        this.token = token;
    }

    /// <inheritdoc/>
    public string Address => context.CurtailmentAddress;

    /// <inheritdoc/>
    public ComputeCurtailmentService Service => context.Curtailment;

    /// <inheritdoc/>
    public async Task<TransactionResult<BigInteger>> DeclareInterruptibleAsync(LotTerms terms, InterruptibleTerms interruptible, CancellationToken cancellationToken = default)
    {
        var (spec, lotId) = await CheckDeclarationAsync(terms, interruptible, cancellationToken).ConfigureAwait(false);
        var existing = await GetInterruptibleAsync(lotId, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            throw new CurtailmentStateException(lotId, $"lot {LotIds.ToHex(lotId)} is already declared interruptible.");
        }

        return await DeclareAsync(spec, lotId, interruptible, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<TransactionResult<BigInteger>> IssueInterruptibleLotAsync(LotTerms terms, InterruptibleTerms interruptible, string to, BigInteger units, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interruptible);
        Guard.Amount(units, nameof(units), 48);
        if (units > interruptible.CapacityUnits)
        {
            throw new AmountOutOfRangeException(nameof(units), units, BigInteger.One, interruptible.CapacityUnits, "the lot's interruptible capacity");
        }

        var withCurrency = terms.Currency is null ? terms with { Currency = context.StablecoinAddress } : terms;
        var lotId = LotIds.Compute(withCurrency.ToSpec());
        if (await token.ExistsAsync(lotId, cancellationToken).ConfigureAwait(false))
        {
            throw new CurtailmentStateException(lotId, $"lot {LotIds.ToHex(lotId)} was already issued: issue more of it with the token's IssueAsync (bonded alike, up to the capacity).");
        }

        var existing = await GetInterruptibleAsync(lotId, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            await DeclareInterruptibleAsync(withCurrency, interruptible, cancellationToken).ConfigureAwait(false);
        }
        else if (existing.Terms != interruptible || !string.Equals(existing.Provider, context.Account, StringComparison.OrdinalIgnoreCase))
        {
            throw new CurtailmentStateException(lotId, $"lot {LotIds.ToHex(lotId)} is declared interruptible by {existing.Provider} with {existing.Terms}, not these terms.");
        }

        return await token.IssueLotAsync(withCurrency, to, units, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> RevokeDeclarationAsync(BigInteger lotId, CancellationToken cancellationToken = default)
    {
        Guard.Amount(lotId, nameof(lotId));
        var message = new RevokeDeclarationFunction { LotId = lotId, FromAddress = context.Account };
        await SimulateAsync(
            lotId,
            async ct =>
            {
                await context.Curtailment.RevokeDeclarationSimulateAsync(message, null, ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(await SendAsync(message, $"curtailment.revokeDeclaration(lot {LotIds.ToHex(lotId)})", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<TransactionResult<ulong>> SyncAsync(byte[] poolId, CancellationToken cancellationToken = default)
    {
        RequirePoolId(poolId);
        var message = new SyncFunction { PoolId = poolId };
        await SimulateAsync(BigInteger.Zero, ct => context.Curtailment.SyncSimulateAsync(message, null, ct), cancellationToken).ConfigureAwait(false);
        var receipt = await SendAsync(message, $"curtailment.sync(pool 0x{Convert.ToHexString(poolId).ToLowerInvariant()})", cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(receipt.DecodeAllEvents<PoolSyncedEventDTO>().Single().Event.Attributed, receipt);
    }

    /// <inheritdoc/>
    public async Task<TransactionResult<BigInteger>> FinalizeAsync(BigInteger lotId, CancellationToken cancellationToken = default)
    {
        Guard.Amount(lotId, nameof(lotId));
        var message = new FinalizeFunction { LotId = lotId };
        await SimulateAsync(lotId, ct => context.Curtailment.FinalizeSimulateAsync(message, null, ct), cancellationToken).ConfigureAwait(false);
        var receipt = await SendAsync(message, $"curtailment.finalize(lot {LotIds.ToHex(lotId)})", cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(receipt.DecodeAllEvents<CurtailmentFinalizedEventDTO>().Single().Event.Pot, receipt);
    }

    /// <inheritdoc/>
    public async Task<TransactionResult<BigInteger>> ClaimAsync(BigInteger lotId, string? account = null, CancellationToken cancellationToken = default)
    {
        Guard.Amount(lotId, nameof(lotId));
        var holder = account is null ? context.Account : Guard.Address(account, nameof(account));
        var message = new ClaimFunction { LotId = lotId, Account = holder };
        await SimulateAsync(lotId, ct => context.Curtailment.ClaimSimulateAsync(message, null, ct), cancellationToken).ConfigureAwait(false);
        var receipt = await SendAsync(message, $"curtailment.claim(lot {LotIds.ToHex(lotId)}, {holder})", cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(receipt.DecodeAllEvents<CurtailmentClaimedEventDTO>().Single().Event.Amount, receipt);
    }

    /// <inheritdoc/>
    public async Task<TransactionResult<BigInteger>> ClaimRedeemedAsync(BigInteger redemptionId, CancellationToken cancellationToken = default)
    {
        Guard.Amount(redemptionId, nameof(redemptionId));
        var message = new ClaimRedeemedFunction { RedemptionId = redemptionId };
        await SimulateAsync(BigInteger.Zero, ct => context.Curtailment.ClaimRedeemedSimulateAsync(message, null, ct), cancellationToken).ConfigureAwait(false);
        var receipt = await SendAsync(message, $"curtailment.claimRedeemed({redemptionId})", cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(receipt.DecodeAllEvents<RedemptionCurtailmentClaimedEventDTO>().Single().Event.Amount, receipt);
    }

    /// <inheritdoc/>
    public async Task<InterruptibleLotInfo?> GetInterruptibleAsync(BigInteger lotId, CancellationToken cancellationToken = default)
    {
        Guard.Amount(lotId, nameof(lotId));
        var record = await context.ReadAsync(ct => context.Curtailment.InterruptibleOfQueryAsync(lotId, null, ct), cancellationToken).ConfigureAwait(false);
        if (record.CapacityUnits == 0)
        {
            return null;
        }

        var refundPerUnit = await context.ReadAsync(ct => context.Curtailment.RefundPerUnitQueryAsync(lotId, null, ct), cancellationToken).ConfigureAwait(false);
        return new InterruptibleLotInfo(
            lotId,
            new Nethereum.Util.AddressUtil().ConvertToChecksumAddress(record.Provider),
            record.PoolId,
            SuiteContext.Time(record.StartsAt),
            SuiteContext.Time(record.EndsAt),
            new InterruptibleTerms(record.MaxCurtailBps, record.RefundPerCurtailedHour, record.CapacityUnits),
            record.Attributed,
            record.Finalized,
            refundPerUnit);
    }

    /// <inheritdoc/>
    public async Task<BigInteger?> LiveLotAsync(byte[] poolId, CancellationToken cancellationToken = default)
    {
        RequirePoolId(poolId);
        var lotId = await context.ReadAsync(ct => context.Curtailment.LiveLotOfQueryAsync(poolId, null, ct), cancellationToken).ConfigureAwait(false);
        return lotId.IsZero ? null : lotId;
    }

    /// <inheritdoc/>
    public Task<BigInteger> ClaimableAsync(BigInteger lotId, string account, CancellationToken cancellationToken = default)
    {
        Guard.Amount(lotId, nameof(lotId));
        var holder = Guard.Address(account, nameof(account));
        return context.ReadAsync(ct => context.Curtailment.ClaimableOfQueryAsync(lotId, holder, null, ct), cancellationToken);
    }

    /// <summary>Validates a declaration before anything is sent: the terms, the window against chain time, and that
    /// the lot does not exist yet.</summary>
    private async Task<(TokenLotSpec Spec, BigInteger LotId)> CheckDeclarationAsync(LotTerms terms, InterruptibleTerms interruptible, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(interruptible);
        var spec = (terms.Currency is null ? terms with { Currency = context.StablecoinAddress } : terms).ToSpec();
        interruptible.Validate(BondMath.UnitCover(spec.ReferencePrice, spec.BondCoverageBps));
        var lotId = LotIds.Compute(spec);
        var now = await context.ChainTimeAsync(cancellationToken).ConfigureAwait(false);
        if (terms.StartsAt <= now)
        {
            throw new CurtailmentStateException(lotId, $"lot {LotIds.ToHex(lotId)}'s window starts {terms.StartsAt:u}, not after the chain's time {now:u}: a lot is declared interruptible before its window.");
        }

        if (await token.ExistsAsync(lotId, cancellationToken).ConfigureAwait(false))
        {
            throw new CurtailmentStateException(lotId, $"lot {LotIds.ToHex(lotId)} was already issued: only a lot that does not exist yet can be declared interruptible.");
        }

        return (spec, lotId);
    }

    private async Task<TransactionResult<BigInteger>> DeclareAsync(TokenLotSpec spec, BigInteger lotId, InterruptibleTerms interruptible, CancellationToken cancellationToken)
    {
        var message = new DeclareInterruptibleFunction
        {
            FromAddress = context.Account,
            Spec = ToModuleSpec(spec),
            MaxCurtailBps = interruptible.MaxCurtailBps,
            RefundPerCurtailedHour = interruptible.RefundPerCurtailedHour,
            CapacityUnits = interruptible.CapacityUnits,
        };
        await SimulateAsync(lotId, ct => context.Curtailment.DeclareInterruptibleSimulateAsync(message, null, ct), cancellationToken).ConfigureAwait(false);
        var receipt = await SendAsync(message, $"curtailment.declareInterruptible(lot {LotIds.ToHex(lotId)}, {interruptible.MaxCurtailBps} bps at {interruptible.RefundPerCurtailedHour}/h, capacity {interruptible.CapacityUnits})", cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(receipt.DecodeAllEvents<InterruptibleDeclaredEventDTO>().Single().Event.LotId, receipt);
    }

    private static void RequirePoolId(byte[] poolId)
    {
        ArgumentNullException.ThrowIfNull(poolId);
        if (poolId.Length != 32)
        {
            throw new InputValidationException(nameof(poolId), $"a pool id is 32 bytes, not {poolId.Length}.");
        }
    }

    private static CurtailmentLotSpec ToModuleSpec(TokenLotSpec spec) => new()
    {
        Provider = spec.Provider,
        PoolId = spec.PoolId,
        GpuModel = spec.GpuModel,
        Region = spec.Region,
        StartsAt = spec.StartsAt,
        EndsAt = spec.EndsAt,
        ReferencePrice = spec.ReferencePrice,
        SlaUptimeBps = spec.SlaUptimeBps,
        BondCoverageBps = spec.BondCoverageBps,
        EnergyWhPerGpuHour = spec.EnergyWhPerGpuHour,
        MetadataHash = spec.MetadataHash,
        Currency = spec.Currency,
    };

    /// <summary>Runs the call as the signer would send it (<c>eth_call</c>); a refusal by the module becomes a
    /// <see cref="CurtailmentStateException"/> wrapping its typed revert, so nothing is sent.</summary>
    private async Task SimulateAsync<T>(BigInteger lotId, Func<CancellationToken, Task<T>> simulate, CancellationToken cancellationToken)
    {
        try
        {
            await context.ReadAsync(simulate, cancellationToken).ConfigureAwait(false);
        }
        catch (ContractCustomErrorException revert)
        {
            throw new CurtailmentStateException(lotId, $"refused before sending: {revert.Message}", revert);
        }
    }

    private Task<TransactionReceipt> SendAsync<TFunction>(TFunction message, string description, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new() =>
        context.SendAsync(TransactionCall.For(Address, message, description, SuiteErrorDecoder.ForCurtailment), cancellationToken);
}
