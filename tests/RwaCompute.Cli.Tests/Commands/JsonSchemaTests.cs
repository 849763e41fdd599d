using System.CommandLine;
using System.Text.Json;
using RwaCompute.Cli.Tests.Infrastructure;
using Xunit;

namespace RwaCompute.Cli.Tests.Commands;

/// <summary>The <c>--json</c> contract (docs/CLI.md, "JSON output"): every command's output matches its schema in
/// docs/schemas, every command has one (or is listed as having no JSON output), every transaction a command sent is
/// listed, and a failure is <c>{"error":{…}}</c> on stdout with the usual exit code.</summary>
public sealed class JsonSchemaTests(SuiteFixture suite) : IClassFixture<SuiteFixture>
{
    private TestChain Chain => suite.Chain;

    [Fact]
    public void EveryCommand_HasASchemaOrIsListedWithoutJsonOutput()
    {
        var leaves = Leaves(CliApplication.CreateRoot(), string.Empty).ToList();
        Assert.NotEmpty(leaves);
        foreach (var path in leaves)
        {
            Assert.True(CommandSchemas.Map.ContainsKey(path) ^ CommandSchemas.WithoutJson.ContainsKey(path), $"'rwa {path}' needs a schema in docs/schemas and an entry in CommandSchemas.Map (or an entry in CommandSchemas.WithoutJson)");
        }

        Assert.Empty(CommandSchemas.Map.Keys.Concat(CommandSchemas.WithoutJson.Keys).Except(leaves));
        var names = JsonSchemas.Names.ToHashSet();
        Assert.All(CommandSchemas.Map.Values.SelectMany(s => s), schema => Assert.Contains(schema, names));

        // No orphan schema: each file describes some command's output (or the shared parts, or errors).
        Assert.Empty(names.Except(CommandSchemas.Map.Values.SelectMany(s => s)).Except(["common", "error"]));
    }

    [Fact]
    public async Task EveryCommandRunHere_PrintsJsonMatchingItsSchema()
    {
        var a = SuiteFixture.Accounts;
        var lot = suite.LotId;
        await Valid("provider", "provider", a.Bob.Address, "--as", "admin");
        await Valid("bond", "bond", lot, "1.5", "--as", "provider");
        var issued = await Valid("lot-issue", "lot", "issue", "--pool", SuiteFixture.Pool, "--gpu", "H100-SXM5-80G", "--region", "eu-west", "--ends", "20d", "--price", "2", "--sla", "99%", "--units", "10", "--as", "provider");
        Assert.Equal(lot.Length, issued.GetProperty("lotId").GetString()!.Length);
        await Valid("lot-show", "lot", "show", lot);
        await Valid("lot-list", "lot", "list");
        await Valid("status", "status");

        var offerId = (await Valid("offer", "offer", lot, "50", "--price", "1234.5", "--expires", "7d", "--as", "provider")).GetProperty("offerId").GetString()!;

        // Alice's first purchase approves the escrow, then buys: both transactions are listed, the action last.
        var bought = await Valid("buy", "buy", offerId, "20", "--as", "alice");
        var sent = bought.GetProperty("transactions").EnumerateArray().ToList();
        Assert.Equal(2, sent.Count);
        Assert.StartsWith("stablecoin.approve(", sent[0].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(sent, t => t.GetProperty("gasUsed").GetString()!.Contains(',', StringComparison.Ordinal));
        Assert.Equal("1234.5", bought.GetProperty("pricePerUnit").GetString());
        Assert.Equal("24690", bought.GetProperty("cost").GetString());

        var auctionId = (await Valid("market-auction", "market", "auction", lot, "5", "--start-price", "4", "--floor-price", "2", "--ends", "2d", "--as", "provider")).GetProperty("offerId").GetString()!;
        var auction = await Valid("market-show", "market", "show", auctionId);
        Assert.Equal("Auction", auction.GetProperty("kind").GetString());
        await Valid("market-show", "market", "show", offerId);
        var listed = await Valid("market-list", "market", "list", "--lot", lot);
        Assert.Contains(listed.GetProperty("offers").EnumerateArray(), o => o.GetProperty("offerId").GetString() == auctionId);
        await Valid("market-list", "market", "list", "--all");
        var price = await Valid("market-price", "market", "price", "--gpu", "H100-SXM5-80G", "--region", "eu-west");
        Assert.Equal("1234.5", price.GetProperty("lastPrice").GetString());
        await Valid("market-cancel", "market", "cancel", auctionId, "--as", "provider");
        await Valid("market-price", "market", "price", "--gpu", "B200", "--region", "nowhere"); // no trades: prices absent

        var askFile = Path.Combine(Chain.Directory, "schema-ask.json");
        var signedAsk = await Valid("order-sign", "order", "ask", lot, "6", "--price", "2.6", "--expires", "2d", "--out", askFile, "--as", "provider");
        Assert.Equal("ask", signedAsk.GetProperty("kind").GetString());
        var shown = await Valid("order-show", "order", "show", askFile);
        Assert.True(shown.GetProperty("fillable").GetBoolean());
        var filled = await Valid("order-fill", "order", "fill", askFile, "4", "--max-price", "2.6", "--as", "alice");
        Assert.Equal(signedAsk.GetProperty("orderHash").GetString(), filled.GetProperty("orderHash").GetString());
        Assert.Equal("10.4", filled.GetProperty("cost").GetString());
        await Valid("order-cancel", "order", "cancel", askFile, "--as", "provider");
        var bidFile = Path.Combine(Chain.Directory, "schema-bid.json");
        await Valid("order-sign", "order", "bid", "--units", "3", "--price", "2.5", "--expires", "1d", "--gpu", "H100-SXM5-80G", "--min-sla", "99%", "--out", bidFile, "--as", "bob");
        var bidShown = await Valid("order-show", "order", "show", bidFile);
        Assert.False(bidShown.TryGetProperty("lotId", out _));
        Assert.Equal("H100-SXM5-80G", bidShown.GetProperty("criteria").GetProperty("gpuModel").GetString());
        await Valid("order-fill", "order", "fill", bidFile, "3", "--lot", lot, "--min-price", "2.5", "--as", "provider");
        await Valid("order-cancel-all", "order", "cancel-all", "--as", "bob");

        await Valid("transfer", "transfer", lot, "1", "--to", a.Bob.Address, "--as", "alice");
        var pledgeId = (await Valid("pledge-request", "pledge", "request", lot, "5", "--principal", "1", "--fee", "0.25", "--maturity", "10d", "--lender", a.Lender.Address, "--as", "alice")).GetProperty("pledgeId").GetString()!;
        await Valid("pledge-fund", "pledge", "fund", pledgeId, "--as", "lender");
        await Valid("pledge-show", "pledge", "show", pledgeId);
        await Valid("withdraw", "withdraw", "--as", "alice");
        await Valid("pledge-repay", "pledge", "repay", pledgeId, "--as", "alice");
        var redemptionId = (await Valid("redeem", "redeem", lot, "1", "--as", "bob")).GetProperty("redemptionId").GetString()!;
        await Valid("confirm", "confirm", redemptionId, "--as", "bob");

        var someone = a.Reporters[0].Address;
        await Valid("account-allow", "account", "allow", someone, "--as", "admin");
        await Valid("account-disallow", "account", "disallow", someone, "--as", "admin");
        await Valid("account-freeze", "account", "freeze", someone, "--as", "admin");
        await Valid("account-unfreeze", "account", "unfreeze", someone, "--as", "admin");
        await Valid("token-pause", "token", "pause", "--as", "admin");
        await Valid("token-unpause", "token", "unpause", "--as", "admin");

        await Valid("role-list", "role", "list");
        var granted = await Valid("role-change", "role", "grant", "token", "pauser", a.Bob.Address, "--as", "admin");
        Assert.Single(granted.GetProperty("transactions").EnumerateArray());
        await Valid("role-change", "role", "revoke", "token", "pauser", a.Bob.Address, "--as", "admin");
        await Valid("admin-calldata", "admin", "calldata");
        await Valid("tx-pending", "tx", "pending");
        await Valid("tx-status", "tx", "status", sent[1].GetProperty("hash").GetString()!);

        var password = Path.Combine(Chain.Directory, "schema-password.txt");
        await File.WriteAllTextAsync(password, "correct horse battery staple");
        await Valid("keystore", "keystore", "new", "--out", Path.Combine(Chain.Directory, "schema-key.json"), "--password-file", password, "--light-kdf");
        await Valid("usdc-deploy-mock", "usdc", "deploy-mock", "--mint", $"{a.Alice.Address}=12345.5", "--as", "admin");

        var signature = await SchemaRunAsync("oracle-sign", "oracle", "sign", "--pool", SuiteFixture.Pool, "--epoch", "7", "--utilization", "80%", "--uptime", "99%", "--delivered", "10", "--energy", "7", "--as", "reporter1");
        var first = Path.Combine(Chain.Directory, "schema-sig-1.json");
        await File.WriteAllTextAsync(first, signature);
        List<string> files = [first];
        for (var i = 2; i <= 3; i++)
        {
            var path = Path.Combine(Chain.Directory, $"schema-sig-{i}.json");
            SuiteFixture.Require(await CliRun.RunAsync(Chain.Args("oracle", "sign", "--cosign", first, "--out", path, "--as", "reporter" + i)));
            JsonSchemas.AssertValid("oracle-sign", await File.ReadAllTextAsync(path));
            files.Add(path);
        }

        await Valid("oracle-report", ["oracle", "report", .. files, "--as", "alice"]);
        Assert.Equal("7", (await Valid("oracle-show", "oracle", "show", SuiteFixture.Pool)).GetProperty("epoch").GetString());
    }

    [Theory]
    [InlineData("\"gasUsed\": \"21000\"", "\"gasUsed\": \"21,000\"")]
    [InlineData("\"units\": \"5\"", "\"units\": 5")]
    [InlineData("\"offerId\": \"1\"", "\"id\": \"1\"")]
    [InlineData("\"pricePerUnit\": \"1234.5\"", "\"pricePerUnit\": \"1,234.5\"")]
    [InlineData("\"pricePerUnit\": \"1234.5\"", "\"pricePerUnitUsdc\": \"1234.5\"")]
    [InlineData("\"decimals\": 6", "\"decimals\": \"6\"")]
    [InlineData("\"currency\": {", "\"currency\": \"0x{{new string('c', 40)}}\", \"x\": {")]
    [InlineData("\"operation\": \"offer\"", "\"operation\": \"buy\"")]
    public void TheSchemas_RefuseSeparatorsNumbersOldKeysAndTheWrongOperation(string good, string bad)
    {
        var offer = $$"""
            {
              "operation": "offer",
              "summary": "offered 5 units",
              "offerId": "1",
              "lotId": "0x{{new string('a', 64)}}",
              "units": "5",
              "pricePerUnit": "1234.5",
              "currency": { "address": "0x{{new string('c', 40)}}", "symbol": "EURC", "decimals": 6 },
              "transactions": [ { "hash": "0x{{new string('b', 64)}}", "blockNumber": 7, "gasUsed": "21000", "description": "escrow.createOffer" } ]
            }
            """;
        JsonSchemas.AssertValid("offer", offer);
        Assert.Contains(good, offer, StringComparison.Ordinal);
        Assert.Throws<Xunit.Sdk.XunitException>(() => JsonSchemas.AssertValid("offer", offer.Replace(good, bad, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ParseError_WithJson_PrintsTheErrorObjectOnStdoutAndExits2()
    {
        var run = await CliRun.RunAsync(Chain.Args("offer", suite.LotId, "5", "--json", "--price=-1", "--expires", "7d", "--as", "alice"));
        var error = AssertError(run, ExitCodes.BadInput, "BadInput");
        Assert.StartsWith("--price: '-1' is negative", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseError_WithoutJson_PrintsOnlyTheErrorLine()
    {
        var run = await CliRun.RunAsync(Chain.Args("offer", suite.LotId, "5", "--price=-1", "--expires", "7d", "--as", "alice"));
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Single(run.ErrorLines);
    }

    [Fact]
    public async Task InputErrorWhileRunning_WithJson_IsExit2AsJson()
    {
        var run = await CliRun.RunAsync(Chain.Args("deploy", "--reporter", SuiteFixture.Accounts.Reporters[0].Address, "--as", "admin", "--json"));
        AssertError(run, ExitCodes.BadInput, "BadInput");
    }

    [Fact]
    public async Task PreflightRefusal_WithJson_IsExit3AsJson()
    {
        var run = await CliRun.RunAsync(Chain.Args("buy", "999999", "1", "--as", "alice", "--json"));
        AssertError(run, ExitCodes.PreflightRefused, "PreflightRefused");
    }

    [Fact]
    public async Task ContractRevert_WithJson_IsExit4AsJson()
    {
        var a = SuiteFixture.Accounts;
        var pledgeId = (await Valid("pledge-request", "pledge", "request", suite.LotId, "2", "--principal", "1", "--maturity", "10d", "--lender", a.Lender.Address, "--as", "provider")).GetProperty("pledgeId").GetString()!;
        await Valid("pledge-fund", "pledge", "fund", pledgeId, "--as", "lender");
        await Valid("pledge-repay", "pledge", "repay", pledgeId, "--as", "provider");
        var run = await CliRun.RunAsync(Chain.Args("pledge", "claim", pledgeId, "--as", "lender", "--json"));
        AssertError(run, ExitCodes.ContractRevert, "ContractRevert");
    }

    [Fact]
    public async Task ManifestProblem_WithJson_IsExit6AsJson()
    {
        var empty = System.IO.Directory.CreateDirectory(Path.Combine(Chain.Directory, "no-deployments")).FullName;
        var run = await CliRun.RunAsync(["status", "--rpc", Chain.RpcUrl, "--deployments", empty, "--json"]);
        AssertError(run, ExitCodes.ManifestProblem, "ManifestProblem");
    }

    private static IEnumerable<string> Leaves(Command command, string path)
    {
        foreach (var sub in command.Subcommands)
        {
            var subPath = path.Length == 0 ? sub.Name : path + " " + sub.Name;
            if (sub.Subcommands.Count == 0)
            {
                yield return subPath;
            }
            else
            {
                foreach (var leaf in Leaves(sub, subPath))
                {
                    yield return leaf;
                }
            }
        }
    }

    /// <summary>The error object on stdout matches error.schema.json, its code is the exit code, its message the
    /// one <c>error:</c> line on stderr.</summary>
    private static JsonElement AssertError(CliRun run, int code, string name)
    {
        Assert.True(run.ExitCode == code, run.ToString());
        JsonSchemas.AssertValid("error", run.Stdout);
        var error = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("error").Clone();
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.Equal(name, error.GetProperty("name").GetString());
        Assert.Equal("error: " + error.GetProperty("message").GetString(), Assert.Single(run.ErrorLines));
        return error;
    }

    private Task<JsonElement> Valid(string schema, params string[] args) => ValidAsync(schema, args);

    private async Task<JsonElement> ValidAsync(string schema, string[] args)
    {
        var stdout = await SchemaRunAsync(schema, [.. args, "--json"]);
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    private async Task<string> SchemaRunAsync(string schema, params string[] args)
    {
        var run = SuiteFixture.Require(await CliRun.RunAsync(Chain.Args(args)));
        JsonSchemas.AssertValid(schema, run.Stdout);
        return run.Stdout;
    }
}
