using System.Globalization;
using System.Numerics;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using RwaCompute.Sdk.Contracts.ComputeMarket;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Orders;
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
        return TransactionResult.From(receipt.DecodeAllEvents<OfferCreatedEventDTO>().Single().Event.OfferId, receipt);
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
        return TransactionResult.From(receipt.DecodeAllEvents<OfferCreatedEventDTO>().Single().Event.OfferId, receipt);
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
            var currency = await context.LotCurrencyAsync(offer.LotId, cancellationToken).ConfigureAwait(false);
            await stablecoin.For(currency).EnsureAllowanceAsync(Address, units * max, cancellationToken).ConfigureAwait(false);
        }

        var message = new PurchaseFunction { OfferId = offerId, Units = units, MaxPricePerUnit = max };
        var receipt = await SendAsync(message, $"market.purchase(offer {offerId}, {units} units at <= {max})", cancellationToken).ConfigureAwait(false);
        var bought = receipt.DecodeAllEvents<PurchasedEventDTO>().Single().Event;
        return TransactionResult.From(new PurchaseFill(bought.OfferId, bought.LotId, bought.Units, bought.PricePerUnit, bought.Cost), receipt);
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
    public async Task<IReadOnlyList<OfferInfo>> ListOffersAsync(BigInteger? lotId = null, bool openOnly = true, CancellationToken cancellationToken = default)
    {
        const int Page = 32;
        var now = await context.ChainTimeAsync(cancellationToken).ConfigureAwait(false);
        var offers = new List<OfferInfo>();
        for (var first = BigInteger.One; ; first += Page)
        {
            var page = await Task.WhenAll(Enumerable.Range(0, Page).Select(i => TryGetOfferAsync(first + i, cancellationToken))).ConfigureAwait(false);
            offers.AddRange(page.OfType<OfferInfo>().Where(o => (lotId is null || o.LotId == lotId) && (!openOnly || o.IsOpenAt(now))));
            if (page.Any(o => o is null))
            {
                // Ids have no holes: the first unknown id ends the list.
                return offers;
            }
        }
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

    /// <inheritdoc/>
    public OrderDomain OrderDomain => new(context.ChainId, Address);

    /// <inheritdoc/>
    public async Task<SignedOrder> SignAskAsync(AskTerms terms, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(terms);
        Guard.Amount(terms.Units, nameof(terms.Units), 64);
        Guard.Amount(terms.PricePerUnit, nameof(terms.PricePerUnit), 96);
        var expiry = SuiteContext.Unix(terms.Expiry, nameof(terms.Expiry));
        var lot = await token.RequireLiveLotAsync(terms.LotId, cancellationToken).ConfigureAwait(false);
        // An ask settles in its lot's currency: default to it, refuse another.
        var lotCurrency = await context.LotCurrencyAsync(terms.LotId, cancellationToken).ConfigureAwait(false);
        var currency = terms.Currency is null ? lotCurrency : Guard.Address(terms.Currency, nameof(terms.Currency));
        if (!string.Equals(currency, lotCurrency, StringComparison.OrdinalIgnoreCase))
        {
            throw new InputValidationException(nameof(terms.Currency), $"lot {LotIds.ToHex(terms.LotId)} settles in {lotCurrency}, not {currency}.");
        }
        var now = await context.ChainTimeAsync(cancellationToken).ConfigureAwait(false);
        if (terms.Expiry <= now || terms.Expiry > lot.EndsAt)
        {
            throw new InputValidationException(nameof(terms.Expiry), $"{terms.Expiry:u} must be after the chain time {now:u} and not after the lot's end {lot.EndsAt:u}.");
        }

        var signer = context.RequireSender().Signer;
        var ask = new Ask
        {
            Seller = signer.Address,
            LotId = terms.LotId,
            Units = (ulong)terms.Units,
            PricePerUnit = terms.PricePerUnit,
            Currency = currency,
            Expiry = expiry,
            Salt = Salt(),
            Counter = await CounterAsync(signer.Address, cancellationToken).ConfigureAwait(false),
        };

        // A buyer's fill moves the units with the market as the seller's operator: approve it now, once.
        await EnsureOperatorAsync(cancellationToken).ConfigureAwait(false);
        var signature = await signer.SignDigestAsync(OrderDigest.Compute(OrderDomain, ask), cancellationToken).ConfigureAwait(false);
        return SignedOrder.ForAsk(OrderDomain, ask, signature);
    }

    /// <inheritdoc/>
    public async Task<SignedOrder> SignBidAsync(BidCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        Guard.Amount(criteria.Units, nameof(criteria.Units), 64);
        Guard.Amount(criteria.PricePerUnit, nameof(criteria.PricePerUnit), 96);
        if (criteria.MinSlaBps > 10_000)
        {
            throw new InputValidationException(nameof(criteria.MinSlaBps), $"{criteria.MinSlaBps} bps is above 100 %.");
        }

        if (criteria.DeliveryFrom is { } from && criteria.DeliveryUntil is { } until && until <= from)
        {
            throw new InputValidationException(nameof(criteria.DeliveryUntil), $"{until:u} must be after the delivery start {from:u}.");
        }

        var currency = Currency(criteria.Currency);
        var expiry = SuiteContext.Unix(criteria.Expiry, nameof(criteria.Expiry));
        var now = await context.ChainTimeAsync(cancellationToken).ConfigureAwait(false);
        if (criteria.Expiry <= now)
        {
            throw new InputValidationException(nameof(criteria.Expiry), $"{criteria.Expiry:u} must be after the chain time {now:u}.");
        }

        var signer = context.RequireSender().Signer;
        var bid = new Bid
        {
            Buyer = signer.Address,
            GpuModel = criteria.GpuModel is null ? new byte[16] : Bytes32Text.Parse(criteria.GpuModel, nameof(criteria.GpuModel), 16),
            Region = criteria.Region is null ? new byte[16] : Bytes32Text.Parse(criteria.Region, nameof(criteria.Region), 16),
            DeliveryFrom = criteria.DeliveryFrom is { } start ? SuiteContext.Unix(start, nameof(criteria.DeliveryFrom)) : 0,
            DeliveryUntil = criteria.DeliveryUntil is { } end ? SuiteContext.Unix(end, nameof(criteria.DeliveryUntil)) : 0,
            MinSlaBps = criteria.MinSlaBps,
            MaxWhPerGpuHour = criteria.MaxWhPerGpuHour ?? 0,
            MinUnitCover = Guard.Amount(criteria.MinUnitCover ?? criteria.PricePerUnit, nameof(criteria.MinUnitCover), 96, allowZero: true),
            Currency = currency,
            PricePerUnit = criteria.PricePerUnit,
            Units = (ulong)criteria.Units,
            Expiry = expiry,
            Salt = Salt(),
            Counter = await CounterAsync(signer.Address, cancellationToken).ConfigureAwait(false),
        };

        // A seller's fill pulls the payment from the buyer through the market: add the whole bid to the allowance now,
        // on top of what earlier orders may still draw on.
        if (context.AutoApprove)
        {
            var coin = stablecoin.For(currency);
            var current = await coin.AllowanceAsync(signer.Address, Address, cancellationToken).ConfigureAwait(false);
            await coin.ApproveAsync(Address, current + (criteria.Units * criteria.PricePerUnit), cancellationToken).ConfigureAwait(false);
        }

        var signature = await signer.SignDigestAsync(OrderDigest.Compute(OrderDomain, bid), cancellationToken).ConfigureAwait(false);
        return SignedOrder.ForBid(OrderDomain, bid, signature);
    }

    /// <inheritdoc/>
    public async Task<OrderState> GetOrderStateAsync(SignedOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        RequireDomain(order);
        var status = await context.ReadAsync(ct => context.Market.OrderStatusQueryAsync(order.HashBytes, null, ct), cancellationToken).ConfigureAwait(false);
        var counter = await CounterAsync(order.Maker, cancellationToken).ConfigureAwait(false);
        var now = await context.ChainTimeAsync(cancellationToken).ConfigureAwait(false);
        // As OpenZeppelin's SignatureChecker: a maker with code (a contract wallet, an EIP-7702 account) is asked through
        // ERC-1271 only; a plain account must have signed with its key. A fill recorded on chain proves it.
        var signed = !status.Filled.IsZero || (await HasCodeAsync(order.Maker, cancellationToken).ConfigureAwait(false)
            ? await IsWalletSignatureAsync(order, cancellationToken).ConfigureAwait(false)
            : order.IsSignedByMakerKey());
        return new OrderState(order.Hash, order.Units, status.Filled, status.Cancelled, counter != order.Counter, now >= order.Expiry, signed);
    }

    /// <inheritdoc/>
    public async Task<TransactionResult<OrderFill>> FillAskAsync(SignedOrder ask, BigInteger units, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ask);
        Guard.Amount(units, nameof(units), 64);
        var order = ask.Ask ?? throw new InputValidationException(nameof(ask), $"order {ask.Hash} is a bid: fill it with FillBidAsync, naming a lot.");
        await RequireFillableAsync(ask, units, cancellationToken).ConfigureAwait(false);
        var buyer = context.Account;
        var status = await token.CanTransferAsync(order.Seller, buyer, order.LotId, units, cancellationToken).ConfigureAwait(false);
        if (status != TransferStatus.Ok)
        {
            throw new TransferNotAllowedException(status, order.Seller, buyer, order.LotId, units);
        }

        if (!await context.ReadAsync(ct => context.Token.IsApprovedForAllQueryAsync(order.Seller, Address, null, ct), cancellationToken).ConfigureAwait(false))
        {
            throw new OrderNotFillableException(ask.Hash, OrderProblem.SellerNotApproved, $"the seller {order.Seller} has not approved the market to move its units (setApprovalForAll), so a fill would revert.");
        }

        var lotCurrency = await context.LotCurrencyAsync(order.LotId, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(order.Currency, lotCurrency, StringComparison.OrdinalIgnoreCase))
        {
            throw new OrderNotFillableException(ask.Hash, OrderProblem.UnsupportedCurrency, $"it settles in {order.Currency}; its lot settles in {lotCurrency}.");
        }

        var coin = stablecoin.For(lotCurrency);
        var cost = units * order.PricePerUnit;
        var balance = await coin.BalanceOfAsync(buyer, cancellationToken).ConfigureAwait(false);
        if (balance < cost)
        {
            throw new OrderNotFillableException(ask.Hash, OrderProblem.PaymentNotCovered, $"this fill costs {cost}; {buyer} holds {balance} of {lotCurrency}.");
        }

        if (context.AutoApprove)
        {
            await coin.EnsureAllowanceAsync(Address, units * order.PricePerUnit, cancellationToken).ConfigureAwait(false);
        }

        var message = new FillAskFunction { Ask = order, Signature = ask.Signature, Units = units };
        return Filled(await SendAsync(message, $"market.fillAsk({ask.Hash}, {units} units at {order.PricePerUnit})", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<TransactionResult<OrderFill>> FillBidAsync(SignedOrder bid, BigInteger lotId, BigInteger units, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bid);
        Guard.Amount(units, nameof(units), 64);
        var order = bid.Bid ?? throw new InputValidationException(nameof(bid), $"order {bid.Hash} is an ask: fill it with FillAskAsync.");
        await RequireFillableAsync(bid, units, cancellationToken).ConfigureAwait(false);
        var lot = await token.RequireLiveLotAsync(lotId, cancellationToken).ConfigureAwait(false);
        if (Mismatch(order, lot with { Currency = await context.LotCurrencyAsync(lotId, cancellationToken).ConfigureAwait(false) }) is { } criterion)
        {
            throw new OrderNotFillableException(bid.Hash, OrderProblem.LotDoesNotMatch, $"lot {LotIds.ToHex(lotId)} does not meet the bid's {criterion}.");
        }

        // A bid names firm capacity: the market refuses an interruptible lot (BidCriterion.Interruptible, checked last).
        var settlement = await context.ReadAsync(ct => context.Escrow.SettlementOfQueryAsync(lotId, null, ct), cancellationToken).ConfigureAwait(false);
        if (!settlement.CurtailCover.IsZero)
        {
            throw new OrderNotFillableException(bid.Hash, OrderProblem.LotDoesNotMatch, $"lot {LotIds.ToHex(lotId)} is interruptible (its provider may curtail part of it); a bid names firm capacity.");
        }

        var seller = context.Account;
        var status = await token.CanTransferAsync(seller, order.Buyer, lotId, units, cancellationToken).ConfigureAwait(false);
        if (status != TransferStatus.Ok)
        {
            throw new TransferNotAllowedException(status, seller, order.Buyer, lotId, units);
        }

        var cost = units * order.PricePerUnit;
        var coin = stablecoin.For(order.Currency);
        var allowance = await coin.AllowanceAsync(order.Buyer, Address, cancellationToken).ConfigureAwait(false);
        var balance = await coin.BalanceOfAsync(order.Buyer, cancellationToken).ConfigureAwait(false);
        if (allowance < cost || balance < cost)
        {
            throw new OrderNotFillableException(bid.Hash, OrderProblem.PaymentNotCovered, $"the buyer {order.Buyer} holds {balance} and allows the market {allowance} of {order.Currency}; this fill costs {cost}.");
        }

        await EnsureOperatorAsync(cancellationToken).ConfigureAwait(false);
        var message = new FillBidFunction { Bid = order, Signature = bid.Signature, LotId = lotId, Units = units };
        return Filled(await SendAsync(message, $"market.fillBid({bid.Hash}, lot {LotIds.ToHex(lotId)}, {units} units at {order.PricePerUnit})", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> CancelOrderAsync(SignedOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        RequireDomain(order);
        if (!string.Equals(order.Maker, context.Account, StringComparison.OrdinalIgnoreCase))
        {
            throw new OrderNotFillableException(order.Hash, OrderProblem.NotMaker, $"only its maker {order.Maker} can cancel it, not {context.Account}.");
        }

        var state = await GetOrderStateAsync(order, cancellationToken).ConfigureAwait(false);
        if (state.Cancelled)
        {
            throw new OrderNotFillableException(order.Hash, OrderProblem.Cancelled, "it is already cancelled.");
        }

        var receipt = order.Ask is { } ask
            ? await SendAsync(new CancelAskFunction { Ask = ask }, $"market.cancelAsk({order.Hash})", cancellationToken).ConfigureAwait(false)
            : await SendAsync(new CancelBidFunction { Bid = order.Bid! }, $"market.cancelBid({order.Hash})", cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(receipt);
    }

    /// <inheritdoc/>
    public async Task<TransactionResult<BigInteger>> CancelAllOrdersAsync(CancellationToken cancellationToken = default)
    {
        var receipt = await SendAsync(new IncrementOrderCounterFunction(), "market.incrementOrderCounter()", cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(receipt.DecodeAllEvents<OrderCounterIncrementedEventDTO>().Single().Event.Counter, receipt);
    }

    private async Task<OfferInfo?> TryGetOfferAsync(BigInteger offerId, CancellationToken cancellationToken)
    {
        try
        {
            return await GetOfferAsync(offerId, cancellationToken).ConfigureAwait(false);
        }
        catch (OfferNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The first criterion of <paramref name="bid"/> the lot fails, in the contract's order, or
    /// <see langword="null"/> when it meets them all.</summary>
    internal static string? Mismatch(Bid bid, LotInfo lot)
    {
        static bool Any(byte[] label) => label.All(b => b == 0);
        if (!Any(bid.GpuModel) && Bytes32Text.Format(bid.GpuModel) != lot.GpuModel)
        {
            return $"GPU model ({Bytes32Text.Format(bid.GpuModel)}, the lot's is {lot.GpuModel})";
        }

        if (!Any(bid.Region) && Bytes32Text.Format(bid.Region) != lot.Region)
        {
            return $"region ({Bytes32Text.Format(bid.Region)}, the lot's is {lot.Region})";
        }

        if ((ulong)lot.StartsAt.ToUnixTimeSeconds() < bid.DeliveryFrom)
        {
            return $"delivery start (from {SuiteContext.Time(bid.DeliveryFrom):u}, the lot starts {lot.StartsAt:u})";
        }

        if (bid.DeliveryUntil != 0 && (ulong)lot.EndsAt.ToUnixTimeSeconds() > bid.DeliveryUntil)
        {
            return $"delivery end (until {SuiteContext.Time(bid.DeliveryUntil):u}, the lot ends {lot.EndsAt:u})";
        }

        if (lot.SlaUptimeBps < bid.MinSlaBps)
        {
            return $"SLA (at least {bid.MinSlaBps} bps, the lot's is {lot.SlaUptimeBps})";
        }

        if (bid.MaxWhPerGpuHour != 0 && lot.EnergyWhPerGpuHour > bid.MaxWhPerGpuHour)
        {
            return $"energy (at most {bid.MaxWhPerGpuHour} Wh per GPU-hour, the lot's is {lot.EnergyWhPerGpuHour})";
        }

        if (lot.UnitCover < bid.MinUnitCover)
        {
            return $"bond cover (at least {bid.MinUnitCover} per unit, the lot's bond backs {lot.UnitCover})";
        }

        return lot.Currency is { } currency && !string.Equals(currency, bid.Currency, StringComparison.OrdinalIgnoreCase)
            ? $"currency ({bid.Currency}, the lot settles in {currency})"
            : null;
    }

    private async Task RequireFillableAsync(SignedOrder order, BigInteger units, CancellationToken cancellationToken)
    {
        var state = await GetOrderStateAsync(order, cancellationToken).ConfigureAwait(false);
        var (problem, why) = state switch
        {
            { SignatureValid: false } => (OrderProblem.BadSignature, $"the signature is not its maker's ({order.Maker}); the order was changed after signing, or signed by another key."),
            { Cancelled: true } => (OrderProblem.Cancelled, "its maker cancelled it."),
            { CounterStale: true } => (OrderProblem.CounterStale, "its maker cancelled all orders signed before (order counter raised)."),
            { Expired: true } => (OrderProblem.Expired, $"it expired at {order.Expiry:u}."),
            _ when order.PricePerUnit.IsZero => (OrderProblem.ZeroPrice, "its price per unit is zero; the market refuses to fill it."),
            _ when state.Remaining < units => (OrderProblem.InsufficientUnits, $"{state.Remaining} unit(s) are left; {units} requested."),
            _ => ((OrderProblem?)null, string.Empty),
        };
        if (problem is { } reason)
        {
            throw new OrderNotFillableException(order.Hash, reason, why);
        }
    }

    private void RequireDomain(SignedOrder order)
    {
        if (order.Domain.ChainId != context.ChainId)
        {
            throw new OrderNotFillableException(order.Hash, OrderProblem.WrongChain, $"it was signed for chain {order.Domain.ChainId}; this is chain {context.ChainId}.");
        }

        if (!string.Equals(order.Domain.Market, Address, StringComparison.OrdinalIgnoreCase))
        {
            throw new OrderNotFillableException(order.Hash, OrderProblem.WrongMarket, $"it was signed for the market {order.Domain.Market}; this suite's market is {Address}.");
        }
    }

    private async Task<bool> HasCodeAsync(string account, CancellationToken cancellationToken)
    {
        var code = await context.Web3.Eth.GetCode.SendRequestAsync(account).WaitAsync(cancellationToken).ConfigureAwait(false);
        return !string.IsNullOrEmpty(code) && code != "0x";
    }

    private async Task<bool> IsWalletSignatureAsync(SignedOrder order, CancellationToken cancellationToken)
    {
        try
        {
            // OpenZeppelin compares the whole returned word with the selector (left-aligned bytes4, zeros after it).
            var call = new Erc1271IsValidSignatureFunction { Hash = order.HashBytes, Signature = order.Signature, FromAddress = Address };
            var result = await context.Web3.Eth.Transactions.Call.SendRequestAsync(call.CreateCallInput(order.Maker)).WaitAsync(cancellationToken).ConfigureAwait(false);
            var word = result.HexToByteArray();
            return word.Length == 32 && word.AsSpan(0, 4).SequenceEqual(Erc1271IsValidSignatureFunction.MagicValue) && !word.AsSpan(4).ContainsAnyExcept((byte)0);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }

    private Task<BigInteger> CounterAsync(string account, CancellationToken cancellationToken) =>
        context.ReadAsync(ct => context.Market.OrderCounterQueryAsync(account, null, ct), cancellationToken);

    private string Currency(string? currency) => currency is null ? context.StablecoinAddress : Guard.Address(currency, nameof(currency));

    private static BigInteger Salt() => new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), isUnsigned: true, isBigEndian: true);

    private static TransactionResult<OrderFill> Filled(TransactionReceipt receipt)
    {
        var filled = receipt.DecodeAllEvents<OrderFilledEventDTO>().Single().Event;
        return TransactionResult.From(new OrderFill(filled.OrderHash.ToHex(true), filled.LotId, filled.Units, filled.PricePerUnit, filled.Cost), receipt);
    }

    private async Task EnsureOperatorAsync(CancellationToken cancellationToken)
    {
        if (context.AutoApprove)
        {
            await token.EnsureApprovalForAllAsync(Address, cancellationToken).ConfigureAwait(false);
        }
    }


    private Task<TransactionReceipt> SendAsync<TFunction>(TFunction message, string description, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new() =>
        context.SendAsync(TransactionCall.For(Address, message, description, SuiteErrorDecoder.ForMarket), cancellationToken);
}
