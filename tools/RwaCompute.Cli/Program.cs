using System.Runtime.InteropServices;

namespace RwaCompute.Cli;

/// <summary>Entry point of <c>rwa</c>: Ctrl+C (SIGINT) or SIGTERM cancels the running command, which stops anvil and
/// leaves a deployment resumable.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            // The first signal asks the command to stop cleanly; a second one ends the process at once.
            context.Cancel = !cancellation.IsCancellationRequested;
            cancellation.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        return await CliApplication.RunAsync(args, Console.Out, Console.Error, cancellation.Token).ConfigureAwait(false);
    }
}
