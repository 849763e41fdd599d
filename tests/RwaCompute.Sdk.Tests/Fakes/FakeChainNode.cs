using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.Model;
using Nethereum.Util;
using Newtonsoft.Json.Linq;
using RwaCompute.Sdk.Transactions;

namespace RwaCompute.Sdk.Tests.Fakes;

/// <summary>
/// A tiny automining chain behind HTTP, for the bulk path: it answers single JSON-RPC requests and batches (a JSON
/// array), keeps one account's nonce like a node's pool (a nonce below the next one is "nonce too low", one above it
/// waits queued until the gap is filled), mines each transaction into its own block, and serves receipts by hash and by
/// block. Every HTTP request is recorded (its methods, in order), and hooks can refuse a transaction, cut the
/// connection, or watch a broadcast as it arrives.
/// </summary>
internal sealed class FakeChainNode : HttpMessageHandler
{
    private readonly object sync = new();
    private readonly Dictionary<BigInteger, (string Hash, Transaction1559 Tx)> queued = [];
    private readonly Dictionary<string, (Transaction1559 Tx, long? Block, bool Reverted)> known = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<List<string>> blocks = [];
    private readonly List<IReadOnlyList<string>> requests = [];
    private int sendRequests;

    public const long FirstBlock = 50;

    public static readonly BigInteger Gwei = 1_000_000_000;

    public FakeChainNode(BigInteger nextNonce)
    {
        NextNonce = nextNonce;
    }

    /// <summary>The account's next nonce (its mined count: every contiguous transaction is mined at once).</summary>
    public BigInteger NextNonce { get; private set; }

    /// <summary>Gas estimate by calldata; throw an <see cref="RpcResponseException"/> to revert.</summary>
    public Func<string, BigInteger> Estimate { get; set; } = _ => 100_000;

    /// <summary>Refuses a broadcast (the error message) or accepts it (<see langword="null"/>); the transaction and
    /// how many times this nonce was offered.</summary>
    public Func<Transaction1559, int, string?> Refuse { get; set; } = (_, _) => null;

    /// <summary>Revert data of calldata that reverts when mined (and when replayed), or <see langword="null"/>.</summary>
    public Func<string, string?> RevertData { get; set; } = _ => null;

    /// <summary>Called for each eth_sendRawTransaction as it arrives (its hash), before the node looks at it.</summary>
    public Action<string>? OnBroadcast { get; set; }

    /// <summary>Cuts the connection of the n-th HTTP request carrying sends (1-based): before the node saw it
    /// (<see langword="false"/>) or after it processed it (<see langword="true"/>, the answer is lost).</summary>
    public Func<int, bool?> CutSendRequest { get; set; } = _ => null;

    /// <summary>Whether the node knows eth_getBlockReceipts.</summary>
    public bool BlockReceipts { get; set; } = true;

    /// <summary>Whether the node refuses batches as a whole (one error object for the array).</summary>
    public bool RefusesBatches { get; set; }

    /// <summary>Every HTTP request: the methods it carried, in order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Requests
    {
        get
        {
            lock (sync)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>Every transaction offered to the node, in arrival order, with its hash.</summary>
    public List<(string Hash, Transaction1559 Tx)> Offered { get; } = [];

    /// <summary>The batch sizes of the HTTP requests that carried sends.</summary>
    public IReadOnlyList<int> SendBatchSizes => [.. Requests.Where(r => r.Contains("eth_sendRawTransaction")).Select(r => r.Count)];

    public int CountOf(string method) => Requests.Sum(r => r.Count(m => m == method));

    /// <summary>A gateway over this node with the SDK's HTTP code path (<see cref="ChainRpc.ForHttp(Uri, HttpClient)"/>).</summary>
    public ChainRpc Rpc() => ChainRpc.ForHttp(new Uri("http://fake-chain:8545/"), new HttpClient(this));

    /// <summary>A transaction's calldata as 0x hex ("0x" when empty).</summary>
    public static string DataOf(Transaction1559 tx) => string.IsNullOrEmpty(tx.Data) ? "0x" : tx.Data.EnsureHexPrefix();

    public static string HashOf(string raw) => Sha3Keccack.Current.CalculateHash(raw.HexToByteArray()).ToHex(true);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = JToken.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
        var calls = body is JArray array ? [.. array.OfType<JObject>()] : new List<JObject> { (JObject)body };
        var methods = calls.Select(c => (string)c["method"]!).ToList();
        lock (sync)
        {
            requests.Add(methods);
        }

        bool? cut = null;
        if (methods.Contains("eth_sendRawTransaction"))
        {
            cut = CutSendRequest(Interlocked.Increment(ref sendRequests));
            if (cut == false)
            {
                throw new HttpRequestException("connection reset (before the node read the request)");
            }
        }

        JToken answer;
        if (body is JArray && RefusesBatches)
        {
            answer = new JObject { ["jsonrpc"] = "2.0", ["id"] = null, ["error"] = new JObject { ["code"] = -32600, ["message"] = "batch requests are not supported" } };
        }
        else
        {
            var answers = calls.Select(Answer).ToList();
            answer = body is JArray ? new JArray(answers) : answers[0];
        }

        if (cut == true)
        {
            throw new HttpRequestException("connection reset (the answer was lost)");
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer.ToString(Newtonsoft.Json.Formatting.None), Encoding.UTF8, "application/json") };
    }

    private JObject Answer(JObject call)
    {
        var response = new JObject { ["jsonrpc"] = "2.0", ["id"] = call["id"] };
        try
        {
            response["result"] = Handle((string)call["method"]!, call["params"] as JArray ?? []);
        }
        catch (RpcResponseException ex)
        {
            response["error"] = new JObject { ["code"] = ex.RpcError.Code, ["message"] = ex.RpcError.Message, ["data"] = ex.RpcError.Data is null ? null : JToken.FromObject(ex.RpcError.Data) };
        }

        return response;
    }

    private JToken? Handle(string method, JArray parameters)
    {
        lock (sync)
        {
            switch (method)
            {
                case "eth_estimateGas":
                    return new HexBigInteger(Estimate((string)parameters[0]["data"]! ?? (string)parameters[0]["input"]!)).HexValue;
                case "eth_getBlockByNumber":
                    var number = (string)parameters[0]! is "latest" or "pending" ? Head : (long)new HexBigInteger((string)parameters[0]!).Value;
                    return new JObject
                    {
                        ["number"] = new HexBigInteger(number).HexValue,
                        ["hash"] = BlockHash(number),
                        ["baseFeePerGas"] = new HexBigInteger(10 * Gwei).HexValue,
                        ["timestamp"] = new HexBigInteger(1_767_225_600 + number).HexValue,
                        ["transactions"] = new JArray(TransactionsOf(number).Cast<object>().ToArray()),
                    };
                case "eth_maxPriorityFeePerGas":
                    return new HexBigInteger(2 * Gwei).HexValue;
                case "eth_getTransactionCount":
                    return new HexBigInteger(NextNonce).HexValue;
                case "eth_blockNumber":
                    return new HexBigInteger(Head).HexValue;
                case "eth_sendRawTransaction":
                    return Accept((string)parameters[0]!);
                case "eth_getTransactionReceipt":
                    return known.TryGetValue((string)parameters[0]!, out var entry) && entry.Block is { } block ? Receipt((string)parameters[0]!, entry.Tx, block, entry.Reverted) : null;
                case "eth_getTransactionByHash":
                    if (!known.TryGetValue((string)parameters[0]!, out var tx))
                    {
                        return null;
                    }

                    return new JObject
                    {
                        ["hash"] = (string)parameters[0]!,
                        ["nonce"] = new HexBigInteger(tx.Tx.Nonce!.Value).HexValue,
                        ["from"] = Fakes.Rpc.Signer.Address,
                        ["blockHash"] = tx.Block is { } b ? BlockHash(b) : null,
                        ["blockNumber"] = tx.Block is { } n ? new HexBigInteger(n).HexValue : null,
                    };
                case "eth_getBlockReceipts":
                    if (!BlockReceipts)
                    {
                        throw new RpcResponseException(new RpcError(-32601, "the method eth_getBlockReceipts does not exist/is not available"));
                    }

                    var at = (long)new HexBigInteger((string)parameters[0]!).Value;
                    return at > Head ? null : new JArray(TransactionsOf(at).Select(h => (object)Receipt(h, known[h].Tx, at, known[h].Reverted)).ToArray());
                case "eth_call":
                    if (RevertData((string)parameters[0]["data"]! ?? (string)parameters[0]["input"]!) is { } revert)
                    {
                        throw new RpcResponseException(new RpcError(3, "execution reverted", revert));
                    }

                    return "0x";
                default:
                    throw new RpcResponseException(new RpcError(-32601, $"the method {method} does not exist/is not available"));
            }
        }
    }

    private long Head => FirstBlock + blocks.Count;

    private static string BlockHash(long number) => "0x" + number.ToString("x", CultureInfo.InvariantCulture).PadLeft(64, 'b');

    private List<string> TransactionsOf(long number) => number > FirstBlock && number <= Head ? blocks[(int)(number - FirstBlock - 1)] : [];

    private string Accept(string raw)
    {
        var hash = HashOf(raw);
        OnBroadcast?.Invoke(hash);
        var tx = (Transaction1559)TransactionFactory.CreateTransaction(raw);
        var nonce = tx.Nonce!.Value;
        Offered.Add((hash, tx));
        if (known.ContainsKey(hash))
        {
            throw new RpcResponseException(new RpcError(-32000, "already known"));
        }

        if (nonce < NextNonce)
        {
            throw new RpcResponseException(new RpcError(-32003, "nonce too low"));
        }

        if (Refuse(tx, Offered.Count(o => o.Tx.Nonce!.Value == nonce)) is { } refusal)
        {
            throw new RpcResponseException(new RpcError(-32000, refusal, refusal.Contains("revert", StringComparison.Ordinal) ? RevertData(DataOf(tx)) : null));
        }

        known[hash] = (tx, null, false);
        queued[nonce] = (hash, tx);
        while (queued.Remove(NextNonce, out var next))
        {
            blocks.Add([next.Hash]);
            known[next.Hash] = (next.Tx, Head, RevertData(DataOf(next.Tx)) is not null);
            NextNonce++;
        }

        return hash;
    }

    /// <summary>Uses the account's next nonce for a transaction from elsewhere (another process of the same key).</summary>
    public void UseNonceElsewhere()
    {
        lock (sync)
        {
            blocks.Add([]);
            NextNonce++;
        }
    }

    private static JObject Receipt(string hash, Transaction1559 tx, long block, bool reverted) => new()
    {
        ["transactionHash"] = hash,
        ["transactionIndex"] = "0x0",
        ["blockNumber"] = new HexBigInteger(block).HexValue,
        ["blockHash"] = BlockHash(block),
        ["from"] = Fakes.Rpc.Signer.Address.ToLowerInvariant(),
        ["to"] = tx.ReceiverAddress,
        ["gasUsed"] = "0x5208",
        ["cumulativeGasUsed"] = "0x5208",
        ["status"] = reverted ? "0x0" : "0x1",
        ["logs"] = new JArray(),
    };
}
