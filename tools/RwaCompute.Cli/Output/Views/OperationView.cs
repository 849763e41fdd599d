using System.Text.Json.Serialization;

namespace RwaCompute.Cli.Output.Views;

/// <summary>What a sending operation command did (<c>rwa offer</c>, <c>rwa pledge request</c>, …): a stable
/// <see cref="Operation"/> name, a <see cref="Summary"/> for people, the structured fields the operation has (ids,
/// units, amounts; absent ones are omitted) and every transaction it sent, approvals first, the action last.</summary>
/// <param name="Operation">The canonical command, dotted: <c>offer</c>, <c>pledge.request</c>, <c>account.allow</c>
/// (a deprecated spelling reports its new name).</param>
/// <param name="Summary">One sentence for people; scripts read the structured fields instead.</param>
/// <param name="Transactions">Every mined transaction, in order.</param>
internal sealed record OperationView(string Operation, string Summary, [property: JsonPropertyOrder(2)] IReadOnlyList<TransactionView> Transactions)
{
    /// <summary>The lot (0x + 64 hex digits).</summary>
    [JsonPropertyOrder(1)]
    public string? LotId { get; init; }

    /// <summary>The offer created or bought from (decimal).</summary>
    [JsonPropertyOrder(1)]
    public string? OfferId { get; init; }

    /// <summary>The pledge created or acted on (decimal).</summary>
    [JsonPropertyOrder(1)]
    public string? PledgeId { get; init; }

    /// <summary>The redemption created or acted on (decimal).</summary>
    [JsonPropertyOrder(1)]
    public string? RedemptionId { get; init; }

    /// <summary>The pool (0x + 64 hex digits).</summary>
    [JsonPropertyOrder(1)]
    public string? PoolId { get; init; }

    /// <summary>Units (GPU-hours) moved, locked, offered, bought or redeemed (decimal).</summary>
    [JsonPropertyOrder(1)]
    public string? Units { get; init; }

    /// <summary>The account acted on (provider registered, account frozen).</summary>
    [JsonPropertyOrder(1)]
    public string? Account { get; init; }

    /// <summary>The accounts acted on (allowlist changes).</summary>
    [JsonPropertyOrder(1)]
    public IReadOnlyList<string>? Accounts { get; init; }

    /// <summary>The receiver (transfer, withdrawal).</summary>
    [JsonPropertyOrder(1)]
    public string? To { get; init; }

    /// <summary>A stablecoin amount (bond posted, withdrawn) as exact decimal text in the operation's <see cref="Currency"/>.</summary>
    [JsonPropertyOrder(1)]
    public string? Amount { get; init; }

    /// <summary>The same amount in base units (decimal).</summary>
    [JsonPropertyOrder(1)]
    public string? AmountBaseUnits { get; init; }

    /// <summary>An offer's price per unit as exact decimal text in the operation's <see cref="Currency"/>.</summary>
    [JsonPropertyOrder(1)]
    public string? PricePerUnit { get; init; }

    /// <summary>A signed order's EIP-712 digest (0x + 64 hex digits).</summary>
    [JsonPropertyOrder(1)]
    public string? OrderHash { get; init; }

    /// <summary>The signer's order counter after cancelling all its orders (decimal).</summary>
    [JsonPropertyOrder(1)]
    public string? OrderCounter { get; init; }

    /// <summary>A purchase's total cost as exact decimal text in the operation's <see cref="Currency"/>.</summary>
    [JsonPropertyOrder(1)]
    public string? Cost { get; init; }

    /// <summary>An auction's start price per unit as exact decimal text in the operation's <see cref="Currency"/>.</summary>
    [JsonPropertyOrder(1)]
    public string? StartPrice { get; init; }

    /// <summary>An auction's floor price per unit as exact decimal text in the operation's <see cref="Currency"/>.</summary>
    [JsonPropertyOrder(1)]
    public string? FloorPrice { get; init; }

    /// <summary>When an offer opens (an auction's price starts to fall).</summary>
    [JsonPropertyOrder(1)]
    public DateTimeOffset? StartsAt { get; init; }

    /// <summary>When an offer lapses (an auction reaches its floor).</summary>
    [JsonPropertyOrder(1)]
    public DateTimeOffset? EndsAt { get; init; }

    /// <summary>A pledge's principal as exact decimal text in the operation's <see cref="Currency"/>.</summary>
    [JsonPropertyOrder(1)]
    public string? Principal { get; init; }

    /// <summary>A pledge's fee as exact decimal text in the operation's <see cref="Currency"/>.</summary>
    [JsonPropertyOrder(1)]
    public string? Fee { get; init; }

    /// <summary>The oracle epoch submitted (decimal).</summary>
    [JsonPropertyOrder(1)]
    public string? Epoch { get; init; }

    /// <summary>The reporter signatures submitted with a report.</summary>
    [JsonPropertyOrder(1)]
    public int? Signatures { get; init; }

    /// <summary>The currency of the operation's amounts (its lot's), or the currency it concerned (one accepted or refused,
    /// a withdrawal's).</summary>
    [JsonPropertyOrder(1)]
    public CurrencyRefView? Currency { get; init; }

    /// <summary>Whether a redemption was confirmed from the oracle's attestation rather than by the holder.</summary>
    [JsonPropertyOrder(1)]
    public bool? ByOracle { get; init; }

    /// <summary>The part of a collateral sale's cost credited to the lender (toward principal + fee).</summary>
    [JsonPropertyOrder(1)]
    public string? ToLender { get; init; }

    /// <summary>The surplus of a collateral sale credited to the holder.</summary>
    [JsonPropertyOrder(1)]
    public string? ToHolder { get; init; }

    /// <summary>Whether a settled collateral auction's unsold units went to the lender (false: unlocked for the
    /// holder, the lender could not receive them).</summary>
    [JsonPropertyOrder(1)]
    public bool? UnitsToLender { get; init; }

    /// <summary>The market whose price index the lending module's loan-to-value cap now follows downward (absent when
    /// it was switched off).</summary>
    [JsonPropertyOrder(1)]
    public string? PriceIndex { get; init; }
}
