namespace RwaCompute.Devnet.Anvil;

/// <summary>How to start an anvil node. It always listens on 127.0.0.1 only.</summary>
public sealed record AnvilOptions
{
    /// <summary>The standard test mnemonic anvil funds its accounts from.</summary>
    public const string TestMnemonic = "test test test test test test test test test test test junk";

    /// <summary>The port (0: anvil picks a free one and reports it).</summary>
    public int Port { get; init; }

    /// <summary>The chain id.</summary>
    public long ChainId { get; init; } = 31337;

    /// <summary>Seconds between blocks; <see langword="null"/> mines each transaction at once (automine).</summary>
    public int? BlockTimeSeconds { get; init; }

    /// <summary>A file anvil loads its state from at start (if present) and dumps it to on a graceful stop.</summary>
    public string? StatePath { get; init; }

    /// <summary>Number of funded dev accounts.</summary>
    public int Accounts { get; init; } = 10;

    /// <summary>How long to wait for anvil to report that it listens.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The anvil binary; found by <see cref="AnvilLocator"/> when <see langword="null"/>.</summary>
    public string? BinaryPath { get; init; }
}
