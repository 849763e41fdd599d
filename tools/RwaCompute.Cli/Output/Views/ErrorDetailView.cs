namespace RwaCompute.Cli.Output.Views;

/// <summary>A failure as JSON: the exit code, its name and the one-line message.</summary>
/// <param name="Code">The exit code (<see cref="ExitCodes"/>).</param>
/// <param name="Name">The exit code's name: <c>BadInput</c>, <c>PreflightRefused</c>, <c>ContractRevert</c>, …</param>
/// <param name="Message">The message of the <c>error:</c> line on stderr.</param>
/// <param name="TransactionHash">The transaction whose outcome is not confirmed (exit 5, 8 or 130 after a broadcast):
/// <c>rwa tx status</c> shows it, re-running the command resolves it.</param>
internal sealed record ErrorDetailView(int Code, string Name, string Message, string? TransactionHash = null);
