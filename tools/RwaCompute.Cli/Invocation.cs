using System.CommandLine;
using RwaCompute.Cli.Output;
using RwaCompute.Sdk.Deployment;

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

    /// <summary>The <c>--rpc</c> endpoint, validated.</summary>
    public Uri RpcUrl
    {
        get
        {
            var text = Parse.GetValue(Globals.Rpc) ?? GlobalOptions.DefaultRpc;
            return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                ? uri
                : throw new CliInputException("--rpc", $"'{text}' is not an http(s) URL.");
        }
    }

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

    /// <summary>An option's value.</summary>
    /// <typeparam name="T">Its type.</typeparam>
    /// <param name="option">The option.</param>
    /// <returns>The value.</returns>
    public T? Value<T>(Option<T> option) => Parse.GetValue(option);

    /// <summary>A required option's value as text; a missing one is a usage error.</summary>
    /// <param name="option">The option.</param>
    /// <returns>The text.</returns>
    public string Required(Option<string?> option) =>
        Parse.GetValue(option) is { Length: > 0 } value ? value : throw new CliInputException(option.Name, "is required.");
}
