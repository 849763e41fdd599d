using RwaCompute.Reporter.Observations;

namespace RwaCompute.Reporter.Safety;

/// <summary>An observation as the safety store holds it, with the pool's cumulative totals through its epoch.</summary>
/// <param name="Observation">The observation.</param>
/// <param name="Totals">The pool's totals through the observation's epoch.</param>
/// <param name="RecordedAt">When it was first persisted.</param>
public sealed record PersistedObservation(EpochObservation Observation, CumulativeTotals Totals, DateTimeOffset RecordedAt);
