using RwaCompute.Reporter.Telemetry.Processes;

namespace RwaCompute.Reporter.Tests.Fakes;

/// <summary>Answers runs from a queue of scripted results (or exceptions) and records what was run.</summary>
internal sealed class ScriptedProcessRunner : IProcessRunner
{
    private readonly Queue<Func<ProcessRunResult>> script = new();

    public List<(string FileName, IReadOnlyList<string> Arguments, TimeSpan Timeout)> Runs { get; } = [];

    public ScriptedProcessRunner Returns(int exitCode, string standardOutput, string standardError = "")
    {
        this.script.Enqueue(() => new ProcessRunResult(exitCode, standardOutput, standardError));
        return this;
    }

    public ScriptedProcessRunner Throws(Exception exception)
    {
        this.script.Enqueue(() => throw exception);
        return this;
    }

    public Task<ProcessRunResult> RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        this.Runs.Add((fileName, arguments, timeout));
        return Task.FromResult(this.script.Dequeue()());
    }
}
