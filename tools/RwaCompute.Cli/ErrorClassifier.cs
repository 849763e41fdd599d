using System.Net.Http;
using RwaCompute.Contracts.Runtime;
using RwaCompute.Sdk.Contracts;
using RwaCompute.Sdk.Deployment;
using RwaCompute.Sdk.Errors;

namespace RwaCompute.Cli;

/// <summary>Maps a failure to its exit code and the one line shown to the user.</summary>
internal static class ErrorClassifier
{
    /// <summary>The exit code for a failure.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>One of <see cref="ExitCodes"/>.</returns>
    public static int ExitCodeOf(Exception exception) => exception switch
    {
        OperationCanceledException => ExitCodes.Cancelled,
        CliInputException or InputValidationException or DeployConfigException => ExitCodes.BadInput,
        PreflightException or AnvilUnavailableException => ExitCodes.PreflightRefused,
        ContractRevertException or TransactionRevertedException => ExitCodes.ContractRevert,
        RpcUnavailableException or HttpRequestException => ExitCodes.RpcUnavailable,
        ManifestException or DeploymentException => ExitCodes.ManifestProblem,
        SignerException => ExitCodes.SignerProblem,
        _ => ExitCodes.Unexpected,
    };

    /// <summary>The message shown after <c>error: </c>, on one line.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>The message.</returns>
    public static string MessageOf(Exception exception)
    {
        var message = exception switch
        {
            OperationCanceledException => "cancelled.",
            TransferNotAllowedException refused => RecoveryHints.Append(refused.Message, RecoveryHints.For(refused)),
            ContractRevertException revert when RecoveryHints.For(revert) is { } hint => RecoveryHints.Append($"the contract reverted: {revert.Message}", hint),
            ContractRevertException revert => $"the contract reverted: {revert.Message}",
            HttpRequestException http => $"the RPC endpoint is unavailable: {http.Message}",
            _ when ExitCodeOf(exception) == ExitCodes.Unexpected => $"{exception.GetType().Name}: {exception.Message} (use --verbose for details)",
            _ => exception.Message,
        };
        return message.ReplaceLineEndings(" ").Trim();
    }
}
