using System.Numerics;
using RwaCompute.Sdk.Contracts.ComputeMarket;
using RwaCompute.Sdk.Errors;
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
}
