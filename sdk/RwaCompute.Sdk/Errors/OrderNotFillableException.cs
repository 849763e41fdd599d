namespace RwaCompute.Sdk.Errors;

/// <summary>Why a signed order cannot be filled (or cancelled) as asked.</summary>
public enum OrderProblem
{
    /// <summary>It was signed for another chain.</summary>
    WrongChain,

    /// <summary>It was signed for another market contract.</summary>
    WrongMarket,

    /// <summary>The signature is not the maker's.</summary>
    BadSignature,

    /// <summary>The chain time reached its expiry.</summary>
    Expired,

    /// <summary>Its maker cancelled it.</summary>
    Cancelled,

    /// <summary>Its maker raised the order counter since signing.</summary>
    CounterStale,

    /// <summary>Fewer units are left than asked.</summary>
    InsufficientUnits,

    /// <summary>An ask's currency is not its lot's settlement currency.</summary>
    UnsupportedCurrency,

    /// <summary>The lot offered fails one of the bid's criteria.</summary>
    LotDoesNotMatch,

    /// <summary>The paying side lacks the stablecoin or the market's allowance for it.</summary>
    PaymentNotCovered,

    /// <summary>The signer is not the order's maker (cancelling someone else's order).</summary>
    NotMaker,

    /// <summary>The ask's seller has not approved the market as operator of its units.</summary>
    SellerNotApproved,

    /// <summary>Its price per unit is zero.</summary>
    ZeroPrice,

    /// <summary>Its price is outside the taker's limit (above the buyer's maximum, below the seller's minimum).</summary>
    PriceOutsideLimit,
}

/// <summary>A signed order cannot be filled or cancelled as asked; refused before anything is sent.</summary>
public sealed class OrderNotFillableException : PreflightException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="orderHash">The order's digest (0x-hex).</param>
    /// <param name="problem">Why.</param>
    /// <param name="message">The explanation.</param>
    public OrderNotFillableException(string orderHash, OrderProblem problem, string message)
        : base($"Order {orderHash}: {message}")
    {
        OrderHash = orderHash;
        Problem = problem;
    }

    /// <summary>The order's digest (0x-hex).</summary>
    public string OrderHash { get; }

    /// <summary>Why it cannot be filled.</summary>
    public OrderProblem Problem { get; }
}
