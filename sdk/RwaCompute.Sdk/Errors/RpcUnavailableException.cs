using RwaCompute.Contracts.Runtime;

namespace RwaCompute.Sdk.Errors;

/// <summary>The JSON-RPC endpoint did not answer (refused, reset, timed out). Raised by reads and by sending (before
/// or during the broadcast — the SDK then re-reads the account's nonce, so a re-run cannot reuse a stale one; when the
/// broadcast itself failed, check the account's transactions before re-running an operation that must not happen
/// twice). Waiting for a receipt does not raise it: the wait polls on until its timeout.</summary>
public sealed class RpcUnavailableException : RwaComputeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpoint">The endpoint (URL without credentials).</param>
    /// <param name="operation">The RPC method or step that failed.</param>
    /// <param name="innerException">The transport error.</param>
    public RpcUnavailableException(string endpoint, string operation, Exception innerException)
        : base($"RPC endpoint {endpoint} is unavailable during {operation}: {innerException?.GetBaseException().Message}", innerException)
    {
        Endpoint = endpoint;
        Operation = operation;
    }

    /// <summary>The endpoint.</summary>
    public string Endpoint { get; }

    /// <summary>The RPC method or step that failed.</summary>
    public string Operation { get; }
}
