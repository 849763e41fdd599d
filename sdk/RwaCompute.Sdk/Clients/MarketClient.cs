using System.Globalization;
using System.Numerics;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using RwaCompute.Sdk.Contracts.ComputeMarket;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Transactions;
using RwaCompute.Sdk.Validation;
using TransferStatus = RwaCompute.Sdk.Contracts.ComputeCapacityToken.TransferStatus;

namespace RwaCompute.Sdk.Clients;

/// <summary>
/// The market: fixed-price offers and Dutch auctions settled delivery versus payment (the payment goes into the escrow,
/// which credits the seller; withdraw it with <see cref="EscrowClient.WithdrawAsync"/>), and the price index per
/// (GPU model, region, currency). With <c>AutoApprove</c> (the default) the client raises the stablecoin allowance or
/// the token operator approval a flow needs before sending it.
/// </summary>
public sealed class MarketClient : IMarketClient
{
    /// <summary>The shortest price-index window the market accepts.</summary>
    public static readonly TimeSpan MinIndexWindow = TimeSpan.FromHours(1);

    /// <summary>The longest price-index window the market accepts.</summary>
    public static readonly TimeSpan MaxIndexWindow = TimeSpan.FromDays(90);

    private readonly SuiteContext context;
    private readonly ComputeTokenClient token;
    private readonly StablecoinClient stablecoin;

    internal MarketClient(SuiteContext context, ComputeTokenClient token, StablecoinClient stablecoin)
    {
        this.context = context;
        this.token = token;
        this.stablecoin = stablecoin;
    }

    /// <inheritdoc/>
    public string Address => context.MarketAddress;

    /// <inheritdoc/>
    public ComputeMarketService Service => context.Market;

    /// <inheritdoc/>
    public async Task<TransactionResult<BigInteger>> CreateOfferAsync(BigInteger lotId, BigInteger units, BigInteger pricePerUnit, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        Guard.Amount(units, nameof(units), 64);
        Guard.Amount(pricePerUnit, nameof(pricePerUnit), 96);
        var lot = await token.RequireLiveLotAsync(lotId, cancellationToken).ConfigureAwait(false);
        var now = await context.ChainTimeAsync(cancellationToken).ConfigureAwait(false);
        if (expiresAt <= now || expiresAt > lot.EndsAt)
        {
            throw new InputValidationException(nameof(expiresAt), $"{expiresAt:u} must be after the chain time {now:u} and not after the lot's end {lot.EndsAt:u}.");
        }

        await EnsureOperatorAsync(cancellationToken).ConfigureAwait(false);
        var message = new CreateOfferFunction { LotId = lotId, Units = units, PricePerUnit = pricePerUnit, ExpiresAt = SuiteContext.Unix(expiresAt, nameof(expiresAt)) };
        var receipt = await SendAsync(message, $"market.createOffer(lot {LotIds.ToHex(lotId)}, {units} units at {pricePerUnit})", cancellationToken).ConfigureAwait(false);
        return Result(receipt.DecodeAllEvents<OfferCreatedEventDTO>().Single().Event.OfferId, receipt);
    }

    /// <inheritdoc/>
    public async Task<TransactionResult<BigInteger>> CreateAuctionAsync(BigInteger lotId, BigInteger units, BigInteger startPrice, BigInteger floorPrice, DateTimeOffset startsAt, DateTimeOffset endsAt, CancellationToken cancellationToken = default)
    {
        Guard.Amount(units, nameof(units), 64);
        Guard.Amount(startPrice, nameof(startPrice), 96);
        Guard.Amount(floorPrice, nameof(floorPrice), 96);
        if (floorPrice > startPrice)
        {
            throw new InputValidationException(nameof(floorPrice), $"the floor price {floorPrice} is above the start price {startPrice}; an auction's price only falls.");
        }

        var start = SuiteContext.Unix(startsAt, nameof(startsAt));
        var end = SuiteContext.Unix(endsAt, nameof(endsAt));
        var lot = await token.RequireLiveLotAsync(lotId, cancellationToken).ConfigureAwait(false);
        var now = await context.ChainTimeAsync(cancellationToken).ConfigureAwait(false);
        if (endsAt <= now || endsAt <= startsAt || endsAt > lot.EndsAt)
        {
            throw new InputValidationException(nameof(endsAt), $"{endsAt:u} must be after the start {startsAt:u} and the chain time {now:u}, and not after the lot's end {lot.EndsAt:u}.");
        }

        await EnsureOperatorAsync(cancellationToken).ConfigureAwait(false);
        var message = new CreateAuctionFunction { LotId = lotId, Units = units, StartPrice = startPrice, FloorPrice = floorPrice, StartsAt = start, EndsAt = end };
        var receipt = await SendAsync(message, $"market.createAuction(lot {LotIds.ToHex(lotId)}, {units} units from {startPrice} to {floorPrice})", cancellationToken).ConfigureAwait(false);
        return Result(receipt.DecodeAllEvents<OfferCreatedEventDTO>().Single().Event.OfferId, receipt);
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> CancelOfferAsync(BigInteger offerId, CancellationToken cancellationToken = default)
    {
        await GetOfferAsync(offerId, cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(await SendAsync(new CancelOfferFunction { OfferId = offerId }, $"market.cancelOffer({offerId})", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<TransactionResult<PurchaseFill>> PurchaseAsync(BigInteger offerId, BigInteger units, BigInteger? maxPricePerUnit = null, CancellationToken cancellationToken = default)
    {
        Guard.Amount(units, nameof(units), 64);
        if (maxPricePerUnit is { } limit)
        {
            Guard.Amount(limit, nameof(maxPricePerUnit), 96);
        }

        var offer = await GetOfferAsync(offerId, cancellationToken).ConfigureAwait(false);
        var buyer = context.Account;
        var now = await context.ChainTimeAsync(cancellationToken).ConfigureAwait(false);
        if (offer.Cancelled)
        {
            throw new InputValidationException(nameof(offerId), $"offer {offerId} is cancelled.");
        }

        if (now >= offer.EndsAt)
        {
            throw new InputValidationException(nameof(offerId), $"offer {offerId} ended at {offer.EndsAt:u} (chain time {now:u}).");
        }

        if (now < offer.StartsAt)
        {
            throw new InputValidationException(nameof(offerId), $"offer {offerId} opens at {offer.StartsAt:u} (chain time {now:u}).");
        }

        if (offer.UnitsRemaining < units)
        {
            throw new InputValidationException(nameof(units), $"offer {offerId} has {offer.UnitsRemaining} unit(s) left; {units} requested.");
        }

        var price = offer.PriceAt(now);
        var max = maxPricePerUnit ?? price;
        if (price > max)
        {
            throw new InputValidationException(nameof(maxPricePerUnit), $"offer {offerId} costs {price} per unit now, above the limit of {max}.");
        }

        // The market moves the seller's units to the buyer: the token's own compliance check says whether it can.
        var status = await token.CanTransferAsync(offer.Seller, buyer, offer.LotId, units, cancellationToken).ConfigureAwait(false);
        if (status != TransferStatus.Ok)
        {
            throw new TransferNotAllowedException(status, offer.Seller, buyer, offer.LotId, units);
        }

        if (context.AutoApprove)
        {
            await stablecoin.EnsureAllowanceAsync(Address, units * max, cancellationToken).ConfigureAwait(false);
        }

        var message = new PurchaseFunction { OfferId = offerId, Units = units, MaxPricePerUnit = max };
        var receipt = await SendAsync(message, $"market.purchase(offer {offerId}, {units} units at <= {max})", cancellationToken).ConfigureAwait(false);
        var bought = receipt.DecodeAllEvents<PurchasedEventDTO>().Single().Event;
        return Result(new PurchaseFill(bought.OfferId, bought.LotId, bought.Units, bought.PricePerUnit, bought.Cost), receipt);
    }

    /// <inheritdoc/>
    public async Task<OfferInfo> GetOfferAsync(BigInteger offerId, CancellationToken cancellationToken = default)
    {
        Guard.Amount(offerId, nameof(offerId));
        var offer = await context.ReadAsync(ct => context.Market.OfferQueryAsync(offerId, null, ct), cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(offer.Seller) || offer.Seller == AddressUtil.ZERO_ADDRESS || offer.Seller == "0x0")
        {
            throw new OfferNotFoundException(offerId);
        }

        return new OfferInfo(
            offerId,
            new AddressUtil().ConvertToChecksumAddress(offer.Seller),
            offer.LotId,
            offer.UnitsRemaining,
            offer.StartPrice,
            offer.FloorPrice,
            SuiteContext.Time(offer.StartsAt),
            SuiteContext.Time(offer.EndsAt),
            offer.Cancelled);
    }

    /// <inheritdoc/>
    public async Task<BigInteger> GetCurrentPriceAsync(BigInteger offerId, CancellationToken cancellationToken = default)
    {
        var offer = await GetOfferAsync(offerId, cancellationToken).ConfigureAwait(false);
        return offer.PriceAt(await context.ChainTimeAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<PriceIndexEntry> GetPriceAsync(string gpuModel, string region, string? currency = null, CancellationToken cancellationToken = default)
    {
        var model = Bytes32Text.Parse(gpuModel, nameof(gpuModel), 16);
        var place = Bytes32Text.Parse(region, nameof(region), 16);
        var coin = currency is null ? context.StablecoinAddress : Guard.Address(currency, nameof(currency));
        var point = await context.ReadAsync(ct => context.Market.PriceOfQueryAsync(model, place, coin, null, ct), cancellationToken).ConfigureAwait(false);
        var window = await GetIndexWindowAsync(cancellationToken).ConfigureAwait(false);
        return new PriceIndexEntry(
            Bytes32Text.Format(model),
            Bytes32Text.Format(place),
            new AddressUtil().ConvertToChecksumAddress(coin),
            point.LastPrice,
            point.LastTradeAt == 0 ? null : SuiteContext.Time(point.LastTradeAt),
            point.Average,
            window);
    }

    /// <inheritdoc/>
    public async Task<TimeSpan> GetIndexWindowAsync(CancellationToken cancellationToken = default) =>
        TimeSpan.FromSeconds(await context.ReadAsync(ct => context.Market.IndexWindowQueryAsync(null, ct), cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public async Task<TransactionResult> SetIndexWindowAsync(TimeSpan window, CancellationToken cancellationToken = default)
    {
        if (window < MinIndexWindow || window > MaxIndexWindow || window.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new InputValidationException(nameof(window), $"the index window must be whole seconds from {MinIndexWindow} to {MaxIndexWindow}, not {window}.");
        }

        var seconds = (uint)window.TotalSeconds;
        var message = new SetIndexWindowFunction { WindowSeconds = seconds };
        return TransactionResult.From(await SendAsync(message, $"market.setIndexWindow({seconds.ToString(CultureInfo.InvariantCulture)} s)", cancellationToken).ConfigureAwait(false));
    }

    private async Task EnsureOperatorAsync(CancellationToken cancellationToken)
    {
        if (context.AutoApprove)
        {
            await token.EnsureApprovalForAllAsync(Address, cancellationToken).ConfigureAwait(false);
        }
    }

    private static TransactionResult<T> Result<T>(T value, TransactionReceipt receipt)
    {
        var basic = TransactionResult.From(receipt);
        return new TransactionResult<T>(value, basic.TransactionHash, basic.BlockNumber, basic.GasUsed);
    }

    private Task<TransactionReceipt> SendAsync<TFunction>(TFunction message, string description, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new() =>
        context.SendAsync(TransactionCall.For(Address, message, description, SuiteErrorDecoder.ForMarket), cancellationToken);
}
