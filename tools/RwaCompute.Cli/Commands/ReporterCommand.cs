using System.CommandLine;
using Microsoft.Extensions.Logging;
using RwaCompute.Cli.Parsing;
using RwaCompute.Reporter.Node.Hosting;

namespace RwaCompute.Cli.Commands;

/// <summary><c>rwa reporter run --config reporter.json</c>: runs an oracle reporter node (Generic Host) next to a
/// provider's GPUs until Ctrl+C (docs/ORACLE.md).</summary>
internal static class ReporterCommand
{
    public static Command Create(CommandRunner runner)
    {
        var reporter = new Command("reporter", "oracle reporter node: measure GPUs (nvidia-smi, dcgm-exporter or a replay), agree on reports with the other reporters, submit them");
        var config = CliOptions.ExistingFile("--config", "the node's config file (sections Reporter and Node; docs/ORACLE.md)").AsRequired();
        var run = new Command("run", "run the node until Ctrl+C (HTTP API, /health and /metrics on Node:Listen)") { config };
        runner.SetAction(run, async invocation =>
        {
            var path = invocation.Required(config);
            Microsoft.AspNetCore.Builder.WebApplication app;
            try
            {
                app = await ReporterNodeFactory.BuildFromFileAsync(path, logging => logging.AddSimpleConsole(o => o.SingleLine = true).AddFilter("Microsoft", LogLevel.Warning).AddFilter("System", LogLevel.Warning), invocation.CancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException ex)
            {
                throw new CliInputException("--config", ex.Message);
            }

            await using (app.ConfigureAwait(false))
            {
                invocation.Console.ProgressLine($"reporter node listening on {string.Join(", ", app.Urls)}; Ctrl+C to stop");
                await app.StartAsync(invocation.CancellationToken).ConfigureAwait(false);
                try
                {
                    await Task.Delay(Timeout.Infinite, invocation.CancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C: stop gracefully (rounds in flight finish or are abandoned; the sign guard is durable).
                }

                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        reporter.Subcommands.Add(run);
        return reporter;
    }
}
