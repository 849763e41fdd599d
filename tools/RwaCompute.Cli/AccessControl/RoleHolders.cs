using Nethereum.Util;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Events;

namespace RwaCompute.Cli.AccessControl;

/// <summary>Who holds each role of the suite's contracts: the accounts of the <c>RoleGranted</c> events not
/// followed by a <c>RoleRevoked</c> (the SDK's event query, from the block the manifest records for the first
/// contract), each then checked with <c>hasRole</c> so the list is the chain's present state.</summary>
internal static class RoleHolders
{
    /// <summary>Reads the holders of every role of <paramref name="targets"/>.</summary>
    /// <param name="client">The client.</param>
    /// <param name="targets">The contracts.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>Role → holders (checksummed, in the order they were granted).</returns>
    public static async Task<IReadOnlyDictionary<SuiteRole, IReadOnlyList<string>>> ReadAsync(RwaComputeClient client, IReadOnlyList<RoleTarget> targets, CancellationToken cancellationToken)
    {
        var from = client.Manifest.Contracts.Values.Where(c => !c.External && c.BlockNumber is not null).Select(c => c.BlockNumber!.Value).DefaultIfEmpty(0).Min();
        var candidates = targets.SelectMany(t => t.Contract.Roles).ToDictionary(r => r, _ => new List<string>());
        await foreach (var item in client.Events.StreamAsync(new BlockRange(from), cancellationToken).ConfigureAwait(false))
        {
            foreach (var target in targets)
            {
                if (target.RoleChange(item) is not { } change)
                {
                    continue;
                }

                var role = target.Contract.Roles.FirstOrDefault(r => r.Id.AsSpan().SequenceEqual(change.Role));
                if (role is null)
                {
                    continue;
                }

                var account = AddressUtil.Current.ConvertToChecksumAddress(change.Account);
                var list = candidates[role];
                list.Remove(account);
                if (change.Granted)
                {
                    list.Add(account);
                }
            }
        }

        var holders = new Dictionary<SuiteRole, IReadOnlyList<string>>();
        foreach (var target in targets)
        {
            foreach (var role in target.Contract.Roles)
            {
                var verified = new List<string>();
                foreach (var account in candidates[role])
                {
                    if (await target.HasRoleAsync(role, account, cancellationToken).ConfigureAwait(false))
                    {
                        verified.Add(account);
                    }
                }

                holders[role] = verified;
            }
        }

        return holders;
    }
}
