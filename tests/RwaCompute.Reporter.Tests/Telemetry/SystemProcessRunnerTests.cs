using System.Diagnostics;
using RwaCompute.Reporter.Telemetry.Processes;
using Xunit;

namespace RwaCompute.Reporter.Tests.Telemetry;

/// <summary>The real runner against /bin/sh (never a GPU tool).</summary>
public sealed class SystemProcessRunnerTests
{
    private readonly SystemProcessRunner runner = new();

    [Fact]
    public async Task Run_CapturesExitCodeAndBothStreams_WithArgumentsPassedVerbatim()
    {
        var result = await this.runner.RunAsync("/bin/sh", ["-c", "printf '%s|' \"$1\"; echo oops >&2; exit 3", "sh", "a b; $(nope)"], TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("a b; $(nope)|", result.StandardOutput);
        Assert.Equal("oops\n", result.StandardError);
    }

    [Fact]
    public async Task Run_LongerThanTheTimeout_IsKilledAndTimesOut()
    {
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAsync<TimeoutException>(() => this.runner.RunAsync("/bin/sh", ["-c", "sleep 30"], TimeSpan.FromMilliseconds(300), CancellationToken.None));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Run_Cancelled_ThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => this.runner.RunAsync("/bin/sh", ["-c", "sleep 30"], TimeSpan.FromSeconds(30), cancellation.Token));
    }

    [Fact]
    public async Task Run_MissingProgram_Throws()
    {
        await Assert.ThrowsAsync<System.ComponentModel.Win32Exception>(() => this.runner.RunAsync("/nonexistent/nvidia-smi", [], TimeSpan.FromSeconds(5), CancellationToken.None));
    }
}
