using System.Collections.Concurrent;
using System.Numerics;
using System.Reflection;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace RwaCompute.Sdk.Events;

/// <summary>Finds lot ids, accounts and pool ids in decoded event DTOs by their ABI parameter names.</summary>
internal static class EventFields
{
    private static readonly ConcurrentDictionary<Type, Accessors> Cache = new();

    public static bool MentionsLot(IEventDTO dto, BigInteger lotId, RelatedRecords related)
    {
        var accessors = Get(dto);
        var direct = accessors.Lots.Any(p => p.GetValue(dto) switch
        {
            BigInteger value => value == lotId,
            IEnumerable<BigInteger> values => values.Contains(lotId),
            _ => false,
        });
        foreach (var record in accessors.Records)
        {
            if (record.GetValue(dto) is not BigInteger id)
            {
                continue;
            }

            var ids = related.For(record.Name);
            if (direct)
            {
                // A record created for this lot: remember it to follow its later events.
                ids.Add(id);
            }
            else if (ids.Contains(id))
            {
                return true;
            }
        }

        return direct;
    }

    public static bool MentionsAccount(IEventDTO dto, string account) =>
        Get(dto).Accounts.Any(p => p.GetValue(dto) switch
        {
            string value => string.Equals(value, account, StringComparison.OrdinalIgnoreCase),
            IEnumerable<string> values => values.Any(v => string.Equals(v, account, StringComparison.OrdinalIgnoreCase)),
            _ => false,
        });

    public static bool MentionsPool(IEventDTO dto, byte[] poolId)
    {
        var accessors = Get(dto);
        if (accessors.Pools.Any(p => p.GetValue(dto) is byte[] value && value.AsSpan().SequenceEqual(poolId)))
        {
            return true;
        }

        // LotCreated carries the pool inside its spec.
        return accessors.Specs.Any(p => p.GetValue(dto) is Contracts.ComputeCapacityToken.LotSpec spec && spec.PoolId.AsSpan().SequenceEqual(poolId));
    }

    private static Accessors Get(IEventDTO dto) => Cache.GetOrAdd(dto.GetType(), Build);

    private static Accessors Build(Type type)
    {
        var parameters = type.GetProperties()
            .Select(p => (Property: p, Parameter: p.GetCustomAttribute<ParameterAttribute>()))
            .Where(x => x.Parameter is not null)
            .ToList();
        return new Accessors(
            [.. parameters.Where(x => x.Parameter!.Type is "uint256" or "uint256[]" && (x.Parameter.Name is "lotId" or "id" or "ids" or "lotIds")).Select(x => x.Property)],
            [.. parameters.Where(x => x.Parameter!.Type is "address" or "address[]").Select(x => x.Property)],
            [.. parameters.Where(x => x.Parameter!.Type == "bytes32" && x.Parameter.Name == "poolId").Select(x => x.Property)],
            [.. parameters.Where(x => x.Parameter!.Type.StartsWith("tuple", StringComparison.Ordinal) && x.Property.PropertyType == typeof(Contracts.ComputeCapacityToken.LotSpec)).Select(x => x.Property)],
            [.. parameters.Where(x => x.Parameter!.Type == "uint256" && x.Parameter.Name is "offerId" or "pledgeId" or "redemptionId").Select(x => x.Property)]);
    }

    /// <summary>Market and escrow record ids (offers, pledges, redemptions) found to belong to the lot being queried.</summary>
    internal sealed class RelatedRecords
    {
        private readonly Dictionary<string, HashSet<BigInteger>> ids = new(StringComparer.Ordinal);

        public HashSet<BigInteger> For(string property)
        {
            if (!ids.TryGetValue(property, out var set))
            {
                set = [];
                ids[property] = set;
            }

            return set;
        }
    }

    private sealed record Accessors(PropertyInfo[] Lots, PropertyInfo[] Accounts, PropertyInfo[] Pools, PropertyInfo[] Specs, PropertyInfo[] Records);
}
