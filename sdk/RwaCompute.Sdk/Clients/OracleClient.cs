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
/// The utilization oracle: reporters aggregate their observations into one report (<see cref="AggregateAsync"/>), each
/// signs that same report off-chain (EIP-712, <see cref="SignReportAsync"/>), anyone submits it with a quorum of
/// signatures (<see cref="SubmitReportAsync"/>); readers get the latest or a fresh, current-configuration report.
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

    /// <summary>Aggregates one round's observations into the report every reporter signs: lower medians, the observer
    /// bitmap, the current configuration version, cumulative counters never below the pool's stored report.</summary>
    /// <param name="poolId">The pool (32 bytes).</param>
    /// <param name="epoch">The epoch.</param>
    /// <param name="observations">Reporter address → its observation (current reporters only).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The report.</returns>
    /// <exception cref="InputValidationException">An observer is not a current reporter, or a value is out of range.</exception>
    public async Task<OracleReport> AggregateAsync(byte[] poolId, ulong epoch, IReadOnlyDictionary<string, UtilizationObservation> observations, CancellationToken cancellationToken = default)
    {
        Guard.Bytes32(poolId, nameof(poolId));
        ArgumentNullException.ThrowIfNull(observations);
        var reporters = await ReportersAsync(cancellationToken).ConfigureAwait(false);
        var indexed = new List<ReporterObservation>(observations.Count);
        foreach (var (reporter, observation) in observations)
        {
            ArgumentNullException.ThrowIfNull(observation);
            ValidateObservation(observation);
            var index = reporters.ToList().FindIndex(r => string.Equals(r, reporter, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                throw new InputValidationException(nameof(observations), $"{reporter} is not a reporter of the oracle's current configuration.");
            }

            indexed.Add(new ReporterObservation(index, observation));
        }

        if (indexed.Count == 0)
        {
            throw new InputValidationException(nameof(observations), "no observations.");
        }

        var version = await ConfigVersionAsync(cancellationToken).ConfigureAwait(false);
        var previous = await TryLatestAsync(poolId, cancellationToken).ConfigureAwait(false);
        return ReportAggregator.Aggregate(poolId, epoch, version, indexed, previous);
    }

    /// <summary>Signs <paramref name="report"/> as a reporter.</summary>
    /// <param name="reporter">The reporter's signer.</param>
    /// <param name="report">The aggregate report of the round.</param>
    /// <param name="cancellationToken">Cancels reading the configuration version.</param>
    /// <returns>The signature.</returns>
    /// <exception cref="InputValidationException">The report is for another configuration version, or a value is out
    /// of range.</exception>
    public async Task<ReportSignature> SignReportAsync(RwaSigner reporter, OracleReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        await ValidateReportAsync(report, cancellationToken).ConfigureAwait(false);
        return await ReportSigner.SignAsync(reporter, Domain, report, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Submits a report with the signatures of at least the quorum of distinct current reporters, all over
    /// that same report. Every signature is recovered locally first, so a bad one fails before anything is sent.</summary>
    /// <param name="report">The aggregate report.</param>
    /// <param name="signatures">The reporters' signatures.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    /// <exception cref="InputValidationException">Fewer signatures than the quorum, a duplicate signer, a signature that
    /// does not recover to its claimed signer or to a current reporter, or a report for another configuration.</exception>
    public async Task<TransactionResult> SubmitReportAsync(OracleReport report, IReadOnlyList<ReportSignature> signatures, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        await ValidateReportAsync(report, cancellationToken).ConfigureAwait(false);
        var quorum = await QuorumAsync(cancellationToken).ConfigureAwait(false);
        if (signatures.Count < quorum)
        {
            throw new InputValidationException(nameof(signatures), $"{signatures.Count} signature(s); the oracle's quorum is {quorum}.");
        }

        var reporters = await ReportersAsync(cancellationToken).ConfigureAwait(false);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var signature in signatures)
        {
            ArgumentNullException.ThrowIfNull(signature);
            string recovered;
            try
            {
                recovered = ReportSigner.RecoverSigner(Domain, report, signature.Signature);
            }
            catch (ArgumentException ex)
            {
                throw new InputValidationException(nameof(signatures), $"the signature of {signature.Signer} is malformed: {ex.Message}");
            }

            if (!string.Equals(recovered, signature.Signer, StringComparison.OrdinalIgnoreCase))
            {
                throw new InputValidationException(nameof(signatures), $"the signature claimed for {signature.Signer} recovers to {recovered}: it was made over another report.");
            }

            if (!reporters.Contains(recovered, StringComparer.OrdinalIgnoreCase))
            {
                throw new InputValidationException(nameof(signatures), $"{recovered} is not a reporter of the oracle's current configuration.");
            }

            if (!seen.Add(recovered))
            {
                throw new InputValidationException(nameof(signatures), $"{recovered} signed more than once.");
            }
        }

        var message = new SubmitReportFunction { Report = report.ToContract(), Signatures = signatures.Select(s => s.Signature).ToList() };
        var receipt = await context.SendAsync(TransactionCall.For(Address, message, $"oracle.submitReport({Bytes32Text.Format(report.PoolId)}, epoch {report.Epoch}, {signatures.Count} signatures)", SuiteErrorDecoder.ForOracle), cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(receipt);
    }

    /// <summary>Runs one round with keys held in this process (devnets, tests, a single operator's reporters): each
    /// reporter's observation is aggregated, every reporter signs the aggregate, and the report is submitted.</summary>
    /// <param name="poolId">The pool.</param>
    /// <param name="epoch">The epoch.</param>
    /// <param name="observations">Each reporter's key and observation.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The submitted report and the mined transaction.</returns>
    public async Task<(OracleReport Report, TransactionResult Transaction)> ReportRoundAsync(byte[] poolId, ulong epoch, IReadOnlyList<(RwaSigner Reporter, UtilizationObservation Observation)> observations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var report = await AggregateAsync(poolId, epoch, observations.ToDictionary(o => o.Reporter.Address, o => o.Observation, StringComparer.OrdinalIgnoreCase), cancellationToken).ConfigureAwait(false);
        var signatures = observations.Select(o => ReportSigner.Sign(o.Reporter, Domain, report)).ToList();
        var transaction = await SubmitReportAsync(report, signatures, cancellationToken).ConfigureAwait(false);
        return (report, transaction);
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

    private async Task<UtilizationReport?> TryLatestAsync(byte[] poolId, CancellationToken cancellationToken)
    {
        try
        {
            return await LatestAsync(poolId, cancellationToken).ConfigureAwait(false);
        }
        catch (OracleNoReportException)
        {
            return null;
        }
    }

    private async Task ValidateReportAsync(OracleReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        Guard.Bytes32(report.PoolId, nameof(report));
        ValidateObservation(new UtilizationObservation(report.UtilizationBps, report.UptimeBps, 0, 0, 0, 0));
        var version = await ConfigVersionAsync(cancellationToken).ConfigureAwait(false);
        if (report.ConfigVersion != version)
        {
            throw new InputValidationException(nameof(report), $"the report is for reporter configuration {report.ConfigVersion}; the oracle's current one is {version}.");
        }
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
        new(poolId, report.Epoch, SuiteContext.Time(report.ObservedAt), report.UtilizationBps, report.UptimeBps, report.DeliveredGpuHours, report.EnergyKwh, report.ConfigVersion, report.SignerCount)
        {
            CurtailedGpuHours = report.CurtailedGpuHours,
            Observers = report.Observers,
        };
}
