namespace RwaCompute.CodeGen.Generation;

/// <summary>How a generated file differs from the one on disk.</summary>
public enum FileDifferenceKind
{
    /// <summary>The file exists with other content.</summary>
    Modified,

    /// <summary>The generator would create it.</summary>
    Missing,

    /// <summary>A generated file on disk the generator no longer produces.</summary>
    Stale,
}
