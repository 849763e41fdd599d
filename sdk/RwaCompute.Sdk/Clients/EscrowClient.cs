using System.Numerics;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using RwaCompute.Sdk.Contracts.ComputeEscrow;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Transactions;
using RwaCompute.Sdk.Validation;
using TransferStatus = RwaCompute.Sdk.Contracts.ComputeCapacityToken.TransferStatus;

namespace RwaCompute.Sdk.Clients;

/// <summary>
/// The stablecoin escrow, the suite's custodian: provider bonds, redeem / confirm delivery / SLA refund, and
/// pull-payment withdrawals (sale proceeds the market credited and the principals and repayments the lending module
/// credited included; trading itself is <see cref="MarketClient"/>, pledges <see cref="LendingClient"/>). With <c>AutoApprove</c> (the default) the client
/// raises the stablecoin allowance or the token operator approval a flow needs before sending it.
/// </summary>
public sealed class EscrowClient : IEscrowClient
{
    private readonly SuiteContext context;
    private readonly ComputeTokenClient token;
    private readonly StablecoinClient stablecoin;

    internal EscrowClient(SuiteContext context, ComputeTokenClient token, StablecoinClient stablecoin)
    {
        this.context = context;
        this.token = token;
        this.stablecoin = stablecoin;
    }

    /// <inheritdoc/>
    public string Address => context.EscrowAddress;

    /// <inheritdoc/>
    public ComputeEscrowService Service => context.Escrow;

    // ----------------------------------------------------------------- bonds

    /// <inheritdoc/>
    public async Task<TransactionResult> PostBondAsync(BigInteger lotId, BigInteger amount, CancellationToken cancellationToken = default)
    {
        Guard.Amount(amount, nameof(amount));
        await token.GetLotAsync(lotId, cancellationToken).ConfigureAwait(false);
        if (context.AutoApprove)
        {
            var currency = await context.LotCurrencyAsync(lotId, cancellationToken).ConfigureAwait(false);
            await stablecoin.For(currency).EnsureAllowanceAsync(Address, amount, cancellationToken).ConfigureAwait(false);
        }

        return TransactionResult.From(await SendAsync(new PostBondFunction { LotId = lotId, Amount = amount }, $"escrow.postBond(lot {LotIds.ToHex(lotId)}, {amount})", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> WithdrawBondAsync(BigInteger lotId, BigInteger amount, CancellationToken cancellationToken = default)
    {
        Guard.Amount(amount, nameof(amount));
        await token.GetLotAsync(lotId, cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(await SendAsync(new WithdrawBondFunction { LotId = lotId, Amount = amount }, $"escrow.withdrawBond(lot {LotIds.ToHex(lotId)}, {amount})", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<BondBalance> GetBondAsync(BigInteger lotId, CancellationToken cancellationToken = default)
    {
        var bond = await context.ReadAsync(ct => context.Escrow.BondOfQueryAsync(lotId, null, ct), cancellationToken).ConfigureAwait(false);
        return new BondBalance(bond.Total, bond.Reserved);
    }

    // ----------------------------------------------------------------- solvency

    /// <inheritdoc/>
    public async Task<EscrowTotals> GetTotalsAsync(string? currency = null, CancellationToken cancellationToken = default)
    {
        var coin = CurrencyOrDefault(currency);
        var totals = await context.ReadAsync(ct => context.Escrow.TotalsQueryAsync(coin, null, ct), cancellationToken).ConfigureAwait(false);
        return new EscrowTotals(totals.Credits, totals.Bonds, totals.Reserved);
    }

    /// <inheritdoc/>
    public async Task<EscrowSolvency> GetSolvencyAsync(string? currency = null, CancellationToken cancellationToken = default)
    {
        var coin = CurrencyOrDefault(currency);
        var solvency = await context.ReadAsync(ct => context.Escrow.SolvencyQueryAsync(coin, null, ct), cancellationToken).ConfigureAwait(false);
        return new EscrowSolvency(solvency.Balance, solvency.Obligations);
    }

    // ----------------------------------------------------------------- currencies

    /// <inheritdoc/>
    public Task<string> CurrencyOfAsync(BigInteger lotId, CancellationToken cancellationToken = default) =>
        context.LotCurrencyAsync(lotId, cancellationToken);

    /// <inheritdoc/>
    public async Task<CurrencyInfo> GetCurrencyAsync(string currency, CancellationToken cancellationToken = default)
    {
        var coin = Guard.Address(currency, nameof(currency));
        var info = await context.ReadAsync(ct => context.Escrow.CurrencyInfoQueryAsync(coin, null, ct), cancellationToken).ConfigureAwait(false);
        return new CurrencyInfo(coin, info.Accepted, info.Decimals);
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> SetCurrencyAcceptedAsync(string currency, bool accepted, CancellationToken cancellationToken = default)
    {
        var coin = Guard.Address(currency, nameof(currency));
        var receipt = await SendAsync(new SetCurrencyAcceptedFunction { Currency = coin, Accepted = accepted }, $"escrow.setCurrencyAccepted({coin}, {accepted})", cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(receipt);
    }

    // ----------------------------------------------------------------- redemption

    /// <inheritdoc/>
    public async Task<TransactionResult<BigInteger>> RedeemAsync(BigInteger lotId, BigInteger units, CancellationToken cancellationToken = default)
    {
        Guard.Amount(units, nameof(units), 64);
        await token.GetLotAsync(lotId, cancellationToken).ConfigureAwait(false);
        var until = await token.RedeemableUntilAsync(lotId, cancellationToken).ConfigureAwait(false);
        var now = await context.ChainTimeAsync(cancellationToken).ConfigureAwait(false);
        if (now >= until)
        {
            throw new RedemptionClosedException(lotId, until, now);
        }

        var holder = context.Account;
        var balance = await token.BalanceOfAsync(holder, lotId, cancellationToken).ConfigureAwait(false);
        var locked = await token.LockedBalanceOfAsync(holder, lotId, cancellationToken).ConfigureAwait(false);
        if (balance - locked < units)
        {
            var pledged = locked.IsZero ? string.Empty : $", {locked} of them pledged as collateral";
            throw new TransferNotAllowedException(
                TransferStatus.InsufficientUnlockedBalance,
                holder,
                Address,
                lotId,
                units,
                $"Cannot redeem {units} unit(s) of lot {LotIds.ToHex(lotId)}: {holder} holds {balance}{pledged}, so at most {balance - locked} can be redeemed.");
        }

        var receipt = await SendAsync(new RedeemFunction { LotId = lotId, Units = units }, $"escrow.redeem(lot {LotIds.ToHex(lotId)}, {units} units)", cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(receipt.DecodeAllEvents<RedemptionOpenedEventDTO>().Single().Event.RedemptionId, receipt);
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> ConfirmDeliveryAsync(BigInteger redemptionId, CancellationToken cancellationToken = default)
    {
        await GetRedemptionAsync(redemptionId, cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(await SendAsync(new ConfirmDeliveryFunction { RedemptionId = redemptionId }, $"escrow.confirmDelivery({redemptionId})", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> ConfirmDeliveryByOracleAsync(BigInteger redemptionId, CancellationToken cancellationToken = default)
    {
        await GetRedemptionAsync(redemptionId, cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(await SendAsync(new ConfirmDeliveryByOracleFunction { RedemptionId = redemptionId }, $"escrow.confirmDeliveryByOracle({redemptionId})", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> ClaimRefundAsync(BigInteger redemptionId, CancellationToken cancellationToken = default)
    {
        await GetRedemptionAsync(redemptionId, cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(await SendAsync(new ClaimRefundFunction { RedemptionId = redemptionId }, $"escrow.claimRefund({redemptionId})", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<RedemptionInfo> GetRedemptionAsync(BigInteger redemptionId, CancellationToken cancellationToken = default)
    {
        Guard.Amount(redemptionId, nameof(redemptionId));
        var redemption = await context.ReadAsync(ct => context.Escrow.RedemptionQueryAsync(redemptionId, null, ct), cancellationToken).ConfigureAwait(false);
        if (IsZero(redemption.Holder))
        {
            throw new EscrowRecordNotFoundException("redemption", redemptionId);
        }

        return new RedemptionInfo(redemptionId, Checksum(redemption.Holder), redemption.LotId, redemption.Units, redemption.Reserved, SuiteContext.Time(redemption.OpenedAt), SuiteContext.Time(redemption.Deadline), redemption.Status);
    }

    // ----------------------------------------------------------------- pull payments

    /// <inheritdoc/>
    public Task<BigInteger> ClaimableAsync(string account, string? currency = null, CancellationToken cancellationToken = default)
    {
        var address = Guard.Address(account, nameof(account));
        var coin = CurrencyOrDefault(currency);
        return context.ReadAsync(ct => context.Escrow.ClaimableQueryAsync(address, coin, null, ct), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<TransactionResult<BigInteger>> WithdrawAsync(string? to = null, string? currency = null, CancellationToken cancellationToken = default)
    {
        var receiver = to is null ? context.Account : Guard.Address(to, nameof(to));
        var coin = CurrencyOrDefault(currency);
        if (string.Equals(receiver, Address, StringComparison.OrdinalIgnoreCase))
        {
            throw new InputValidationException(nameof(to), "is the escrow itself: the funds would be stranded.");
        }

        var amount = await ClaimableAsync(context.Account, coin, cancellationToken).ConfigureAwait(false);
        if (amount.IsZero)
        {
            throw new InputValidationException(nameof(to), $"the escrow owes {context.Account} nothing in {coin}.");
        }

        var receipt = await SendAsync(new WithdrawFunction { Currency = coin, To = receiver }, $"escrow.withdraw({coin}, {receiver})", cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(receipt.DecodeAllEvents<WithdrawnEventDTO>().Single().Event.Amount, receipt);
    }

    // ----------------------------------------------------------------- helpers

    /// <summary>The given currency (checksummed), or the manifest's stablecoin.</summary>
    private string CurrencyOrDefault(string? currency) =>
        currency is null ? context.StablecoinAddress : Guard.Address(currency, nameof(currency));

    private static bool IsZero(string? address) => string.IsNullOrEmpty(address) || address == AddressUtil.ZERO_ADDRESS || address == "0x0";

    private static string Checksum(string address) => new AddressUtil().ConvertToChecksumAddress(address);


    private Task<TransactionReceipt> SendAsync<TFunction>(TFunction message, string description, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new() =>
        context.SendAsync(TransactionCall.For(Address, message, description, SuiteErrorDecoder.ForEscrow), cancellationToken);
}
