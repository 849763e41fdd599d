using System.CommandLine;
using RwaCompute.Cli.Parsing;

namespace RwaCompute.Cli;

/// <summary>The options every command accepts (recursive on the root command).</summary>
internal sealed class GlobalOptions
{
    /// <summary>The default JSON-RPC endpoint (a local anvil).</summary>
    public const string DefaultRpc = "http://127.0.0.1:8545";

    /// <summary>The default deployments directory, under the current directory.</summary>
    public const string DefaultDeployments = "deployments";

    public Option<Uri> Rpc { get; } = new("--rpc")
    {
        Description = "the JSON-RPC endpoint",
        DefaultValueFactory = _ => new Uri(DefaultRpc),
        CustomParser = CustomParsers.One(text => RpcUrl(text)),
        Recursive = true,
    };

    public Option<string?> Manifest { get; } = new("--manifest")
    {
        Description = "the deployment manifest (default: <deployments>/<chainId>.json)",
        CustomParser = CustomParsers.One<string?>(text => PathText.File(text, "--manifest")),
        Recursive = true,
    };

    public Option<string> Deployments { get; } = new("--deployments")
    {
        Description = "the directory of <chainId>.json manifests and journals",
        DefaultValueFactory = _ => DefaultDeployments,
        CustomParser = CustomParsers.One(text => PathText.Directory(text, "--deployments")),
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "print machine-readable JSON on stdout (progress goes to stderr)",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "print stack traces on errors",
        Recursive = true,
    };

    /// <summary>Adds the options to the root command.</summary>
    /// <param name="root">The root command.</param>
    public void AddTo(Command root)
    {
        root.Options.Add(Rpc);
        root.Options.Add(Manifest);
        root.Options.Add(Deployments);
        root.Options.Add(Json);
        root.Options.Add(Verbose);
    }

    /// <summary>Checks an endpoint: an absolute http(s) URL.</summary>
    private static Uri RpcUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new CliInputException("--rpc", $"'{text}' is not an http(s) URL.");
}
