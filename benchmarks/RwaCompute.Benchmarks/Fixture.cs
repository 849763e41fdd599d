using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace RwaCompute.Benchmarks;

/// <summary>The parts of benchmarks/results/fixture.json (written by viem/setup.mjs) the .NET side reads.</summary>
internal sealed record Fixture(
    long ChainId,
    string Token,
    string IssuerAddress,
    string IssuerPrivateKey,
    BigInteger LotId,
    string HolderAddress,
    BigInteger Units,
    int Txs,
    int ReceiptPollingMs,
    string EventsAddress,
    long FromBlock,
    long ToBlock,
    int ChunkBlocks,
    int ExpectedEvents,
    IReadOnlyDictionary<string, int> ExpectedByName)
{
    public static Fixture Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = doc.RootElement;
        var issue = root.GetProperty("issue");
        var events = root.GetProperty("events");
        var issuer = root.GetProperty("accounts").GetProperty("issuer");
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in events.GetProperty("byName").EnumerateObject())
        {
            byName[p.Name] = p.Value.GetInt32();
        }

        return new Fixture(
            root.GetProperty("chainId").GetInt64(),
            root.GetProperty("contracts").GetProperty("token").GetString()!,
            issuer.GetProperty("address").GetString()!,
            issuer.GetProperty("privateKey").GetString()!,
            BigInteger.Parse(issue.GetProperty("lotId").GetString()!, CultureInfo.InvariantCulture),
            issue.GetProperty("to").GetString()!,
            new BigInteger(issue.GetProperty("units").GetInt64()),
            issue.GetProperty("txs").GetInt32(),
            root.TryGetProperty("receiptPollingMs", out var polling) ? polling.GetInt32() : 10,
            events.GetProperty("address").GetString()!,
            events.GetProperty("fromBlock").GetInt64(),
            events.GetProperty("toBlock").GetInt64(),
            events.GetProperty("chunkBlocks").GetInt32(),
            events.GetProperty("expected").GetInt32(),
            byName);
    }
}
