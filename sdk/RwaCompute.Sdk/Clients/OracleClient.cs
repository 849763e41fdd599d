using System.Numerics;
using Nethereum.Contracts;
using RwaCompute.Sdk.Contracts.UtilizationOracle;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Oracle;
using RwaCompute.Sdk.Transactions;
using RwaCompute.Sdk.Validation;
using RwaCompute.Sdk.Wallets;

namespace RwaCompute.Sdk.Clients;

/// <summary>
/// The utilization oracle: reporters sign observations off-chain (EIP-712, <see cref="SignObservationAsync"/>),
/// anyone submits a report carrying a quorum of signatures, readers get the latest or a staleness-checked report.
/// </summary>
public sealed class OracleClient
{
    private readonly SuiteContext context;

    internal OracleClient(SuiteContext context)
    {
        this.context = context;
    }

    /// <summary>The oracle's address.</summary>
    public string Address => context.OracleAddress;

    /// <summary>The generated binding (read-only).</summary>
    public UtilizationOracleService Service => context.Oracle;

    /// <summary>The EIP-712 domain reports are signed under.</summary>
    public OracleDomain Domain => new(context.ChainId, Address);

    /// <summary>Signs an observation as a reporter for the oracle's current reporter configuration.</summary>
    /// <param name="reporter">The reporter's signer.</param>
    /// <param name="poolId">The pool (32 bytes).</param>
    /// <param name="epoch">The epoch (greater than the pool's last).</param>
    /// <param name="observation">The measured values.</param>
    /// <param name="cancellationToken">Cancels reading the configuration version.</param>
    /// <returns>The signed observation.</returns>
    public async Task<SignedObservation> SignObservationAsync(RwaSigner reporter, byte[] poolId, ulong epoch, UtilizationObservation observation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        ArgumentNullException.ThrowIfNull(observation);
        Guard.Bytes32(poolId, nameof(poolId));
        ValidateObservation(observation);
        var version = await ConfigVersionAsync(cancellationToken).ConfigureAwait(false);
        return ReportSigner.Sign(reporter, Domain, poolId, epoch, observation, version);
    }

    /// <summary>Submits a report: one signed observation per reporter, at least the quorum. The oracle stores the
    /// median of each field.</summary>
    /// <param name="poolId">The pool.</param>
    /// <param name="epoch">The epoch.</param>
    /// <param name="observations">The signed observations.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    /// <exception cref="InputValidationException">Fewer observations than the quorum, or duplicate signers.</exception>
    public async Task<TransactionResult> SubmitReportAsync(byte[] poolId, ulong epoch, IReadOnlyList<SignedObservation> observations, CancellationToken cancellationToken = default)
    {
        Guard.Bytes32(poolId, nameof(poolId));
        ArgumentNullException.ThrowIfNull(observations);
        var quorum = await QuorumAsync(cancellationToken).ConfigureAwait(false);
        if (observations.Count < quorum)
        {
            throw new InputValidationException(nameof(observations), $"{observations.Count} signed observation(s); the oracle's quorum is {quorum}.");
        }

        var duplicate = observations.GroupBy(o => o.Signer, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InputValidationException(nameof(observations), $"{duplicate.Key} signed more than once.");
        }

        var message = new SubmitReportFunction
        {
            PoolId = poolId,
            Epoch = epoch,
            Observations = observations.Select(o => new Observation
            {
                UtilizationBps = o.Observation.UtilizationBps,
                UptimeBps = o.Observation.UptimeBps,
                DeliveredGpuHours = o.Observation.DeliveredGpuHours,
                EnergyKwh = o.Observation.EnergyKwh,
                ObservedAt = o.Observation.ObservedAt,
            }).ToList(),
            Signatures = observations.Select(o => o.Signature).ToList(),
        };
        var receipt = await context.SendAsync(TransactionCall.For(Address, message, $"oracle.submitReport({Bytes32Text.Format(poolId)}, epoch {epoch}, {observations.Count} signatures)", SuiteErrorDecoder.ForOracle), cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(receipt);
    }

    /// <summary>The pool's latest report, however old.</summary>
    /// <param name="poolId">The pool.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The report.</returns>
    public async Task<UtilizationReport> LatestAsync(byte[] poolId, CancellationToken cancellationToken = default)
    {
        Guard.Bytes32(poolId, nameof(poolId));
        return Map(poolId, await context.ReadAsync(ct => context.Oracle.LatestQueryAsync(poolId, null, ct), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The pool's latest report if it is at most <paramref name="maxAge"/> old; the contract reverts
    /// (<c>Oracle_StaleReport</c>, typed) otherwise.</summary>
    /// <param name="poolId">The pool.</param>
    /// <param name="maxAge">The oldest acceptable age.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The report.</returns>
    public async Task<UtilizationReport> LatestFreshAsync(byte[] poolId, TimeSpan maxAge, CancellationToken cancellationToken = default)
    {
        Guard.Bytes32(poolId, nameof(poolId));
        if (maxAge <= TimeSpan.Zero)
        {
            throw new InputValidationException(nameof(maxAge), "must be positive.");
        }

        var seconds = new BigInteger((long)maxAge.TotalSeconds);
        return Map(poolId, await context.ReadAsync(ct => context.Oracle.LatestFreshQueryAsync(poolId, seconds, null, ct), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The current reporter set.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The reporters.</returns>
    public async Task<IReadOnlyList<string>> ReportersAsync(CancellationToken cancellationToken = default) =>
        await context.ReadAsync(ct => context.Oracle.ReportersQueryAsync(null, ct), cancellationToken).ConfigureAwait(false);

    /// <summary>The signatures a report needs.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The quorum.</returns>
    public async Task<int> QuorumAsync(CancellationToken cancellationToken = default) =>
        await context.ReadAsync(ct => context.Oracle.QuorumQueryAsync(null, ct), cancellationToken).ConfigureAwait(false);

    /// <summary>The reporter configuration version signatures must carry.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version.</returns>
    public Task<uint> ConfigVersionAsync(CancellationToken cancellationToken = default) =>
        context.ReadAsync(ct => context.Oracle.ConfigVersionQueryAsync(null, ct), cancellationToken);

    /// <summary>Replaces the reporter set and quorum (admin).</summary>
    /// <param name="reporters">The reporters (1–32, distinct).</param>
    /// <param name="quorum">Signatures required (1 to the number of reporters).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    public async Task<TransactionResult> SetReportersAsync(IReadOnlyList<string> reporters, int quorum, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reporters);
        var addresses = reporters.Select((r, i) => Guard.Address(r, $"{nameof(reporters)}[{i}]")).ToList();
        if (addresses.Count is 0 or > 32 || addresses.Distinct(StringComparer.OrdinalIgnoreCase).Count() != addresses.Count)
        {
            throw new InputValidationException(nameof(reporters), "expected 1 to 32 distinct reporters.");
        }

        if (quorum < 1 || quorum > addresses.Count)
        {
            throw new AmountOutOfRangeException(nameof(quorum), quorum, 1, addresses.Count, "uint8");
        }

        var receipt = await context.SendAsync(TransactionCall.For(Address, new SetReportersFunction { Reporters = addresses, Quorum = (byte)quorum }, $"oracle.setReporters({addresses.Count} reporters, quorum {quorum})", SuiteErrorDecoder.ForOracle), cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(receipt);
    }

    private static void ValidateObservation(UtilizationObservation observation)
    {
        if (observation.UtilizationBps > 10_000)
        {
            throw new AmountOutOfRangeException(nameof(observation.UtilizationBps), observation.UtilizationBps, 0, 10_000, "basis points");
        }

        if (observation.UptimeBps > 10_000)
        {
            throw new AmountOutOfRangeException(nameof(observation.UptimeBps), observation.UptimeBps, 0, 10_000, "basis points");
        }
    }

    private static UtilizationReport Map(byte[] poolId, PoolReport report) =>
        new(poolId, report.Epoch, SuiteContext.Time(report.ObservedAt), report.UtilizationBps, report.UptimeBps, report.DeliveredGpuHours, report.EnergyKwh, report.ConfigVersion, report.SignerCount);
}
