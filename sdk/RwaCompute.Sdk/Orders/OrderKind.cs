namespace RwaCompute.Sdk.Orders;

/// <summary>Which side a signed order is.</summary>
public enum OrderKind
{
    /// <summary>An offer to sell units of one lot at a fixed price (<c>IComputeMarket.Ask</c>).</summary>
    Ask,

    /// <summary>An offer to buy units of any lot meeting criteria (<c>IComputeMarket.Bid</c>).</summary>
    Bid,
}
