using RwaCompute.Contracts.Runtime;
using RwaCompute.Sdk.Contracts;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;
using RwaCompute.Sdk.Contracts.ComputeCurtailment;
using RwaCompute.Sdk.Contracts.ComputeEscrow;
using RwaCompute.Sdk.Contracts.ComputeLending;
using RwaCompute.Sdk.Contracts.ComputeMarket;
using RwaCompute.Sdk.Contracts.SuiteTimelock;
using RwaCompute.Sdk.Contracts.UtilizationOracle;

namespace RwaCompute.Sdk.Transactions;

/// <summary>
/// Decodes reverts from any contract of the suite. A revert can come from a contract other than the one called
/// (the market calls the token, so a purchase can fail with <c>ComputeToken_ReceiverNotAllowed</c>): each
/// contract's generated decoder is tried in turn for a custom error, the called contract's first (errors several
/// contracts share, such as OpenZeppelin's <c>AccessControlUnauthorizedAccount</c>, then surface as the called
/// contract's exception type).
/// </summary>
public sealed class SuiteErrorDecoder : ContractErrorDecoder
{
    private readonly ContractErrorDecoder[] decoders;

    /// <summary>Creates a decoder over the suite's contracts and any extra ones (for example a stablecoin's).</summary>
    /// <param name="extra">More decoders, tried after the suite's.</param>
    public SuiteErrorDecoder(params ContractErrorDecoder[] extra)
        : this(ComputeCapacityTokenErrorDecoder.Instance, extra ?? [])
    {
    }

    private SuiteErrorDecoder(ContractErrorDecoder first, ContractErrorDecoder[] extra)
    {
        ContractErrorDecoder[] suite = [ComputeCapacityTokenErrorDecoder.Instance, ComputeEscrowErrorDecoder.Instance, ComputeMarketErrorDecoder.Instance, ComputeLendingErrorDecoder.Instance, ComputeCurtailmentErrorDecoder.Instance, UtilizationOracleErrorDecoder.Instance];
        decoders = [first, .. suite.Where(d => d != first), .. extra];
    }

    /// <summary>The decoder for the suite's own errors (token first: the escrow re-declares the token's errors it
    /// can bubble up, and they are the token's).</summary>
    public static SuiteErrorDecoder Instance { get; } = new();

    /// <summary>For calls to the token: the token's errors first.</summary>
    public static SuiteErrorDecoder ForToken => Instance;

    /// <summary>For calls to the escrow: the escrow's errors first.</summary>
    public static SuiteErrorDecoder ForEscrow { get; } = Preferring(ComputeEscrowErrorDecoder.Instance);

    /// <summary>For calls to the market: the market's errors first.</summary>
    public static SuiteErrorDecoder ForMarket { get; } = Preferring(ComputeMarketErrorDecoder.Instance);

    /// <summary>For calls to the lending module: its errors first.</summary>
    public static SuiteErrorDecoder ForLending { get; } = Preferring(ComputeLendingErrorDecoder.Instance);

    /// <summary>For calls to the curtailment module: its errors first.</summary>
    public static SuiteErrorDecoder ForCurtailment { get; } = Preferring(ComputeCurtailmentErrorDecoder.Instance);

    /// <summary>For calls to the oracle: the oracle's errors first.</summary>
    public static SuiteErrorDecoder ForOracle { get; } = Preferring(UtilizationOracleErrorDecoder.Instance);

    /// <summary>For calls to the <c>SuiteTimelock</c>: the timelock's errors first, then the suite's (an executed
    /// batch bubbles up the revert of the contract it called).</summary>
    public static SuiteErrorDecoder ForTimelock { get; } = Preferring(SuiteTimelockErrorDecoder.Instance);

    private static SuiteErrorDecoder Preferring(ContractErrorDecoder first) => new(first, []);

    /// <inheritdoc/>
    protected override ContractRevertException? DecodeCustomError(string selector, string revertData, Exception? innerException)
    {
        foreach (var decoder in decoders)
        {
            if (decoder.Decode(revertData, innerException) is ContractCustomErrorException custom)
            {
                return custom;
            }
        }

        return null;
    }
}
