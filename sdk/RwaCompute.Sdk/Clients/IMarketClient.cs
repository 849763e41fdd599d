using System.Numerics;
using RwaCompute.Sdk.Contracts.ComputeMarket;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Orders;
using RwaCompute.Sdk.Transactions;

namespace RwaCompute.Sdk.Clients;

/// <summary>The operations of <see cref="MarketClient"/> as an interface, so applications can substitute a test double.</summary>
public interface IMarketClient
{
    /// <summary>The market's address (buyers approve it for the stablecoin, sellers as ERC-1155 operator).</summary>
    string Address { get; }

    /// <summary>The generated binding (read-only).</summary>
    ComputeMarketService Service { get; }

    /// <summary>Offers units for sale at a fixed price per unit from now until <paramref name="expiresAt"/>. The units
    /// stay in the seller's wallet until a purchase, when the market moves them as the seller's approved operator
    /// (approved here with AutoApprove).</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="units">Units for sale (uint64).</param>
    /// <param name="pricePerUnit">Price per unit in stablecoin base units (uint96, positive).</param>
    /// <param name="expiresAt">When the offer lapses (after the chain time, not after the lot's end).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The offer id.</returns>
    Task<TransactionResult<BigInteger>> CreateOfferAsync(BigInteger lotId, BigInteger units, BigInteger pricePerUnit, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Offers units by Dutch auction: the price per unit falls linearly from <paramref name="startPrice"/> at
    /// <paramref name="startsAt"/> to <paramref name="floorPrice"/> at <paramref name="endsAt"/>, when the offer
    /// lapses; unsold units stay with the seller.</summary>
    /// <param name="lotId">The lot.</param>
    /// <param name="units">Units for sale (uint64).</param>
    /// <param name="startPrice">Price per unit at the start (uint96).</param>
    /// <param name="floorPrice">Price per unit at the end (positive, at most <paramref name="startPrice"/>).</param>
    /// <param name="startsAt">When buying opens and the price starts to fall.</param>
    /// <param name="endsAt">When the auction ends: after <paramref name="startsAt"/> and the chain time, not after the
    /// lot's end.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The offer id.</returns>
    Task<TransactionResult<BigInteger>> CreateAuctionAsync(BigInteger lotId, BigInteger units, BigInteger startPrice, BigInteger floorPrice, DateTimeOffset startsAt, DateTimeOffset endsAt, CancellationToken cancellationToken = default);

    /// <summary>Cancels the signer's offer.</summary>
    /// <param name="offerId">The offer.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    /// <exception cref="OfferNotFoundException">No such offer (nothing sent).</exception>
    Task<TransactionResult> CancelOfferAsync(BigInteger offerId, CancellationToken cancellationToken = default);

    /// <summary>Buys units from an offer at its current price: the buyer's stablecoin goes into the escrow (credited to
    /// the seller) and the units to the buyer in one transaction, or nothing moves. With AutoApprove the market's
    /// allowance is raised to <c>units × maxPricePerUnit</c> first.</summary>
    /// <param name="offerId">The offer.</param>
    /// <param name="units">Units to buy.</param>
    /// <param name="maxPricePerUnit">The most to pay per unit (the slippage guard); <see langword="null"/> takes the
    /// offer's price at the chain's latest block, which an auction's price can only fall from.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What was bought, at which price.</returns>
    /// <exception cref="OfferNotFoundException">No such offer (nothing sent).</exception>
    /// <exception cref="InputValidationException">The offer is cancelled, not open yet, over, has fewer units left, or
    /// costs more than <paramref name="maxPricePerUnit"/> now (nothing sent).</exception>
    /// <exception cref="TransferNotAllowedException">The token's <c>canTransfer</c> refuses the seller-to-buyer
    /// transfer: buyer not allowlisted or frozen, seller's unlocked balance too small, paused... (nothing sent).</exception>
    Task<TransactionResult<PurchaseFill>> PurchaseAsync(BigInteger offerId, BigInteger units, BigInteger? maxPricePerUnit = null, CancellationToken cancellationToken = default);

    /// <summary>Reads an offer.</summary>
    /// <param name="offerId">The offer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The offer.</returns>
    /// <exception cref="OfferNotFoundException">No such offer.</exception>
    Task<OfferInfo> GetOfferAsync(BigInteger offerId, CancellationToken cancellationToken = default);

    /// <summary>Lists the market's offers and auctions (ids count up from 1), read in pages of concurrent calls at the
    /// latest block.</summary>
    /// <param name="lotId">Only this lot's offers, or <see langword="null"/> for all.</param>
    /// <param name="openOnly">Only offers that can be bought from now (not cancelled, units left, within their
    /// window).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The offers, by id.</returns>
    Task<IReadOnlyList<OfferInfo>> ListOffersAsync(BigInteger? lotId = null, bool openOnly = true, CancellationToken cancellationToken = default);

    /// <summary>An offer's price per unit at the chain's latest block.</summary>
    /// <param name="offerId">The offer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The price per unit, stablecoin base units.</returns>
    /// <exception cref="OfferNotFoundException">No such offer.</exception>
    Task<BigInteger> GetCurrentPriceAsync(BigInteger offerId, CancellationToken cancellationToken = default);

    /// <summary>Reads the price index of (GPU model, region, currency): the latest trade and the time-weighted moving
    /// average over the index window.</summary>
    /// <param name="gpuModel">The GPU model label, as in the lot (at most 16 bytes).</param>
    /// <param name="region">The region label, as in the lot (at most 16 bytes).</param>
    /// <param name="currency">The settlement stablecoin; <see langword="null"/> for the suite's.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The index entry (zero prices before any trade).</returns>
    Task<PriceIndexEntry> GetPriceAsync(string gpuModel, string region, string? currency = null, CancellationToken cancellationToken = default);

    /// <summary>Reads the price index's averaging window.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The window.</returns>
    Task<TimeSpan> GetIndexWindowAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets the price index's averaging window (RISK_ROLE on the market).</summary>
    /// <param name="window">The window: whole seconds, one hour to 90 days.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    /// <exception cref="InputValidationException">The window is out of range (nothing sent).</exception>
    Task<TransactionResult> SetIndexWindowAsync(TimeSpan window, CancellationToken cancellationToken = default);

    /// <summary>The EIP-712 domain orders for this market are signed in (this chain, this market).</summary>
    OrderDomain OrderDomain { get; }

    /// <summary>Signs an ask with the client's signer (no transaction, except that with AutoApprove the market is
    /// approved once as the signer's ERC-1155 operator, which every fill needs). The counter is read from the chain and
    /// the salt is random.</summary>
    /// <param name="terms">Lot, units, price, expiry.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The signed order, to pass on as JSON (<see cref="SignedOrder.ToJson"/>).</returns>
    /// <exception cref="InputValidationException">A term is out of range (nothing signed).</exception>
    Task<SignedOrder> SignAskAsync(AskTerms terms, CancellationToken cancellationToken = default);

    /// <summary>Signs a criteria bid with the client's signer (with AutoApprove, the market's stablecoin allowance is
    /// raised to the whole bid's cost first, which every fill needs).</summary>
    /// <param name="criteria">The criteria, price, units and expiry.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The signed order.</returns>
    /// <exception cref="InputValidationException">A criterion is out of range (nothing signed).</exception>
    Task<SignedOrder> SignBidAsync(BidCriteria criteria, CancellationToken cancellationToken = default);

    /// <summary>Reads how much of a signed order was filled and whether it can still be: cancelled, counter raised,
    /// expired, signature valid.</summary>
    /// <param name="order">The order.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>Its state.</returns>
    /// <exception cref="OrderNotFillableException">It was signed for another chain or market.</exception>
    Task<OrderState> GetOrderStateAsync(SignedOrder order, CancellationToken cancellationToken = default);

    /// <summary>Buys units from a signed ask at its price (the signer pays; with AutoApprove the market's allowance is
    /// raised first).</summary>
    /// <param name="ask">The signed ask.</param>
    /// <param name="units">Units to buy.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What was traded.</returns>
    /// <exception cref="OrderNotFillableException">Another chain or market, a bad signature, cancelled, expired, counter
    /// raised, too few units left, another currency (nothing sent).</exception>
    /// <exception cref="TransferNotAllowedException">The token would refuse the seller-to-buyer transfer (nothing sent).</exception>
    Task<TransactionResult<OrderFill>> FillAskAsync(SignedOrder ask, BigInteger units, CancellationToken cancellationToken = default);

    /// <summary>Sells units of a lot into a signed criteria bid at its price (the signer sells; the lot must meet the
    /// bid's criteria; with AutoApprove the market is approved as the signer's operator first).</summary>
    /// <param name="bid">The signed bid.</param>
    /// <param name="lotId">The lot sold.</param>
    /// <param name="units">Units to sell.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What was traded.</returns>
    /// <exception cref="OrderNotFillableException">As for asks, or the lot fails a criterion, or the buyer's stablecoin
    /// or allowance does not cover the fill (nothing sent).</exception>
    Task<TransactionResult<OrderFill>> FillBidAsync(SignedOrder bid, BigInteger lotId, BigInteger units, CancellationToken cancellationToken = default);

    /// <summary>Cancels one of the signer's orders.</summary>
    /// <param name="order">The order.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    /// <exception cref="OrderNotFillableException">Not the signer's, or already cancelled (nothing sent).</exception>
    Task<TransactionResult> CancelOrderAsync(SignedOrder order, CancellationToken cancellationToken = default);

    /// <summary>Cancels every order the signer signed so far (raises its order counter).</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The new counter.</returns>
    Task<TransactionResult<BigInteger>> CancelAllOrdersAsync(CancellationToken cancellationToken = default);
}
