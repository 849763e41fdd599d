using System.Text.Json.Nodes;
using RwaCompute.Cli.Tests.Infrastructure;
using Xunit;

namespace RwaCompute.Cli.Tests.Commands;

/// <summary>R-5: a manifest is checked against the chain before any command reads or sends with it — every entry is
/// bound to the contract its name says (init code from its constructor arguments, CREATE2), cross-references and role
/// entries match the chain, unknown fields are refused. A forged manifest is exit 6 with one line naming the entry, and
/// nothing is sent.</summary>
public sealed class ManifestTrustTests(SuiteFixture suite) : IClassFixture<SuiteFixture>
{
    private static string Admin => SuiteFixture.Accounts.Admin.Address;

    [Fact]
    public async Task R5_SwappedTokenAndEscrowEntries_AreRefused()
    {
        // Addresses, hashes, salts and arguments swapped consistently: each entry still matches its own code on chain.
        var forged = await ForgeAsync(root =>
        {
            var contracts = root["contracts"]!.AsObject();
            var token = contracts["ComputeCapacityToken"]!.DeepClone();
            contracts["ComputeCapacityToken"] = contracts["ComputeEscrow"]!.DeepClone();
            contracts["ComputeEscrow"] = token;
        });

        await AssertRefusedAsync(forged, "ComputeCapacityToken");
    }

    [Fact]
    public async Task R5_StablecoinPointedAtTheOracle_IsRefused()
    {
        var forged = await ForgeAsync(root =>
        {
            var contracts = root["contracts"]!.AsObject();
            var oracle = contracts["UtilizationOracle"]!;
            contracts["Stablecoin"] = new JsonObject
            {
                ["address"] = oracle["address"]!.GetValue<string>(),
                ["runtimeCodeHash"] = oracle["runtimeCodeHash"]!.GetValue<string>(),
                ["constructorArguments"] = new JsonArray(),
                ["external"] = true,
            };
        });

        await AssertRefusedAsync(forged, "Stablecoin");
    }

    [Fact]
    public async Task R5_StablecoinPointedAtAnotherErc20_IsRefused()
    {
        // A real ERC-20, but not the one the escrow settles in.
        var other = await suite.Chain.DeployStablecoinAsync();
        var forged = await ForgeAsync(root =>
        {
            root["contracts"]!["Stablecoin"]!["address"] = other;
            root["contracts"]!["Stablecoin"]!.AsObject().Remove("runtimeCodeHash");
        });

        await AssertRefusedAsync(forged, "Stablecoin");
    }

    [Fact]
    public async Task R5_EscrowArgumentsNamingAnotherOracle_AreRefused()
    {
        // The escrow's recorded oracle edited together with the oracle entry would need a new creation hash and address.
        var forged = await ForgeAsync(root => root["contracts"]!["ComputeEscrow"]!["constructorArguments"]![4] = Admin);

        await AssertRefusedAsync(forged, "ComputeEscrow");
    }

    [Theory]
    [InlineData("top level", "", "comment")]
    [InlineData("contract entry", "contracts.ComputeEscrow", "implementation")]
    [InlineData("role entry", "roles.0", "note")]
    [InlineData("oracle settings", "oracle", "weights")]
    public async Task R5_UnknownManifestField_IsRefused(string where, string parent, string field)
    {
        var forged = await ForgeAsync(root =>
        {
            var node = parent.Length == 0 ? root : parent.Split('.').Aggregate(root, (n, key) => int.TryParse(key, out var i) ? n[i]! : n[key]!);
            node[field] = "x";
        });

        await AssertRefusedAsync(forged, "unknown field '" + (parent.Length == 0 ? string.Empty : parent.Replace(".0", "[0]", StringComparison.Ordinal) + ".") + field + "'", where);
    }

    [Theory]
    [InlineData("account changed", "account", "{bob}", "roles[0]")]
    [InlineData("role name unknown", "role", "MINTER_ROLE", "MINTER_ROLE")]
    [InlineData("role of another contract", "role", "RISK_ROLE", "roles[0]")]
    [InlineData("contract unknown", "contract", "Stablecoin", "roles[0].contract")]
    public async Task R5_TamperedRoleEntry_IsRefused(string kind, string field, string value, string named)
    {
        var forged = await ForgeAsync(root => root["roles"]![0]![field] = value.Replace("{bob}", SuiteFixture.Accounts.Bob.Address, StringComparison.Ordinal));

        await AssertRefusedAsync(forged, named, kind);
    }

    [Fact]
    public async Task R5_UntamperedManifest_Passes()
    {
        var copy = await ForgeAsync(_ => { });

        var run = await CliRun.RunAsync([.. suite.Chain.Args("status", "--json"), "--manifest", copy]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
    }

    /// <summary>The fixture's manifest, edited, in a file of its own.</summary>
    private async Task<string> ForgeAsync(Action<JsonNode> edit)
    {
        var root = JsonNode.Parse(await File.ReadAllTextAsync(suite.Chain.ManifestPath))!;
        edit(root);
        var path = Path.Combine(suite.Chain.Directory, "forged-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(path, root.ToJsonString());
        return path;
    }

    /// <summary><c>status</c> (a read) and <c>account allow</c> (a send) both refuse it: exit 6, one line naming
    /// <paramref name="named"/>, no nonce moved.</summary>
    private async Task AssertRefusedAsync(string manifest, string named, string? kind = null)
    {
        var before = await suite.Chain.NonceAsync(Admin);
        foreach (var args in new[] { suite.Chain.Args("status"), suite.Chain.Args("account", "allow", SuiteFixture.Accounts.Bob.Address, "--as", "admin") })
        {
            var run = await CliRun.RunAsync([.. args, "--manifest", manifest]);

            Assert.True(run.ExitCode == ExitCodes.ManifestProblem, $"{kind} {args[0]}: {run}");
            var line = Assert.Single(run.ErrorLines);
            Assert.StartsWith("error: ", line, StringComparison.Ordinal);
            Assert.Contains(named, line, StringComparison.Ordinal);
            Assert.Empty(run.Stdout);
        }

        Assert.Equal(before, await suite.Chain.NonceAsync(Admin));
    }
}
