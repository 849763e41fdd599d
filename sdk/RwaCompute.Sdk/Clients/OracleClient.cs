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
public sealed class OracleClient : IOracleClient
{
    private readonly SuiteContext context;

    internal OracleClient(SuiteContext context)
    {
        this.context = context;
    }

    /// <inheritdoc/>
    public string Address => context.OracleAddress;

    /// <inheritdoc/>
    public UtilizationOracleService Service => context.Oracle;

    /// <inheritdoc/>
    public OracleDomain Domain => new(context.ChainId, Address);

    /// <inheritdoc/>
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

    /// <inheritdoc/>
    public async Task<ReportSignature> SignReportAsync(RwaSigner reporter, OracleReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        await ValidateReportAsync(report, cancellationToken).ConfigureAwait(false);
        return await ReportSigner.SignAsync(reporter, Domain, report, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
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

    /// <inheritdoc/>
    public async Task<(OracleReport Report, TransactionResult Transaction)> ReportRoundAsync(byte[] poolId, ulong epoch, IReadOnlyList<(RwaSigner Reporter, UtilizationObservation Observation)> observations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var report = await AggregateAsync(poolId, epoch, observations.ToDictionary(o => o.Reporter.Address, o => o.Observation, StringComparer.OrdinalIgnoreCase), cancellationToken).ConfigureAwait(false);
        var signatures = observations.Select(o => ReportSigner.Sign(o.Reporter, Domain, report)).ToList();
        var transaction = await SubmitReportAsync(report, signatures, cancellationToken).ConfigureAwait(false);
        return (report, transaction);
    }

    /// <inheritdoc/>
    public async Task<UtilizationReport> LatestAsync(byte[] poolId, CancellationToken cancellationToken = default)
    {
        Guard.Bytes32(poolId, nameof(poolId));
        return Map(poolId, await context.ReadAsync(ct => context.Oracle.LatestQueryAsync(poolId, null, ct), cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
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

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> ReportersAsync(CancellationToken cancellationToken = default) =>
        await context.ReadAsync(ct => context.Oracle.ReportersQueryAsync(null, ct), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task<int> QuorumAsync(CancellationToken cancellationToken = default) =>
        await context.ReadAsync(ct => context.Oracle.QuorumQueryAsync(null, ct), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public Task<uint> ConfigVersionAsync(CancellationToken cancellationToken = default) =>
        context.ReadAsync(ct => context.Oracle.ConfigVersionQueryAsync(null, ct), cancellationToken);

    /// <inheritdoc/>
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
