namespace RwaCompute.Reporter.Safety;

/// <summary>The result of recording an observation.</summary>
/// <param name="Persisted">What the store holds for the (pool, epoch) now: on
/// <see cref="ObservationRecordOutcome.DifferentObservationKept"/> the earlier observation, not the one passed in.</param>
/// <param name="Outcome">What recording did.</param>
public sealed record RecordedObservation(PersistedObservation Persisted, ObservationRecordOutcome Outcome);
