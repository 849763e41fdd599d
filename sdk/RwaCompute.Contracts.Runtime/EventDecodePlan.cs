using System.Linq.Expressions;
using System.Reflection;
using Nethereum.ABI;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;

namespace RwaCompute.Contracts.Runtime;

/// <summary>
/// Decodes one event DTO type from logs with everything reflective worked out once: the indexed properties and their
/// ABI types, the data properties, a compiled constructor. Nethereum's generic <c>DecodeEvent&lt;T&gt;</c> redoes
/// that reflection for every log, which dominated decoding 10,000 events (docs/PERFORMANCE.md). Reflection here is
/// over one DTO type, once; which types exist comes from the generated event tables, never from scanning assemblies.
/// </summary>
internal static class EventDecodePlan
{
    /// <summary>A decoder for the type, or <see langword="null"/> when an indexed parameter is dynamic (hashed into
    /// its topic), which the generic path handles.</summary>
    public static Func<FilterLog, IEventDTO>? TryCreate(Type type)
    {
        var parameters = type.GetProperties()
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<ParameterAttribute>()))
            .Where(x => x.Attribute is not null)
            .OrderBy(x => x.Attribute!.Order)
            .ToArray();
        var indexed = parameters.Where(x => x.Attribute!.Parameter.Indexed).Select(x => (x.Property, x.Attribute!.Parameter.ABIType)).ToArray();
        if (indexed.Any(x => x.ABIType.IsDynamic()))
        {
            return null;
        }

        var data = parameters.Where(x => !x.Attribute!.Parameter.Indexed).Select(x => x.Property).ToArray();
        var create = Expression.Lambda<Func<object>>(Expression.New(type)).Compile();
        var decoder = new ParameterDecoder();
        return log =>
        {
            var dto = create();
            for (var i = 0; i < indexed.Length && i + 1 < log.Topics.Length; i++)
            {
                var (property, abiType) = indexed[i];
                property.SetValue(dto, abiType.Decode(log.Topics[i + 1].ToString()!.HexToByteArray(), property.PropertyType));
            }

            if (data.Length > 0 && !string.IsNullOrEmpty(log.Data) && log.Data != "0x")
            {
                decoder.DecodeAttributes(log.Data, dto, data);
            }

            return (IEventDTO)dto;
        };
    }
}
