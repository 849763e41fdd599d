using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Nethereum.RPC.Eth.DTOs;

namespace RwaCompute.Contracts.Runtime;

/// <summary>
/// A contract's events by topic 0, emitted by rwa-codegen as <c>{Contract}EventTable.Events</c> (the way alloy's
/// <c>sol!</c> emits an events enum): a decoder finds the DTO for a log with one dictionary lookup, with no
/// reflection over assemblies and no naming conventions.
/// </summary>
public sealed class EventTable : IReadOnlyList<EventDescriptor>
{
    private readonly EventDescriptor[] events;
    private readonly Dictionary<string, EventDescriptor> byTopic;

    /// <summary>Creates the table.</summary>
    /// <param name="events">The contract's non-anonymous events.</param>
    /// <exception cref="ArgumentException">Two events share a topic 0.</exception>
    public EventTable(IEnumerable<EventDescriptor> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        this.events = [.. events];
        byTopic = new Dictionary<string, EventDescriptor>(this.events.Length, StringComparer.OrdinalIgnoreCase);
        foreach (var descriptor in this.events)
        {
            if (!byTopic.TryAdd(descriptor.Topic0, descriptor))
            {
                throw new ArgumentException($"two events share topic 0 {descriptor.Topic0}: {byTopic[descriptor.Topic0].Signature} and {descriptor.Signature}", nameof(events));
            }
        }
    }

    /// <inheritdoc/>
    public int Count => events.Length;

    /// <inheritdoc/>
    public EventDescriptor this[int index] => events[index];

    /// <summary>Finds the event with topic 0 <paramref name="topic0"/> (any case, with or without 0x).</summary>
    /// <param name="topic0">The log's first topic.</param>
    /// <param name="descriptor">The event, when found.</param>
    /// <returns>Whether the contract declares such an event.</returns>
    public bool TryFind(string? topic0, [NotNullWhen(true)] out EventDescriptor? descriptor)
    {
        descriptor = null;
        return topic0 is not null && byTopic.TryGetValue(NormalizeTopic(topic0), out descriptor);
    }

    /// <summary>Finds a log's event by its first topic.</summary>
    /// <param name="log">The log.</param>
    /// <param name="descriptor">The event, when found.</param>
    /// <returns>Whether the log is one of this contract's events.</returns>
    public bool TryFind(FilterLog log, [NotNullWhen(true)] out EventDescriptor? descriptor)
    {
        ArgumentNullException.ThrowIfNull(log);
        descriptor = null;
        return log.Topics is { Length: > 0 } topics && TryFind(topics[0]?.ToString(), out descriptor);
    }

    /// <inheritdoc/>
    public IEnumerator<EventDescriptor> GetEnumerator() => ((IEnumerable<EventDescriptor>)events).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>0x-prefixed form of a topic (hex case is ignored by the lookups).</summary>
    /// <param name="topic">A topic with or without 0x.</param>
    /// <returns>The 0x-prefixed topic.</returns>
    internal static string NormalizeTopic(string topic) =>
        topic.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? "0x" + topic[2..] : "0x" + topic;
}
