using Nethereum.RPC.Eth.DTOs;
using RwaCompute.Contracts.Runtime;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;
using RwaCompute.Sdk.Contracts.ComputeCurtailment;
using RwaCompute.Sdk.Contracts.ComputeEscrow;
using RwaCompute.Sdk.Contracts.ComputeLending;
using RwaCompute.Sdk.Contracts.ComputeMarket;
using RwaCompute.Sdk.Contracts.SuiteTimelock;
using RwaCompute.Sdk.Contracts.UtilizationOracle;

namespace RwaCompute.Sdk.Events;

/// <summary>
/// Decodes logs of the suite's contracts by (address, topic 0) into the generated event DTOs, using the event
/// tables rwa-codegen emits per contract (<c>{Contract}EventTable.Events</c>): no reflection over assemblies. An
/// event shared by several contracts, such as AccessControl's, is decoded with the emitting contract's own DTO.
/// </summary>
internal sealed class EventDecoder
{
    /// <summary>The generated event table of each suite contract, by the name the manifest uses.</summary>
    public static IReadOnlyDictionary<string, EventTable> SuiteTables { get; } = new Dictionary<string, EventTable>(StringComparer.Ordinal)
    {
        ["ComputeCapacityToken"] = ComputeCapacityTokenEventTable.Events,
        ["UtilizationOracle"] = UtilizationOracleEventTable.Events,
        ["ComputeEscrow"] = ComputeEscrowEventTable.Events,
        ["ComputeMarket"] = ComputeMarketEventTable.Events,
        ["ComputeLending"] = ComputeLendingEventTable.Events,
        ["ComputeCurtailment"] = ComputeCurtailmentEventTable.Events,
        ["SuiteTimelock"] = SuiteTimelockEventTable.Events,
    };

    // Address (any case) -> (contract name, its table).
    private readonly Dictionary<string, (string Contract, EventTable Table)> byAddress = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a decoder for the given suite contracts.</summary>
    /// <param name="contracts">Contract name → address; names without a table in <see cref="SuiteTables"/> (for
    /// example the stablecoin) are not decoded.</param>
    public EventDecoder(IReadOnlyDictionary<string, string> contracts)
        : this(contracts?.Where(c => SuiteTables.ContainsKey(c.Key)).Select(c => (c.Key, c.Value, SuiteTables[c.Key]))
            ?? throw new ArgumentNullException(nameof(contracts)))
    {
    }

    /// <summary>Creates a decoder for any contracts with generated bindings (for example a stablecoin of your own).</summary>
    /// <param name="contracts">Name, address and the generated event table of each contract.</param>
    /// <exception cref="ArgumentException">Two entries share an address.</exception>
    public EventDecoder(IEnumerable<(string Contract, string Address, EventTable Table)> contracts)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        foreach (var (contract, address, table) in contracts)
        {
            ArgumentException.ThrowIfNullOrEmpty(contract);
            ArgumentException.ThrowIfNullOrEmpty(address);
            ArgumentNullException.ThrowIfNull(table);
            if (!byAddress.TryAdd(address, (contract, table)))
            {
                throw new ArgumentException($"{contract} and {byAddress[address].Contract} share the address {address}", nameof(contracts));
            }
        }
    }

    /// <summary>Decodes a log, or returns <see langword="null"/> when it is not a known event of these contracts.</summary>
    /// <param name="log">The log.</param>
    /// <returns>The decoded event or <see langword="null"/>.</returns>
    public SuiteEvent? Decode(FilterLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (log.Address is null || log.BlockNumber is null || log.LogIndex is null)
        {
            // A pending log (no block yet) or a malformed one.
            return null;
        }

        if (!byAddress.TryGetValue(log.Address, out var entry) || !entry.Table.TryFind(log, out var descriptor))
        {
            return null;
        }

        return new SuiteEvent(entry.Contract, descriptor.Name, log.Address, (long)log.BlockNumber.Value, log.TransactionHash, (long)log.LogIndex.Value, descriptor.Decode(log))
        {
            BlockHash = log.BlockHash,
        };
    }
}
