using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace RwaCompute.Cli.Output;

/// <summary>
/// Shows multi-step work: a live spinner with the current step on an interactive terminal, one plain line per finished
/// step otherwise (<c>[ok] step (12 ms)</c>), so logs and tests can follow the progress.
/// </summary>
internal sealed class StepProgress
{
    private readonly CliConsole console;
    private StatusContext? status;

    public StepProgress(CliConsole console)
    {
        this.console = console;
    }

    /// <summary>Runs a body whose steps are reported through this instance.</summary>
    /// <typeparam name="T">The result.</typeparam>
    /// <param name="title">What the whole thing is.</param>
    /// <param name="body">The work.</param>
    /// <returns>The body's result.</returns>
    public async Task<T> RunAsync<T>(string title, Func<StepProgress, Task<T>> body)
    {
        if (!console.Interactive)
        {
            return await body(this).ConfigureAwait(false);
        }

        return await console.Progress.Status().StartAsync(title, async context =>
        {
            status = context;
            try
            {
                return await body(this).ConfigureAwait(false);
            }
            finally
            {
                status = null;
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Runs one step and reports it when done.</summary>
    /// <typeparam name="T">The result.</typeparam>
    /// <param name="description">What the step does.</param>
    /// <param name="step">The work.</param>
    /// <returns>The step's result.</returns>
    public async Task<T> StepAsync<T>(string description, Func<Task<T>> step)
    {
        status?.Status(Markup.Escape(description) + "…");
        var stopwatch = Stopwatch.StartNew();
        var result = await step().ConfigureAwait(false);
        Done(description, stopwatch.Elapsed);
        return result;
    }

    /// <summary>Runs one step and reports it when done.</summary>
    /// <param name="description">What the step does.</param>
    /// <param name="step">The work.</param>
    /// <returns>Completes with the step.</returns>
    public Task StepAsync(string description, Func<Task> step) =>
        StepAsync(description, async () =>
        {
            await step().ConfigureAwait(false);
            return true;
        });

    /// <summary>Shows what is going on now (interactive only).</summary>
    /// <param name="description">The activity.</param>
    public void Current(string description) => status?.Status(Markup.Escape(description) + "…");

    /// <summary>Reports a finished step.</summary>
    /// <param name="description">What was done.</param>
    /// <param name="elapsed">How long it took, if measured.</param>
    public void Done(string description, TimeSpan? elapsed = null)
    {
        var time = elapsed is { } e ? string.Create(CultureInfo.InvariantCulture, $" ({e.TotalMilliseconds:F0} ms)") : string.Empty;
        if (console.Interactive)
        {
            console.Progress.MarkupLine($"[green]✓[/] {Markup.Escape(description)}[grey]{Markup.Escape(time)}[/]");
        }
        else
        {
            console.ProgressLine($"[ok] {description}{time}");
        }
    }
}
