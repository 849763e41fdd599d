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
    private readonly Dictionary<(string Address, string Topic), (string Contract, string Name, Func<FilterLog, IEventDTO> Decode)> decoders = [];

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
                decoders[(address.ToLowerInvariant(), abi.Sha3Signature.ToLowerInvariant())] = (contract, abi.Name, decode);
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

        var key = (log.Address.ToLowerInvariant(), topic0.StartsWith("0x", StringComparison.Ordinal) ? topic0[2..].ToLowerInvariant() : topic0.ToLowerInvariant());
        if (!decoders.TryGetValue(key, out var entry))
        {
            return null;
        }

        return new SuiteEvent(entry.Contract, entry.Name, log.Address, (long)log.BlockNumber.Value, log.TransactionHash, (long)log.LogIndex.Value, entry.Decode(log));
    }

    private static IEventDTO DecodeAs<T>(FilterLog log)
        where T : IEventDTO, new() => log.DecodeEvent<T>().Event;
}
