using System.Net.Http;
using System.Numerics;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using RwaCompute.Sdk.Errors;

using RwaCompute.Sdk.Transport;

namespace RwaCompute.Sdk.Transactions;

/// <summary>
/// The JSON-RPC calls the SDK makes, with cancellation and with transport failures mapped to
/// <see cref="RpcUnavailableException"/>. JSON-RPC errors (reverts, "nonce too low") pass through as Nethereum's
/// <see cref="RpcResponseException"/> for the caller to interpret.
/// </summary>
public sealed class ChainRpc : IDisposable
{
    private HttpClient? ownedHttp;

    private static readonly Newtonsoft.Json.JsonSerializer LogsSerializer = Newtonsoft.Json.JsonSerializer.CreateDefault();
    private HttpClient? logsHttp;
    private Uri? logsUrl;

    /// <summary>Creates the gateway over a Nethereum client.</summary>
    /// <param name="client">The JSON-RPC client.</param>
    /// <param name="endpoint">The endpoint, for messages (no credentials).</param>
    public ChainRpc(IClient client, string endpoint)
    {
        Client = client ?? throw new ArgumentNullException(nameof(client));
        Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
    }

    /// <summary>The underlying Nethereum client.</summary>
    public IClient Client { get; }

    /// <summary>The endpoint, for messages.</summary>
    public string Endpoint { get; }

    /// <summary>Creates a gateway for an HTTP endpoint with the SDK's default transport: pooled connections, idempotent
    /// reads retried with back-off on 429/5xx/timeouts (Microsoft.Extensions.Http.Resilience), sends never retried. The
    /// gateway owns that client: dispose the gateway to release it.</summary>
    /// <param name="rpcUrl">The endpoint URL.</param>
    /// <param name="requestTimeout">Timeout of one attempt (default 30 s).</param>
    /// <param name="retry">Retries of reads (default: 3, from 200 ms).</param>
    /// <returns>The gateway.</returns>
    public static ChainRpc ForHttp(Uri rpcUrl, TimeSpan? requestTimeout = null, RpcRetryOptions? retry = null)
    {
        ArgumentNullException.ThrowIfNull(rpcUrl);
#pragma warning disable CA2000 // The gateway owns the client and disposes it.
        var http = RpcHttpClients.CreateDefault(requestTimeout ?? TimeSpan.FromSeconds(30), retry ?? new RpcRetryOptions());
#pragma warning restore CA2000
        var rpc = ForHttp(rpcUrl, http);
        rpc.ownedHttp = http;
        return rpc;
    }

    /// <summary>Creates a gateway over an application's <see cref="HttpClient"/> (API-key headers, a proxy, an
    /// <c>IHttpClientFactory</c> client). Every call — <c>eth_getLogs</c>'s fast path included — goes through it; the
    /// caller keeps owning it.</summary>
    /// <param name="rpcUrl">The endpoint URL.</param>
    /// <param name="httpClient">The client.</param>
    /// <returns>The gateway.</returns>
    public static ChainRpc ForHttp(Uri rpcUrl, HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(rpcUrl);
        ArgumentNullException.ThrowIfNull(httpClient);
        return new ChainRpc(new RpcClient(rpcUrl, httpClient), Redact(rpcUrl)) { logsHttp = httpClient, logsUrl = rpcUrl };
    }

    /// <summary>Releases the HTTP client the gateway created (<see cref="ForHttp(Uri, TimeSpan?, RpcRetryOptions?)"/>);
    /// a client passed in stays the caller's.</summary>
    public void Dispose() => Interlocked.Exchange(ref ownedHttp, null)?.Dispose();

    /// <summary>An endpoint as it may appear in messages and logs: scheme, host and port, without user-info, query
    /// or path segments that look like API keys (providers put keys in paths: <c>/v3/&lt;key&gt;</c>).</summary>
    /// <param name="rpcUrl">The endpoint.</param>
    /// <returns>The redacted endpoint.</returns>
    public static string Redact(Uri rpcUrl)
    {
        ArgumentNullException.ThrowIfNull(rpcUrl);
        var segments = rpcUrl.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(segment => segment.Length > 16 ? "***" : segment);
        var path = string.Join('/', segments);
        return $"{rpcUrl.Scheme}://{rpcUrl.Host}:{rpcUrl.Port}" + (path.Length > 0 ? "/" + path : string.Empty);
    }

    /// <summary>Sends one request.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="method">The JSON-RPC method.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <param name="parameters">The parameters.</param>
    /// <returns>The result.</returns>
    public async Task<T> SendAsync<T>(string method, CancellationToken cancellationToken, params object?[] parameters)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await Client.SendRequestAsync<T>(method, null, parameters!).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
        {
            throw new RpcUnavailableException(Endpoint, method, ex);
        }
    }

    /// <summary>eth_chainId.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The chain id.</returns>
    public async Task<long> ChainIdAsync(CancellationToken cancellationToken) =>
        (long)(await SendAsync<HexBigInteger>("eth_chainId", cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>eth_blockNumber.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The latest block number.</returns>
    public async Task<long> BlockNumberAsync(CancellationToken cancellationToken) =>
        (long)(await SendAsync<HexBigInteger>("eth_blockNumber", cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>eth_getBlockByNumber without transactions.</summary>
    /// <param name="block">A number, or "latest"/"pending".</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The block, or <see langword="null"/> if unknown.</returns>
    public Task<BlockWithTransactionHashes?> GetBlockAsync(BlockParameter block, CancellationToken cancellationToken) =>
        SendAsync<BlockWithTransactionHashes?>("eth_getBlockByNumber", cancellationToken, block?.GetRPCParam(), false);

    /// <summary>eth_getTransactionCount at the pending block: the next nonce the node expects.</summary>
    /// <param name="address">The account.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The nonce.</returns>
    public async Task<BigInteger> PendingNonceAsync(string address, CancellationToken cancellationToken) =>
        (await SendAsync<HexBigInteger>("eth_getTransactionCount", cancellationToken, address, "pending").ConfigureAwait(false)).Value;

    /// <summary>eth_getTransactionCount at a block: how many transactions of the account that block includes.</summary>
    /// <param name="address">The account.</param>
    /// <param name="block">A block number, or "latest"/"pending".</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The count (the next nonce after that block).</returns>
    public async Task<BigInteger> NonceAtAsync(string address, BlockParameter block, CancellationToken cancellationToken) =>
        (await SendAsync<HexBigInteger>("eth_getTransactionCount", cancellationToken, address, (block ?? BlockParameter.CreateLatest()).GetRPCParam()).ConfigureAwait(false)).Value;

    /// <summary>eth_getBlockByNumber with its transactions.</summary>
    /// <param name="block">A number, or "latest".</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The block, or <see langword="null"/> if unknown.</returns>
    public Task<BlockWithTransactions?> GetBlockWithTransactionsAsync(BlockParameter block, CancellationToken cancellationToken) =>
        SendAsync<BlockWithTransactions?>("eth_getBlockByNumber", cancellationToken, block?.GetRPCParam(), true);

    /// <summary>eth_estimateGas.</summary>
    /// <param name="call">The call.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The gas estimate.</returns>
    public async Task<BigInteger> EstimateGasAsync(CallInput call, CancellationToken cancellationToken) =>
        (await SendAsync<HexBigInteger>("eth_estimateGas", cancellationToken, call).ConfigureAwait(false)).Value;

    /// <summary>eth_call.</summary>
    /// <param name="call">The call.</param>
    /// <param name="block">The block (latest when <see langword="null"/>).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The return data as hex.</returns>
    public Task<string> CallAsync(CallInput call, BlockParameter? block, CancellationToken cancellationToken) =>
        SendAsync<string>("eth_call", cancellationToken, call, (block ?? BlockParameter.CreateLatest()).GetRPCParam());

    /// <summary>eth_sendRawTransaction.</summary>
    /// <param name="signedTransaction">The signed transaction as 0x hex.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction hash.</returns>
    public Task<string> SendRawTransactionAsync(string signedTransaction, CancellationToken cancellationToken) =>
        SendAsync<string>("eth_sendRawTransaction", cancellationToken, signedTransaction);

    /// <summary>eth_getTransactionReceipt.</summary>
    /// <param name="transactionHash">The transaction.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The receipt, or <see langword="null"/> while pending or unknown.</returns>
    public Task<TransactionReceipt?> GetReceiptAsync(string transactionHash, CancellationToken cancellationToken) =>
        SendAsync<TransactionReceipt?>("eth_getTransactionReceipt", cancellationToken, transactionHash);

    /// <summary>eth_getTransactionByHash.</summary>
    /// <param name="transactionHash">The transaction.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction, or <see langword="null"/> when the node does not know it (dropped).</returns>
    public Task<Transaction?> GetTransactionAsync(string transactionHash, CancellationToken cancellationToken) =>
        SendAsync<Transaction?>("eth_getTransactionByHash", cancellationToken, transactionHash);

    /// <summary>eth_maxPriorityFeePerGas.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The suggested tip.</returns>
    public async Task<BigInteger> MaxPriorityFeePerGasAsync(CancellationToken cancellationToken) =>
        (await SendAsync<HexBigInteger>("eth_maxPriorityFeePerGas", cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>eth_getLogs.</summary>
    /// <param name="filter">The filter.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The logs.</returns>
    public Task<FilterLog[]> GetLogsAsync(NewFilterInput filter, CancellationToken cancellationToken) =>
        logsHttp is not null && logsUrl is not null
            ? GetLogsDirectAsync(filter, cancellationToken)
            : SendAsync<FilterLog[]>("eth_getLogs", cancellationToken, filter);

    /// <summary>eth_getCode.</summary>
    /// <param name="address">The account.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The code as hex (0x when none).</returns>
    public Task<string> GetCodeAsync(string address, CancellationToken cancellationToken) =>
        SendAsync<string>("eth_getCode", cancellationToken, address, "latest");

    /// <summary>Sends several requests as one JSON-RPC batch (one HTTP request) and returns the answers in request
    /// order; a request the node refuses carries its error without failing the others. Over an HTTP gateway
    /// (<see cref="ForHttp(Uri, HttpClient)"/>) the batch is posted as a JSON array through the same
    /// <see cref="HttpClient"/> (the transport never retries a batch that contains a send); over any other
    /// <see cref="IClient"/>, and when the node refuses batches as a whole, the requests go one by one, in order.</summary>
    /// <param name="requests">The requests (at least one).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>One answer per request, in order.</returns>
    /// <exception cref="RpcUnavailableException">The transport failed, or the node answered with something that is not
    /// a JSON-RPC batch response: whether it processed any request is unknown.</exception>
    internal async Task<RpcBatchResponse[]> SendBatchAsync(IReadOnlyList<RpcBatchRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentOutOfRangeException.ThrowIfZero(requests.Count);
        cancellationToken.ThrowIfCancellationRequested();
        if (logsHttp is null || logsUrl is null)
        {
            return await SendOneByOneAsync(requests, cancellationToken).ConfigureAwait(false);
        }

        var operation = requests.Count == 1 ? requests[0].Method : $"batch of {requests.Count} ({requests[0].Method}...)";
        var messages = new Nethereum.JsonRpc.Client.RpcMessages.RpcRequestMessage[requests.Count];
        for (var i = 0; i < messages.Length; i++)
        {
            messages[i] = new Nethereum.JsonRpc.Client.RpcMessages.RpcRequestMessage(i, requests[i].Method, requests[i].Parameters);
        }

        var body = Newtonsoft.Json.JsonConvert.SerializeObject(messages, BatchSettings);
        Newtonsoft.Json.Linq.JToken answer;
        try
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            using var response = await logsHttp.PostAsync(logsUrl, content, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            answer = Newtonsoft.Json.JsonConvert.DeserializeObject<Newtonsoft.Json.Linq.JToken>(text, BatchSettings)
                ?? throw new IOException("The node sent an empty response.");
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken) || ex is Newtonsoft.Json.JsonException)
        {
            throw new RpcUnavailableException(Endpoint, operation, ex);
        }

        if (answer is Newtonsoft.Json.Linq.JObject single && single["error"] is Newtonsoft.Json.Linq.JObject && single["id"] is null or { Type: Newtonsoft.Json.Linq.JTokenType.Null })
        {
            // The batch itself was refused (JSON-RPC 2.0: one error object, nothing processed) — a node or provider
            // without batch support, or one with a smaller batch limit: send the requests one by one.
            return await SendOneByOneAsync(requests, cancellationToken).ConfigureAwait(false);
        }

        if (answer is not Newtonsoft.Json.Linq.JArray items)
        {
            throw new RpcUnavailableException(Endpoint, operation, new IOException("The node's answer to a batch is not a JSON array."));
        }

        var results = new RpcBatchResponse?[requests.Count];
        foreach (var item in items.OfType<Newtonsoft.Json.Linq.JObject>())
        {
            if (item["id"] is not { Type: Newtonsoft.Json.Linq.JTokenType.Integer } id || (int)id < 0 || (int)id >= results.Length)
            {
                continue;
            }

            results[(int)id] = item["error"] is Newtonsoft.Json.Linq.JObject error
                ? new RpcBatchResponse(null, new RpcResponseException(new RpcError(
                    error.Value<int?>("code") ?? 0,
                    error.Value<string?>("message") ?? "(no message)",
                    error["data"] is { Type: not Newtonsoft.Json.Linq.JTokenType.Null } data ? data : null)))
                : new RpcBatchResponse(item["result"], null);
        }

        if (Array.FindIndex(results, r => r is null) is var missing and >= 0)
        {
            throw new RpcUnavailableException(Endpoint, operation, new IOException($"The node's batch answer has no response for request {missing} ({requests[missing].Method})."));
        }

        return Array.ConvertAll(results, r => r!.Value);
    }

    private static readonly Newtonsoft.Json.JsonSerializerSettings BatchSettings = DefaultJsonSerializerSettingsFactory.BuildDefaultJsonSerializerSettings();

    private async Task<RpcBatchResponse[]> SendOneByOneAsync(IReadOnlyList<RpcBatchRequest> requests, CancellationToken cancellationToken)
    {
        var results = new RpcBatchResponse[requests.Count];
        for (var i = 0; i < results.Length; i++)
        {
            try
            {
                results[i] = new RpcBatchResponse(await SendAsync<Newtonsoft.Json.Linq.JToken?>(requests[i].Method, cancellationToken, requests[i].Parameters).ConfigureAwait(false), null);
            }
            catch (RpcResponseException ex)
            {
                results[i] = new RpcBatchResponse(null, ex);
            }
        }

        return results;
    }

    /// <summary>eth_getLogs over the gateway's own HttpClient, deserialized straight into typed logs. Nethereum's
    /// client parses a response into a JToken tree and converts that again: for megabytes of logs, twice the work.</summary>
    private async Task<FilterLog[]> GetLogsDirectAsync(NewFilterInput filter, CancellationToken cancellationToken)
    {
        var body = Newtonsoft.Json.JsonConvert.SerializeObject(new Nethereum.JsonRpc.Client.RpcMessages.RpcRequestMessage(1, "eth_getLogs", filter));
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        try
        {
            using var response = await logsHttp!.PostAsync(logsUrl, content, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (LogsReader.TryRead(payload, out var logs))
            {
                return logs;
            }

            // An error object (or anything unusual): let Newtonsoft and Nethereum's types interpret it.
            using var reader = new Newtonsoft.Json.JsonTextReader(new StreamReader(new MemoryStream(payload)));
            var message = LogsSerializer.Deserialize<LogsResponse>(reader)
                ?? throw new RpcUnavailableException(Endpoint, "eth_getLogs", new IOException("The node sent an empty response."));
            if (message.Error is { } error)
            {
                throw new RpcResponseException(new RpcError(error.Code, error.Message, error.Data));
            }

            return message.Result ?? [];
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
        {
            throw new RpcUnavailableException(Endpoint, "eth_getLogs", ex);
        }
    }

    private static bool IsTransportFailure(Exception exception, CancellationToken cancellationToken)
    {
        if (exception is RpcResponseException)
        {
            return false;
        }

        if (exception is OperationCanceledException)
        {
            // A timeout inside HttpClient, not the caller's cancellation.
            return !cancellationToken.IsCancellationRequested;
        }

        if (exception is NullReferenceException { Source: "Nethereum.JsonRpc.Client" })
        {
            // Nethereum's client trips over an empty answer (a proxy or node that closed without a JSON-RPC body).
            return true;
        }

        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException or RpcClientUnknownException or RpcClientTimeoutException or System.Net.Sockets.SocketException or IOException)
            {
                return true;
            }
        }

        return false;
    }

    private sealed class LogsResponse
    {
        [Newtonsoft.Json.JsonProperty("result")]
        public FilterLog[]? Result { get; set; }

        [Newtonsoft.Json.JsonProperty("error")]
        public Nethereum.JsonRpc.Client.RpcMessages.RpcError? Error { get; set; }
    }
}
