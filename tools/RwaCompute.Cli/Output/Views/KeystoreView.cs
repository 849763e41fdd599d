namespace RwaCompute.Cli.Output.Views;

/// <summary>What <c>rwa keystore new|import</c> wrote: the file and the address (never the key).</summary>
internal sealed record KeystoreView(string Address, string Path);
