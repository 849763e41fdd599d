namespace RwaCompute.Reporter.Safety;

/// <summary>What recording an observation did.</summary>
public enum ObservationRecordOutcome
{
    /// <summary>The observation is new and now persisted, with the pool's totals through its epoch.</summary>
    Recorded,

    /// <summary>The same observation was already persisted (a restart recomputed it); nothing changed.</summary>
    AlreadyRecorded,

    /// <summary>A different observation of this (pool, epoch) was persisted earlier and is kept: the node must go on
    /// with the persisted one (it may have signed it), never with the new computation.</summary>
    DifferentObservationKept,
}
