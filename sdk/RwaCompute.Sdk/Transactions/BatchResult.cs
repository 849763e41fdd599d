using System.Collections;
using RwaCompute.Sdk.Errors;

namespace RwaCompute.Sdk.Transactions;

/// <summary>The results of a batch (<see cref="TransactionSender.SendBatchAsync"/>), one per call, in call order.</summary>
public sealed class BatchResult : IReadOnlyList<BatchItemResult>
{
    private readonly BatchItemResult[] items;

    /// <summary>Creates the result.</summary>
    /// <param name="items">One result per call, in call order.</param>
    public BatchResult(IEnumerable<BatchItemResult> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        this.items = [.. items];
    }

    /// <inheritdoc/>
    public int Count => items.Length;

    /// <summary>How many calls were mined successfully.</summary>
    public int MinedCount => items.Count(item => item.Succeeded);

    /// <summary>Whether every call was mined successfully.</summary>
    public bool AllMined => items.All(item => item.Succeeded);

    /// <summary>The calls that did not succeed, in call order.</summary>
    public IReadOnlyList<BatchItemResult> Failures => [.. items.Where(item => !item.Succeeded)];

    /// <inheritdoc/>
    public BatchItemResult this[int index] => items[index];

    /// <summary>Throws unless every call was mined successfully.</summary>
    /// <returns>This result.</returns>
    /// <exception cref="BatchSendException">Lists every call that did not succeed; the possibly-sent ones with their
    /// hashes (do not send those again).</exception>
    public BatchResult EnsureAllMined() => AllMined ? this : throw new BatchSendException(this);

    /// <inheritdoc/>
    public IEnumerator<BatchItemResult> GetEnumerator() => ((IEnumerable<BatchItemResult>)items).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();
}
