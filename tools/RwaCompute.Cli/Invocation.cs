using System.CommandLine;
using RwaCompute.Cli.Output;
using RwaCompute.Sdk.Deployment;
using RwaCompute.Sdk.Transactions;

namespace RwaCompute.Cli;

/// <summary>One run of one command: its parse result, output, global options and cancellation.</summary>
internal sealed class Invocation
{
    public Invocation(ParseResult parse, CliConsole console, GlobalOptions globals, CancellationToken cancellationToken)
    {
        Parse = parse;
        Console = console;
        Globals = globals;
        CancellationToken = cancellationToken;
    }

    public ParseResult Parse { get; }

    public CliConsole Console { get; }

    public GlobalOptions Globals { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Set by a hidden alias kept for one release: printed on stderr once the command succeeds.</summary>
    public string? DeprecationNotice { get; private set; }

    /// <summary>Marks this run as using a deprecated spelling.</summary>
    /// <param name="oldSpelling">What was typed, for example <c>rwa allow --remove</c>.</param>
    /// <param name="newSpelling">What to type instead, for example <c>rwa account disallow</c>.</param>
    public void Deprecated(string oldSpelling, string newSpelling) =>
        DeprecationNotice = $"'{oldSpelling}' is deprecated; use '{newSpelling}'";

    /// <summary>The pending-transaction journal of this run, once a sending session opened it (completed by the runner
    /// after success, so an identical later command is a new operation).</summary>
    public FileTransactionJournal? Journal { get; set; }

    /// <summary>The same journal as the SDK sees it, remembering what this run sent (for <c>transactions</c> in the
    /// JSON output).</summary>
    public RecordingTransactionJournal? Sent { get; set; }

    /// <summary>The operation's identity for the pending-transaction journal: the command and its arguments as typed,
    /// without the output options (<c>--json</c>, <c>--verbose</c>) and the endpoint (<c>--rpc</c>), hashed. A re-run of
    /// the same command has the same key and resolves its earlier attempt instead of sending again.</summary>
    public string OperationKey
    {
        get
        {
            var words = new List<string>();
            var tokens = Parse.Tokens;
            for (var i = 0; i < tokens.Count; i++)
            {
                var value = tokens[i].Value;
                if (value is "--json" or "--verbose")
                {
                    continue;
                }

                if (value == "--rpc")
                {
                    i++;
                    continue;
                }

                words.Add(value);
            }

            var bytes = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\u001f', words)));
            return Convert.ToHexStringLower(bytes)[..32];
        }
    }

    /// <summary>The <c>--rpc</c> endpoint (checked while parsing).</summary>
    public Uri RpcUrl => Parse.GetValue(Globals.Rpc) ?? new Uri(GlobalOptions.DefaultRpc);

    /// <summary>The <c>--deployments</c> directory (full path).</summary>
    public string DeploymentsDirectory => Path.GetFullPath(Parse.GetValue(Globals.Deployments) ?? GlobalOptions.DefaultDeployments);

    /// <summary>The manifest path: <c>--manifest</c>, else <c>&lt;deployments&gt;/&lt;chainId&gt;.json</c>.</summary>
    /// <param name="chainId">The node's chain id.</param>
    /// <returns>The full path.</returns>
    public string ManifestPath(long chainId)
    {
        var explicitPath = Parse.GetValue(Globals.Manifest);
        return string.IsNullOrWhiteSpace(explicitPath)
            ? DeploymentManifest.DefaultPath(DeploymentsDirectory, chainId)
            : Path.GetFullPath(explicitPath);
    }

    /// <summary>A required argument's value.</summary>
    /// <typeparam name="T">Its type.</typeparam>
    /// <param name="argument">The argument.</param>
    /// <returns>The value.</returns>
    public T Value<T>(Argument<T> argument) => Parse.GetValue(argument)!;

    /// <summary>An option's value: the parsed one, else its default, else <see langword="default"/>
    /// (<see langword="null"/>) when it was not given.</summary>
    /// <remarks>System.CommandLine gives an absent array-typed option (a <c>byte[]</c> pool id) an empty array, which
    /// would read as a value; here an absent option without a default is <see langword="null"/> whatever its type.</remarks>
    /// <typeparam name="T">Its type.</typeparam>
    /// <param name="option">The option.</param>
    /// <returns>The value.</returns>
    public T? Value<T>(Option<T> option) => Parse.GetResult(option) is null ? default : Parse.GetValue(option);

    /// <summary>A required option's value (<see cref="Parsing.CliOptions.AsRequired{T}"/>: the parser has refused a
    /// command line without it).</summary>
    /// <typeparam name="T">Its type.</typeparam>
    /// <param name="option">The option.</param>
    /// <returns>The value.</returns>
    public T Required<T>(Option<T> option) => Parse.GetRequiredValue(option);

    /// <summary>The value of an option that is required unless another option replaces it (for example
    /// <c>oracle sign</c>'s values unless <c>--cosign</c>); a usage error naming both when it is absent.</summary>
    /// <typeparam name="T">The option's type.</typeparam>
    /// <param name="option">The option.</param>
    /// <param name="alternative">The option that would make it unnecessary.</param>
    /// <returns>The value.</returns>
    public T RequiredUnless<T>(Option<T> option, string alternative) =>
        Parse.GetResult(option) is null
            ? throw new CliInputException(option.Name, $"required unless {alternative} is given.")
            : Parse.GetValue(option)!;
}
