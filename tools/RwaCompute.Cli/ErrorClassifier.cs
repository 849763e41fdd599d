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
        TransactionPossiblySentException { Reason: PossiblySentReason.Cancelled } => ExitCodes.Cancelled,
        TransactionPossiblySentException { Reason: PossiblySentReason.BroadcastFailed or PossiblySentReason.NodeUnavailable } => ExitCodes.RpcUnavailable,
        TransactionPossiblySentException or TransactionDroppedException => ExitCodes.Unconfirmed,
        OperationCanceledException => ExitCodes.Cancelled,
        CliInputException or InputValidationException or DeployConfigException or OrderFormatException => ExitCodes.BadInput,
        PreflightException or AnvilUnavailableException => ExitCodes.PreflightRefused,
        ContractRevertException or TransactionRevertedException => ExitCodes.ContractRevert,
        _ when IsRpcFailure(exception) => ExitCodes.RpcUnavailable,
        ManifestException or DeploymentException => ExitCodes.ManifestProblem,
        SignerException => ExitCodes.SignerProblem,
        _ => ExitCodes.Unexpected,
    };

    /// <summary>Whether a failure is the endpoint not answering, whichever layer saw it (the SDK's typed error, or
    /// Nethereum's own transport errors from the deployer's and verifier's calls — including the null reference its
    /// client throws on an empty answer).</summary>
    /// <param name="exception">The failure.</param>
    /// <returns><see langword="true"/> for transport failures.</returns>
    private static bool IsRpcFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is RpcUnavailableException or HttpRequestException or Nethereum.JsonRpc.Client.RpcClientUnknownException
                or Nethereum.JsonRpc.Client.RpcClientTimeoutException or System.Net.Sockets.SocketException
                or NullReferenceException { Source: "Nethereum.JsonRpc.Client" })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The message shown after <c>error: </c>, on one line.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>The message.</returns>
    public static string MessageOf(Exception exception)
    {
        var message = exception switch
        {
            TransactionPossiblySentException sent => $"{sent.Message} Re-run the same command to resolve it (it is not sent twice), or see: rwa tx status {sent.TransactionHash}",
            TransactionDroppedException dropped => $"{dropped.Message} Re-running the command sends a new transaction.",
            OperationCanceledException => "cancelled.",
            TransferNotAllowedException refused => RecoveryHints.Append(refused.Message, RecoveryHints.For(refused)),
            ContractRevertException revert when RecoveryHints.For(revert) is { } hint => RecoveryHints.Append($"the contract reverted: {revert.Message}", hint),
            ContractRevertException revert => $"the contract reverted: {revert.Message}",
            HttpRequestException http => $"the RPC endpoint is unavailable: {http.Message}",
            _ when exception is not RpcUnavailableException && IsRpcFailure(exception) => $"the RPC endpoint is unavailable: {exception.GetBaseException().Message}",
            _ when ExitCodeOf(exception) == ExitCodes.Unexpected => $"{exception.GetType().Name}: {exception.Message} (use --verbose for details)",
            _ => exception.Message,
        };
        return message.ReplaceLineEndings(" ").Trim();
    }
}
