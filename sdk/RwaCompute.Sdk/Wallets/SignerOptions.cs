namespace RwaCompute.Sdk.Wallets;

/// <summary>
/// Where <see cref="SignerResolver.ResolveAsync"/> finds the signing key: the name of an environment variable, a file
/// or a keystore — never the secret itself, so options can be logged and bound from configuration safely.
/// </summary>
/// <remarks>
/// Configure exactly one source: <see cref="PrivateKeyEnvironmentVariable"/>, <see cref="PrivateKeyFile"/>,
/// <see cref="MnemonicEnvironmentVariable"/>, <see cref="MnemonicFile"/> or <see cref="KeystorePath"/>. With none of them,
/// the resolver falls back to the environment variables <c>RWA_PRIVATE_KEY</c>, then <c>RWA_MNEMONIC</c>. Empty or
/// whitespace-only values count as not set (as configuration binding produces them).
/// </remarks>
/// <example>
/// <code>
/// var signer = await SignerResolver.ResolveAsync(new SignerOptions
/// {
///     KeystorePath = "/etc/rwa/reporter.json",
///     KeystorePasswordFile = "/run/secrets/reporter-password",
/// }, cancellationToken);
/// </code>
/// </example>
public sealed record SignerOptions
{
    /// <summary>The name of an environment variable holding a hex private key (e.g. <c>RWA_PRIVATE_KEY</c>).</summary>
    public string? PrivateKeyEnvironmentVariable { get; init; }

    /// <summary>The path of a file holding a hex private key (surrounding whitespace is ignored).</summary>
    public string? PrivateKeyFile { get; init; }

    /// <summary>The name of an environment variable holding a BIP-39 mnemonic (e.g. <c>RWA_MNEMONIC</c>).</summary>
    public string? MnemonicEnvironmentVariable { get; init; }

    /// <summary>The path of a file holding a BIP-39 mnemonic.</summary>
    public string? MnemonicFile { get; init; }

    /// <summary>
    /// The account index for a mnemonic (path <c>m/44'/60'/0'/0/{index}</c>); non-negative. Set it or
    /// <see cref="DerivationPath"/>, not both; it applies to mnemonic sources only.
    /// </summary>
    public int AccountIndex { get; init; }

    /// <summary>A full BIP-32 derivation path for a mnemonic (e.g. <c>m/44'/60'/1'/0/0</c>); overrides the default path.</summary>
    public string? DerivationPath { get; init; }

    /// <summary>The path of a Web3 Secret Storage (v3) keystore JSON file.</summary>
    public string? KeystorePath { get; init; }

    /// <summary>
    /// The name of the environment variable holding the keystore password; when neither this nor
    /// <see cref="KeystorePasswordFile"/> is set, <c>RWA_KEYSTORE_PASSWORD</c> is used.
    /// </summary>
    public string? KeystorePasswordEnvironmentVariable { get; init; }

    /// <summary>The path of a file holding the keystore password (a trailing line break is ignored).</summary>
    public string? KeystorePasswordFile { get; init; }
}
