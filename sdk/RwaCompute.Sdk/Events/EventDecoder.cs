using System.Reflection;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using RwaCompute.Sdk.Contracts;

namespace RwaCompute.Sdk.Events;

/// <summary>
/// Decodes logs of the suite's contracts by (address, topic0) into the generated event DTOs. Built once per
/// deployment from the generated types (an event shared by several contracts, such as AccessControl's, is decoded
/// with the emitting contract's own DTO).
/// </summary>
public sealed class EventDecoder
{
    private static readonly MethodInfo DecodeMethod = typeof(EventDecoder).GetMethod(nameof(DecodeAs), BindingFlags.NonPublic | BindingFlags.Static)!;
    // Address -> (0x-prefixed topic0 -> decoder), both case-insensitive: no per-log string allocations.
    private readonly Dictionary<string, Dictionary<string, (string Contract, string Name, Func<FilterLog, IEventDTO> Decode)>> decoders = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a decoder for the given contracts.</summary>
    /// <param name="contracts">Contract name → address; the name must match a generated namespace
    /// (<c>RwaCompute.Sdk.Contracts.{Name}</c>).</param>
    public EventDecoder(IReadOnlyDictionary<string, string> contracts)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        var eventTypes = typeof(ContractRevertException).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IEventDTO).IsAssignableFrom(t) && t.GetCustomAttribute<EventAttribute>() is not null)
            .ToList();

        // The generated DTOs are "XEventDTO : XEventDTOBase"; decode into the most derived one (users extend it).
        eventTypes = [.. eventTypes.Where(t => !eventTypes.Any(other => other.BaseType == t))];
        foreach (var (contract, address) in contracts)
        {
            var ns = typeof(ContractRevertException).Namespace + "." + contract;
            foreach (var type in eventTypes.Where(t => t.Namespace == ns))
            {
                var abi = ABITypedRegistry.GetEvent(type);
                var decode = DecodePlan.TryCreate(type) ?? DecodeMethod.MakeGenericMethod(type).CreateDelegate<Func<FilterLog, IEventDTO>>();
                if (!decoders.TryGetValue(address, out var byTopic))
                {
                    byTopic = new Dictionary<string, (string, string, Func<FilterLog, IEventDTO>)>(StringComparer.OrdinalIgnoreCase);
                    decoders[address] = byTopic;
                }

                var signature = abi.Sha3Signature.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? abi.Sha3Signature : "0x" + abi.Sha3Signature;
                byTopic[signature] = (contract, abi.Name, decode);
            }
        }
    }

    /// <summary>Decodes a log, or returns <see langword="null"/> when it is not a known event of these contracts.</summary>
    /// <param name="log">The log.</param>
    /// <returns>The decoded event or <see langword="null"/>.</returns>
    public SuiteEvent? Decode(FilterLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (log.Topics is not { Length: > 0 } || log.Topics[0]?.ToString() is not { } topic0 || log.Address is null || log.BlockNumber is null || log.LogIndex is null)
        {
            // Not a suite event, or a pending log (no block yet).
            return null;
        }

        var topic = topic0.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? topic0 : "0x" + topic0;
        if (!decoders.TryGetValue(log.Address, out var byTopic) || !byTopic.TryGetValue(topic, out var entry))
        {
            return null;
        }

        return new SuiteEvent(entry.Contract, entry.Name, log.Address, (long)log.BlockNumber.Value, log.TransactionHash, (long)log.LogIndex.Value, entry.Decode(log));
    }

    private static IEventDTO DecodeAs<T>(FilterLog log)
        where T : IEventDTO, new() => log.DecodeEvent<T>().Event;
}
