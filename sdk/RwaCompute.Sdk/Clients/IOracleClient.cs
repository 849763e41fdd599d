using System.Numerics;
using RwaCompute.Sdk.Contracts.UtilizationOracle;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Oracle;
using RwaCompute.Sdk.Transactions;
using RwaCompute.Sdk.Wallets;

namespace RwaCompute.Sdk.Clients;

/// <summary>The operations of <see cref="OracleClient"/> as an interface, so applications can substitute a test double.</summary>
public interface IOracleClient
{
    /// <summary>The oracle's address.</summary>
    string Address { get; }

    /// <summary>The generated binding (read-only).</summary>
    UtilizationOracleService Service { get; }

    /// <summary>The EIP-712 domain reports are signed under.</summary>
    OracleDomain Domain { get; }

    /// <summary>Aggregates one round's observations into the report every reporter signs: lower medians, the observer
    /// bitmap, the current configuration version, cumulative counters never below the pool's stored report.</summary>
    /// <param name="poolId">The pool (32 bytes).</param>
    /// <param name="epoch">The epoch.</param>
    /// <param name="observations">Reporter address → its observation (current reporters only).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The report.</returns>
    /// <exception cref="InputValidationException">An observer is not a current reporter, or a value is out of range.</exception>
    Task<OracleReport> AggregateAsync(byte[] poolId, ulong epoch, IReadOnlyDictionary<string, UtilizationObservation> observations, CancellationToken cancellationToken = default);

    /// <summary>Signs <paramref name="report"/> as a reporter.</summary>
    /// <param name="reporter">The reporter's signer.</param>
    /// <param name="report">The aggregate report of the round.</param>
    /// <param name="cancellationToken">Cancels reading the configuration version.</param>
    /// <returns>The signature.</returns>
    /// <exception cref="InputValidationException">The report is for another configuration version, or a value is out
    /// of range.</exception>
    Task<ReportSignature> SignReportAsync(RwaSigner reporter, OracleReport report, CancellationToken cancellationToken = default);

    /// <summary>Submits a report with the signatures of at least the quorum of distinct current reporters, all over
    /// that same report. Every signature is recovered locally first, so a bad one fails before anything is sent.</summary>
    /// <param name="report">The aggregate report.</param>
    /// <param name="signatures">The reporters' signatures.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    /// <exception cref="InputValidationException">Fewer signatures than the quorum, a duplicate signer, a signature that
    /// does not recover to its claimed signer or to a current reporter, or a report for another configuration.</exception>
    Task<TransactionResult> SubmitReportAsync(OracleReport report, IReadOnlyList<ReportSignature> signatures, CancellationToken cancellationToken = default);

    /// <summary>Runs one round with keys held in this process (devnets, tests, a single operator's reporters): each
    /// reporter's observation is aggregated, every reporter signs the aggregate, and the report is submitted.</summary>
    /// <param name="poolId">The pool.</param>
    /// <param name="epoch">The epoch.</param>
    /// <param name="observations">Each reporter's key and observation.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The submitted report and the mined transaction.</returns>
    Task<(OracleReport Report, TransactionResult Transaction)> ReportRoundAsync(byte[] poolId, ulong epoch, IReadOnlyList<(RwaSigner Reporter, UtilizationObservation Observation)> observations, CancellationToken cancellationToken = default);

    /// <summary>The pool's latest report, however old.</summary>
    /// <param name="poolId">The pool.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The report.</returns>
    Task<UtilizationReport> LatestAsync(byte[] poolId, CancellationToken cancellationToken = default);

    /// <summary>The pool's latest report if it is at most <paramref name="maxAge"/> old; the contract reverts
    /// (<c>Oracle_StaleReport</c>, typed) otherwise.</summary>
    /// <param name="poolId">The pool.</param>
    /// <param name="maxAge">The oldest acceptable age.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The report.</returns>
    Task<UtilizationReport> LatestFreshAsync(byte[] poolId, TimeSpan maxAge, CancellationToken cancellationToken = default);

    /// <summary>The current reporter set.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The reporters.</returns>
    Task<IReadOnlyList<string>> ReportersAsync(CancellationToken cancellationToken = default);

    /// <summary>The signatures a report needs.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The quorum.</returns>
    Task<int> QuorumAsync(CancellationToken cancellationToken = default);

    /// <summary>The reporter configuration version signatures must carry.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version.</returns>
    Task<uint> ConfigVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the reporter set and quorum (admin).</summary>
    /// <param name="reporters">The reporters (1–32, distinct).</param>
    /// <param name="quorum">Signatures required (1 to the number of reporters).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> SetReportersAsync(IReadOnlyList<string> reporters, int quorum, CancellationToken cancellationToken = default);
}
