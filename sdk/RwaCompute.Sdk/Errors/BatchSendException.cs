using System.Globalization;
using System.Text;
using RwaCompute.Contracts.Runtime;
using RwaCompute.Sdk.Transactions;

namespace RwaCompute.Sdk.Errors;

/// <summary>
/// A batch (<see cref="TransactionSender.SendBatchAsync"/>) did not succeed as a whole: some calls failed, were not
/// sent, or — the ones that matter most — were signed and possibly broadcast with an unknown outcome. <see cref="Results"/>
/// has every call's result; <see cref="PossiblySent"/> lists the transactions that must be resolved, not sent again
/// (with a <see cref="TransactionOptions.Journal"/>, re-running the same batch resolves them).
/// </summary>
public class BatchSendException : RwaComputeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="results">Every call's result.</param>
    /// <param name="innerException">What stopped the batch (a cancellation), if anything did.</param>
    public BatchSendException(BatchResult results, Exception? innerException = null)
        : base(Describe(results ?? throw new ArgumentNullException(nameof(results)), innerException), innerException)
    {
        Results = results;
    }

    /// <summary>Every call's result, in call order.</summary>
    public BatchResult Results { get; }

    /// <summary>The transactions whose outcome is unknown (hash, nonce, signed bytes): resolve them, never re-send the
    /// calls.</summary>
    public IReadOnlyList<TransactionPossiblySentException> PossiblySent =>
        [.. Results.Where(r => r.Outcome == BatchItemOutcome.PossiblySent).Select(r => r.Error).OfType<TransactionPossiblySentException>()];

    private static string Describe(BatchResult results, Exception? inner)
    {
        var counts = results.GroupBy(r => r.Outcome).ToDictionary(g => g.Key, g => g.Count());
        int Count(BatchItemOutcome outcome) => counts.GetValueOrDefault(outcome);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Batch of {results.Count} calls: {Count(BatchItemOutcome.Mined)} mined, {Count(BatchItemOutcome.Failed)} failed, {Count(BatchItemOutcome.NotSent)} not sent, {Count(BatchItemOutcome.PossiblySent)} possibly sent");
        if (inner is OperationCanceledException)
        {
            text.Append(" (cancelled)");
        }

        text.Append('.');
        var possiblySent = results.Where(r => r.Outcome == BatchItemOutcome.PossiblySent && r.Transaction is not null).ToList();
        if (possiblySent.Count > 0)
        {
            text.Append(" Do not send these again, resolve them (their outcome is unknown): ");
            text.AppendJoin(", ", possiblySent.Take(20).Select(r => string.Create(CultureInfo.InvariantCulture, $"#{r.Index} {r.Transaction!.Hash} (nonce {r.Transaction.Nonce})")));
            if (possiblySent.Count > 20)
            {
                text.Append(CultureInfo.InvariantCulture, $" and {possiblySent.Count - 20} more");
            }

            text.Append('.');
        }

        var firstFailure = results.FirstOrDefault(r => r.Outcome == BatchItemOutcome.Failed);
        if (firstFailure?.Error is { } error)
        {
            text.Append(CultureInfo.InvariantCulture, $" First failure: #{firstFailure.Index} {firstFailure.Call.Description}: {error.Message}");
        }

        return text.ToString();
    }
}
