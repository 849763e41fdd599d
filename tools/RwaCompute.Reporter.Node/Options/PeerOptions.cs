namespace RwaCompute.Reporter.Node.Options;

/// <summary>Another reporter of the oracle: its address (as in the oracle's reporter set) and where its node listens.</summary>
public sealed class PeerOptions
{
    /// <summary>The reporter's address.</summary>
    public string Address { get; set; } = string.Empty;

    /// <summary>The node's base URL, e.g. <c>http://127.0.0.1:7401</c>.</summary>
    public Uri? Url { get; set; }
}
