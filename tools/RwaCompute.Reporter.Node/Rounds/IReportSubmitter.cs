using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Oracle;

namespace RwaCompute.Reporter.Node.Rounds;

/// <summary>Puts a quorum-signed report on-chain (a seam for fault-injection tests: a leader that dies between
/// collecting signatures and submitting).</summary>
public interface IReportSubmitter
{
    /// <summary>Submits <paramref name="report"/> with <paramref name="signatures"/>.</summary>
    /// <param name="report">The report.</param>
    /// <param name="signatures">At least the quorum of signatures over it.</param>
    /// <param name="cancellationToken">Cancels the submission.</param>
    /// <returns>Completes when the transaction is mined.</returns>
    Task SubmitAsync(OracleReport report, IReadOnlyList<ReportSignature> signatures, CancellationToken cancellationToken);
}

/// <summary>Submits through the SDK (<see cref="OracleClient.SubmitReportAsync"/>).</summary>
/// <param name="client">The connected client; its signer pays.</param>
public sealed class ChainReportSubmitter(RwaComputeClient client) : IReportSubmitter
{
    /// <inheritdoc/>
    public Task SubmitAsync(OracleReport report, IReadOnlyList<ReportSignature> signatures, CancellationToken cancellationToken) =>
        client.Oracle.SubmitReportAsync(report, signatures, cancellationToken);
}
