using System.Numerics;
using RwaCompute.Cli.Parsing;
using RwaCompute.Cli.Tests.Infrastructure;
using Xunit;

namespace RwaCompute.Cli.Tests.Commands;

/// <summary>Arguments and options are typed and checked by the parser (System.CommandLine custom parsers): a bad value
/// is a parse error naming the option and the value, so the command's action never runs. No chain is needed here;
/// <see cref="BadInputTests"/> runs the same command lines against a chain and checks that nothing is sent.</summary>
public sealed class UsageErrorTests
{
    private const string Lot = "0x0000000000000000000000000000000000000000000000000000000000001234";

    private static string Bob => SuiteFixture.Accounts.Bob.Address;

    /// <summary>One bad value of each kind, on one command: (kind, command line, the option named, the value named).</summary>
    public static TheoryData<string, string[], string, string> BadValues() => new()
    {
        { "address", ["transfer", Lot, "1", "--to", "0x1234", "--as", "alice"], "--to", "0x1234" },
        { "address checksum", ["transfer", Lot, "1", "--to", Bob.Replace('B', 'b'), "--as", "alice"], "--to", Bob.Replace('B', 'b') },
        { "one address of several", ["account", "allow", Bob, "0x1234", "--as", "admin"], "address[1]", "0x1234" },
        { "repeated address option", ["deploy", "--reporter", Bob, "--reporter", "0x1234", "--as", "admin"], "--reporter[1]", "0x1234" },
        { "negative amount", ["offer", Lot, "5", "--price=-1", "--expires", "7d", "--as", "alice"], "--price", "-1" },
        { "amount with two decimal points", ["pledge", "request", Lot, "1", "--principal", "1.0.1", "--maturity", "10d", "--as", "alice"], "--principal", "1.0.1" },
        { "zero amount", ["bond", Lot, "0", "--as", "provider"], "amount", "0" },
        { "units not a number", ["transfer", Lot, "ten", "--to", Bob, "--as", "alice"], "units", "ten" },
        { "negative units", ["redeem", Lot, "-5", "--as", "alice"], "units", "-5" },
        { "record id not a number", ["pledge", "fund", "one", "--as", "lender"], "pledge", "one" },
        { "lot id not hex", ["redeem", "0xZZ", "1", "--as", "alice"], "lot", "0xZZ" },
        { "decimal lot id of 2^256 (R-4)", ["redeem", (System.Numerics.BigInteger.One << 256).ToString(System.Globalization.CultureInfo.InvariantCulture), "1", "--as", "alice"], "lot", (System.Numerics.BigInteger.One << 256).ToString(System.Globalization.CultureInfo.InvariantCulture) },
        { "time not a time", ["offer", Lot, "5", "--price", "1", "--expires", "soon", "--as", "alice"], "--expires", "soon" },
        { "zero duration", ["pledge", "request", Lot, "1", "--principal", "1", "--maturity", "0d", "--as", "alice"], "--maturity", "0d" },
        { "pool label too long", ["oracle", "show", new string('p', 33)], "pool", new string('p', 33) },
        { "label too long", Issue("--gpu", "H100-SXM5-80GB-PCIe"), "--gpu", "H100-SXM5-80GB-PCIe" },
        { "bps with 3 decimals", Issue("--sla", "99.123%"), "--sla", "99.123%" },
        { "bps above 100%", Sign("--uptime", "101%"), "--uptime", "101%" },
        { "coverage of 0", Issue("--coverage-bps", "0"), "--coverage-bps", "0" },
        { "whole number too large", Issue("--energy", "4294967296"), "--energy", "4294967296" },
        { "whole number not a number", Sign("--epoch", "abc"), "--epoch", "abc" },
        { "block number negative", ["lot", "list", "--from-block=-1"], "--from-block", "-1" },
        { "metadata hash too short", Issue("--metadata-hash", "0x1234"), "--metadata-hash", "0x1234" },
        { "missing file", Issue("--metadata", "/nonexistent/lot.json"), "--metadata", "/nonexistent/lot.json" },
        { "missing file of several", ["oracle", "report", "/nonexistent/r1.json", "--as", "alice"], "signed[0]", "/nonexistent/r1.json" },
        { "rpc not http", ["status", "--rpc", "ftp://127.0.0.1:8545"], "--rpc", "ftp://127.0.0.1:8545" },
        { "port out of range", ["devnet", "--port", "70000"], "--port", "70000" },
        { "manifest is a directory (R-5)", ["status", "--manifest", Directory], "--manifest", Directory },
        { "deploy: manifest is a directory (R-5)", ["deploy", "--stablecoin", Bob, "--reporter", Bob, "--as", "admin", "--manifest", Directory], "--manifest", Directory },
        { "deploy: config is a directory", ["deploy", "--config", Directory, "--as", "admin"], "--config", Directory },
        { "oracle sign --out is a directory (R-4)", Sign("--out", Directory), "--out", Directory },
        { "oracle sign --out in a missing directory", Sign("--out", "/nonexistent/r1.json"), "--out", "/nonexistent/r1.json" },
    };

    /// <summary>An existing directory (where a file is expected).</summary>
    private static string Directory => Path.GetTempPath().TrimEnd('/');

    /// <summary>An existing file (where a directory is expected).</summary>
    private static string AFile => typeof(UsageErrorTests).Assembly.Location;

    /// <summary>--deployments of the wrong kind on a reading, a sending and the deploying command (R-4: '' was exit 1;
    /// a file made deploy send its transactions and then fail writing the manifest).</summary>
    public static TheoryData<string, string> BadDeployments() => new()
    {
        { "status", string.Empty },
        { "status", AFile },
        { "account allow", string.Empty },
        { "account allow", AFile },
        { "deploy", string.Empty },
        { "deploy", AFile },
    };

    /// <summary>Options that are missing or do not go together: (kind, command line, the error).</summary>
    public static TheoryData<string, string[], string> BadCombinations() => new()
    {
        { "missing required option", ["offer", Lot, "5", "--expires", "7d", "--as", "alice"], "Option '--price' is required." },
        { "both metadata options", Issue("--metadata", typeof(UsageErrorTests).Assembly.Location, "--metadata-hash", "0x" + new string('1', 64)), "--metadata: give either --metadata or --metadata-hash, not both." },
        { "timelock without --via-timelock", ["admin", "calldata", "--timelock", Bob], "--timelock: is only meaningful with --via-timelock." },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void BadValue_IsOneParseErrorNamingTheOptionAndTheValue(string kind, string[] args, string option, string value)
    {
        var parse = CliApplication.Parse(args);

        var error = Assert.Single(parse.Errors);
        Assert.True(error.Message.StartsWith(option + ": '" + value + "'", StringComparison.Ordinal), kind + ": " + error.Message);
    }

    [Theory]
    [MemberData(nameof(BadCombinations))]
    public void BadCombination_IsOneParseError(string kind, string[] args, string message)
    {
        var parse = CliApplication.Parse(args);

        Assert.True(parse.Errors.Count == 1, kind + ": " + string.Join(" | ", parse.Errors.Select(e => e.Message)));
        Assert.Equal(message, parse.Errors[0].Message);
    }

    [Fact]
    public void GoodValues_AreTyped_AndTimesWaitForTheChainClock()
    {
        var parse = CliApplication.Parse("offer", "4660", "5", "--price", "3.25", "--expires", "7d", "--as", "alice");

        Assert.Empty(parse.Errors);
        Assert.Equal(new BigInteger(0x1234), parse.GetValue<BigInteger>("lot"));
        Assert.Equal(new BigInteger(5), parse.GetValue<BigInteger>("units"));
        // An amount keeps its text until the command knows the lot's currency, then reads in its decimals.
        Assert.Equal(new BigInteger(3_250_000), parse.GetValue<AmountText>("--price")!.In(new SettlementCurrency("0x0000000000000000000000000000000000000001", 6, "USDC")));
        Assert.Equal(TimeSpec.FromNow(TimeSpan.FromDays(7)), parse.GetValue<TimeSpec>("--expires"));
    }

    [Fact]
    public void OptionalValues_TakeTheirDefaults_AndAddressesAreChecksummed()
    {
        var parse = CliApplication.Parse([.. Issue(), "--to", Bob.ToLowerInvariant()]);

        Assert.Empty(parse.Errors);
        Assert.Equal(TimeSpec.Now, parse.GetValue<TimeSpec>("--starts"));
        Assert.Equal((ushort)9_900, parse.GetValue<ushort>("--sla"));   // given: --sla is required
        Assert.Equal((ushort)10_000, parse.GetValue<ushort>("--coverage-bps"));
        Assert.Equal(0u, parse.GetValue<uint>("--energy"));
        Assert.Equal(Bob, parse.GetValue<string>("--to"));
    }

    [Fact]
    public async Task BadValue_IsOneErrorLineNamingTheCommand_BeforeAnythingConnects()
    {
        // Nothing listens on port 1: had the command run, it would have failed with exit code 5 instead.
        var run = await CliRun.RunAsync("offer", Lot, "5", "--price=-1", "--expires", "7d", "--as", "alice", "--rpc", "http://127.0.0.1:1");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Equal("error: --price: '-1' is negative; amounts are positive. (see rwa offer --help)", Assert.Single(run.ErrorLines));
        Assert.Empty(run.Stdout);
    }

    [Theory]
    [MemberData(nameof(BadDeployments))]
    public async Task R4_DeploymentsEmptyOrAFile_IsExit2OneLine_BeforeAnythingConnects(string command, string deployments)
    {
        string[] args = command switch
        {
            "account allow" => ["account", "allow", Bob, "--as", "admin"],
            "deploy" => ["deploy", "--stablecoin", Bob, "--reporter", Bob, "--as", "admin"],
            _ => [command],
        };

        var run = await CliRun.RunAsync([.. args, "--deployments", deployments, "--rpc", "http://127.0.0.1:1"]);

        Assert.True(run.ExitCode == ExitCodes.BadInput, run.ToString());
        Assert.StartsWith($"error: --deployments: '{deployments}'", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Theory]
    [InlineData("oracle", "show", "pool-a", "pool-b")]
    [InlineData("oracle", "show", "pool-a", "--as", "alice")]
    [InlineData("oracle", "sign", "--pool", "pool-a", "--pool", "pool-b", "--epoch", "1", "--as", "alice")]
    public async Task R4_APoolGivenTwice_IsAUsageError_NotTheLastOneSilently(params string[] args)
    {
        // A byte[] value made the parser take any number of pools and keep the last (found by the fuzz test).
        var run = await CliRun.RunAsync([.. args, "--rpc", "http://127.0.0.1:1"]);

        Assert.True(run.ExitCode == ExitCodes.BadInput, run.ToString());
        Assert.Single(run.ErrorLines);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task LotIssue_WithoutSla_IsAUsageErrorNotZeroPercent()
    {
        // an omitted --sla used to become 0 % silently.
        var run = await CliRun.RunAsync("lot", "issue", "--pool", SuiteFixture.Pool, "--gpu", "H100-SXM5-80G", "--region", "eu-west", "--ends", "20d", "--price", "3", "--units", "10", "--as", "provider", "--rpc", "http://127.0.0.1:1");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--sla", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    private static string[] Issue(params string[] extra) => Command(
        ["lot", "issue"],
        new() { ["--pool"] = SuiteFixture.Pool, ["--gpu"] = "H100-SXM5-80G", ["--region"] = "eu-west", ["--ends"] = "20d", ["--price"] = "3", ["--sla"] = "99%", ["--units"] = "10", ["--as"] = "provider" },
        extra);

    private static string[] Sign(params string[] extra) => Command(
        ["oracle", "sign"],
        new() { ["--pool"] = SuiteFixture.Pool, ["--epoch"] = "1", ["--utilization"] = "86%", ["--uptime"] = "99.5%", ["--delivered"] = "100", ["--energy"] = "70", ["--as"] = "reporter1" },
        extra);

    /// <summary>A valid command line with some options replaced or added (option, value pairs).</summary>
    private static string[] Command(string[] command, Dictionary<string, string> options, string[] changes)
    {
        for (var i = 0; i < changes.Length; i += 2)
        {
            options[changes[i]] = changes[i + 1];
        }

        return [.. command, .. options.SelectMany(o => new[] { o.Key, o.Value })];
    }
}
