using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Contracts.UtilizationOracle;

namespace RwaCompute.Reporter.Node.Rounds;

/// <summary>What a round needs from the chain: the reporter set, the quorum, the configuration version and the
/// pool's stored report.</summary>
/// <param name="Reporters">The current reporters, in the oracle's order.</param>
/// <param name="Quorum">Signatures needed.</param>
/// <param name="ConfigVersion">The current configuration version.</param>
/// <param name="Latest">The pool's stored report, or <see langword="null"/>.</param>
public sealed record OracleState(IReadOnlyList<string> Reporters, int Quorum, uint ConfigVersion, UtilizationReport? Latest)
{
    /// <summary>The reporter's position, or -1.</summary>
    /// <param name="address">An address.</param>
    /// <returns>The 0-based position or -1.</returns>
    public int IndexOf(string address)
    {
        for (var i = 0; i < Reporters.Count; i++)
        {
            if (string.Equals(Reporters[i], address, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Reads the state for <paramref name="poolId"/>.</summary>
    /// <param name="client">The connected client.</param>
    /// <param name="poolId">The pool.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The state.</returns>
    public static async Task<OracleState> ReadAsync(RwaComputeClient client, byte[] poolId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var reporters = await client.Oracle.ReportersAsync(cancellationToken).ConfigureAwait(false);
        var quorum = await client.Oracle.QuorumAsync(cancellationToken).ConfigureAwait(false);
        var version = await client.Oracle.ConfigVersionAsync(cancellationToken).ConfigureAwait(false);
        UtilizationReport? latest = null;
        try
        {
            latest = await client.Oracle.LatestAsync(poolId, cancellationToken).ConfigureAwait(false);
        }
        catch (OracleNoReportException)
        {
        }

        return new OracleState(reporters, quorum, version, latest);
    }
}
