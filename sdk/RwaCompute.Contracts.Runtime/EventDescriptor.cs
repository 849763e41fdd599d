using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;

namespace RwaCompute.Contracts.Runtime;

/// <summary>
/// One event of a contract as rwa-codegen saw it in the ABI: its name, canonical signature, topic 0 and how to decode
/// a log into its generated DTO. The generated <c>{Contract}EventTable</c> lists one per non-anonymous event.
/// </summary>
public abstract class EventDescriptor
{
    /// <summary>Creates the descriptor.</summary>
    /// <param name="name">The Solidity event name, for example <c>Transfer</c>.</param>
    /// <param name="signature">The canonical signature, for example <c>Transfer(address,address,uint256)</c>.</param>
    /// <param name="topic0">keccak256 of the signature, 0x-prefixed hex.</param>
    protected EventDescriptor(string name, string signature, string topic0)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(signature);
        ArgumentException.ThrowIfNullOrEmpty(topic0);
        Name = name;
        Signature = signature;
        Topic0 = EventTable.NormalizeTopic(topic0);
    }

    /// <summary>The Solidity event name.</summary>
    public string Name { get; }

    /// <summary>The canonical signature.</summary>
    public string Signature { get; }

    /// <summary>Topic 0: keccak256 of <see cref="Signature"/>, 0x-prefixed hex (lower case when generated).</summary>
    public string Topic0 { get; }

    /// <summary>The generated DTO type logs decode into.</summary>
    public abstract Type EventType { get; }

    /// <summary>Decodes a log of this event into its DTO.</summary>
    /// <param name="log">A log whose topic 0 is <see cref="Topic0"/>.</param>
    /// <returns>The decoded DTO.</returns>
    public abstract IEventDTO Decode(FilterLog log);
}

/// <summary>An <see cref="EventDescriptor"/> that decodes into <typeparamref name="TEvent"/>.</summary>
/// <typeparam name="TEvent">The generated DTO (the most derived, user-extensible class).</typeparam>
public sealed class EventDescriptor<TEvent> : EventDescriptor
    where TEvent : class, IEventDTO, new()
{
    // Compiled once per DTO type: indexed topics and data decoded without per-log reflection; events with a dynamic
    // indexed parameter (hashed into its topic) take Nethereum's generic path.
    private static readonly Func<FilterLog, IEventDTO> DecodePlan =
        EventDecodePlan.TryCreate(typeof(TEvent)) ?? (log => log.DecodeEvent<TEvent>().Event);

    /// <summary>Creates the descriptor.</summary>
    /// <param name="name">The Solidity event name.</param>
    /// <param name="signature">The canonical signature.</param>
    /// <param name="topic0">keccak256 of the signature, 0x-prefixed hex.</param>
    public EventDescriptor(string name, string signature, string topic0)
        : base(name, signature, topic0)
    {
    }

    /// <inheritdoc/>
    public override Type EventType => typeof(TEvent);

    /// <inheritdoc/>
    public override IEventDTO Decode(FilterLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return DecodePlan(log);
    }

    /// <summary>Decodes a log of this event into <typeparamref name="TEvent"/>.</summary>
    /// <param name="log">A log whose topic 0 is <see cref="EventDescriptor.Topic0"/>.</param>
    /// <returns>The decoded DTO.</returns>
    public TEvent DecodeTyped(FilterLog log) => (TEvent)Decode(log);
}
