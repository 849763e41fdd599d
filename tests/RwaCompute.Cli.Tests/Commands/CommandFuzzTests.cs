using System.CommandLine;
using System.Globalization;
using System.Numerics;
using RwaCompute.Cli.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace RwaCompute.Cli.Tests.Commands;

/// <summary>
/// R-4: every command of the tree, fed malformed values (fixed seed, printed; <c>RWA_FUZZ_SEED</c> replays another)
/// against a chain with the suite deployed: no run is an unexpected failure (exit 1), a failure is exactly one
/// <c>error:</c> line on stderr, and no account's nonce moves — bad input never sends anything.
/// </summary>
public sealed class CommandFuzzTests(SuiteFixture suite, ITestOutputHelper output) : IClassFixture<SuiteFixture>
{
    private const int DefaultSeed = 20260512;
    private const int CasesPerCommand = 6;

    /// <summary>Commands that run for long when their command line parses (a local chain, a reporter node): only their
    /// parse errors are exercised.</summary>
    private static readonly HashSet<string> LongRunning = new(StringComparer.Ordinal) { "rwa devnet", "rwa reporter" };

    private static readonly HashSet<string> GlobalOptions = new(StringComparer.Ordinal) { "--rpc", "--deployments", "--manifest", "--json", "--verbose" };

    [Fact]
    public async Task R4_EveryCommand_MalformedValues_NeverExit1_OneErrorLine_NothingSent()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("RWA_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var chosen) ? chosen : DefaultSeed;
        output.WriteLine($"fuzz seed {seed} (replay with RWA_FUZZ_SEED={seed})");
        var random = new Random(seed);
        var malformed = Malformed(suite.Chain.Directory);
        var accounts = SuiteFixture.Accounts;
        var senders = new[] { accounts.Admin, accounts.Provider, accounts.Alice, accounts.Bob, accounts.Lender, accounts.Reporters[0] }.Select(a => a.Address).ToArray();
        var before = await Task.WhenAll(senders.Select(suite.Chain.NonceAsync));
        var failures = new List<string>();
        var runs = 0;
        var exitCodes = new SortedDictionary<int, int>();

        foreach (var (path, command) in Leaves(CliApplication.Parse().RootCommandResult.Command, "rwa"))
        {
            for (var i = 0; i < CasesPerCommand; i++)
            {
                var args = Case(random, path, command, malformed);
                if (LongRunning.Contains(path) && CliApplication.Parse(args).Errors.Count == 0)
                {
                    continue;
                }

                var run = await CliRun.RunAsync([.. args, "--rpc", suite.Chain.RpcUrl, .. args.Contains("--deployments") ? Array.Empty<string>() : ["--deployments", suite.Chain.Deployments]]);
                runs++;
                exitCodes[run.ExitCode] = exitCodes.GetValueOrDefault(run.ExitCode) + 1;
                if (run.ExitCode != ExitCodes.BadInput)
                {
                    output.WriteLine($"exit {run.ExitCode}: {string.Join(' ', args.Select(Show))} -> {Show(run.ErrorLines.Count > 0 ? run.ErrorLines[0] : string.Empty)}");
                }

                var errors = run.ErrorLines.Where(l => !l.StartsWith("warning: ", StringComparison.Ordinal)).ToList();
                if (run.ExitCode == ExitCodes.Unexpected || (run.ExitCode != ExitCodes.Success && (errors.Count != 1 || !errors[0].StartsWith("error: ", StringComparison.Ordinal))))
                {
                    failures.Add($"{string.Join(' ', args.Select(Show))}\n    -> exit {run.ExitCode}: {string.Join(" | ", run.ErrorLines.Take(3).Select(l => Show(l)))}");
                }
            }
        }

        output.WriteLine($"{runs} runs; exit codes: {string.Join(", ", exitCodes.Select(e => $"{e.Key} x{e.Value}"))}");
        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} of {runs} runs failed badly:\n" + string.Join("\n", failures));
        Assert.Equal(before, await Task.WhenAll(senders.Select(suite.Chain.NonceAsync)));
    }

    /// <summary>Values that no option of any command accepts as given (or accepts but must then refuse cleanly).</summary>
    private static string[] Malformed(string directory) =>
    [
        string.Empty,
        "-1",
        "1_0",
        "99999999w",
        "P99999999D",
        (BigInteger.One << 256).ToString(CultureInfo.InvariantCulture),
        "0xZZ" + new string('1', 38),
        "0x" + new string('a', 39),
        new string('x', 5000),
        directory,
        "/nonexistent/file.json",
        "1e3",
        "NaN",
        "0x" + new string('0', 64),
    ];

    private static IEnumerable<(string Path, Command Command)> Leaves(Command command, string path)
    {
        if (command.Subcommands.Count == 0)
        {
            yield return (path, command);
            yield break;
        }

        foreach (var sub in command.Subcommands)
        {
            foreach (var leaf in Leaves(sub, path + " " + sub.Name))
            {
                yield return leaf;
            }
        }
    }

    /// <summary>One command line: every argument malformed, some options malformed or set, at least one bad value.</summary>
    private static string[] Case(Random random, string path, Command command, string[] malformed)
    {
        var args = new List<string>(path.Split(' ').Skip(1));
        var bad = 0;
        foreach (var argument in command.Arguments)
        {
            var count = argument.Arity.MaximumNumberOfValues > 1 ? random.Next(1, 3) : 1;
            for (var i = 0; i < count; i++)
            {
                args.Add(Pick(random, malformed));
                bad++;
            }
        }

        var options = command.Options.Where(o => !o.Name.StartsWith("--help", StringComparison.Ordinal) && o.Name != "-h" && o.Name != "--version" && !GlobalOptions.Contains(o.Name)).ToList();
        foreach (var option in options)
        {
            if (random.NextDouble() < 0.35)
            {
                args.Add(option.Name);
                if (option.Arity.MaximumNumberOfValues > 0)
                {
                    args.Add(Pick(random, malformed));
                    bad++;
                }
            }
        }

        if (random.NextDouble() < 0.5)
        {
            // A valid signer, so that values the parser lets through reach the checks against the chain.
            args.AddRange(["--as", random.Next(3) switch { 0 => "admin", 1 => "alice", _ => "provider" }]);
        }

        if (bad == 0 || random.NextDouble() < 0.1)
        {
            var global = random.Next(2) == 0 ? "--manifest" : "--deployments";
            args.AddRange([global, global == "--manifest" ? malformed[9] : random.Next(2) == 0 ? string.Empty : typeof(CommandFuzzTests).Assembly.Location]);
        }

        return [.. args];
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static string Show(string text) => text.Length > 200 ? text[..20] + $"…({text.Length} chars)" : text.Length == 0 ? "''" : text;
}
