using System.ComponentModel.DataAnnotations;

namespace RwaCompute.Reporter.Node.Options;

/// <summary>The node's settings (section <c>Node</c> of the config file; environment variables <c>RWA_NODE__…</c>).
/// Keys never come from here: see <see cref="KeySource"/>.</summary>
public sealed class ReporterNodeOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Node";

    /// <summary>The chain's JSON-RPC endpoint.</summary>
    [Required]
    public Uri? RpcUrl { get; set; }

    /// <summary>The deployment manifest (addresses of the suite).</summary>
    [Required]
    public string ManifestPath { get; set; } = string.Empty;

    /// <summary>Where this node's HTTP API listens (peers, <c>/health</c>, <c>/metrics</c>).</summary>
    [Required]
    public Uri? Listen { get; set; }

    /// <summary>The other reporters' nodes.</summary>
    public List<PeerOptions> Peers { get; set; } = [];

    /// <summary>How long one leader has to get a report on-chain before the next reporter takes over.</summary>
    public TimeSpan RoundTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the node checks for epochs to report.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait for a peer's answer.</summary>
    public TimeSpan PeerTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Run on the chain's clock (offset measured at start) instead of the machine's: for devnets whose time
    /// was moved forward. Off on real chains.</summary>
    public bool FollowChainClock { get; set; }

    /// <summary>After submitting a pool's report, count the pool's curtailed GPU-hours against its live interruptible
    /// lot (<c>ComputeCurtailment.sync</c>; anyone may, this node's key pays the gas). On by default: each report is
    /// then attributed exactly when it lands.</summary>
    public bool SyncInterruptibleLots { get; set; } = true;

    /// <summary>When a proposal is too far from this node's own observation.</summary>
    public ToleranceOptions Tolerance { get; set; } = new();

    /// <summary>The reporter key: a keystore file (password from <see cref="KeySource.PasswordEnvironmentVariable"/>),
    /// or the name of an environment variable holding a private key or a mnemonic.</summary>
    public KeySource Key { get; set; } = new();
}

/// <summary>Where the reporter's key comes from; never the key itself.</summary>
public sealed class KeySource
{
    /// <summary>A Web3 Secret Storage keystore file.</summary>
    public string? KeystorePath { get; set; }

    /// <summary>The environment variable with the keystore's password.</summary>
    public string? PasswordEnvironmentVariable { get; set; }

    /// <summary>The environment variable with a 0x private key.</summary>
    public string? PrivateKeyEnvironmentVariable { get; set; }

    /// <summary>The environment variable with a BIP-39 mnemonic.</summary>
    public string? MnemonicEnvironmentVariable { get; set; }

    /// <summary>The BIP-44 account index for a mnemonic.</summary>
    public int AccountIndex { get; set; }
}
