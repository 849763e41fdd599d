namespace RwaCompute.CodeGen.Cli;

/// <summary>The exit codes of <c>rwa-codegen</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Generated (or, with <c>--check</c>, everything up to date).</summary>
    public const int Success = 0;

    /// <summary>Bad input or options: one error line on stderr.</summary>
    public const int Error = 1;

    /// <summary><c>--check</c> found files that differ from what would be generated (listed on stderr).</summary>
    public const int Drift = 2;
}
