namespace RwaCompute.Sdk.Errors;

/// <summary>The JSON-RPC endpoint did not answer (refused, reset, timed out). Nothing is assumed about a
/// transaction in flight: re-running the operation is safe because the SDK re-reads the account's nonce.</summary>
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
