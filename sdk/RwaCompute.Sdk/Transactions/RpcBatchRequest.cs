namespace RwaCompute.Sdk.Transactions;

/// <summary>One request of a JSON-RPC batch (<see cref="ChainRpc.SendBatchAsync"/>).</summary>
/// <param name="Method">The JSON-RPC method.</param>
/// <param name="Parameters">Its parameters (serialized like Nethereum's own requests).</param>
internal sealed record RpcBatchRequest(string Method, params object?[] Parameters);
