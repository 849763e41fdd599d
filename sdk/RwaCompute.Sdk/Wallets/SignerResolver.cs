using System.Globalization;
using RwaCompute.Sdk.Errors;

namespace RwaCompute.Sdk.Wallets;

/// <summary>
/// Creates the <see cref="RwaSigner"/> described by <see cref="SignerOptions"/>: from an environment variable, a file or
/// a keystore, never from a literal in code or configuration.
/// </summary>
/// <remarks>
/// Exactly one source may be configured. With none, the resolver falls back to <see cref="DefaultPrivateKeyVariable"/>,
/// then <see cref="DefaultMnemonicVariable"/>. Every failure is a <see cref="SignerException"/> that names the variable,
/// file or option to fix — never the secret.
/// </remarks>
/// <example>
/// <code>
/// // RWA_MNEMONIC holds the reporter's mnemonic; account 3 signs.
/// var signer = await SignerResolver.ResolveAsync(new SignerOptions { AccountIndex = 3 }, cancellationToken);
/// </code>
/// </example>
public static class SignerResolver
{
    /// <summary>The environment variable read for a hex private key when no source is configured.</summary>
    public const string DefaultPrivateKeyVariable = "RWA_PRIVATE_KEY";

    /// <summary>The environment variable read for a mnemonic when no source is configured and <see cref="DefaultPrivateKeyVariable"/> is unset.</summary>
    public const string DefaultMnemonicVariable = "RWA_MNEMONIC";

    /// <summary>The environment variable read for a keystore's password when no password source is configured.</summary>
    public const string DefaultKeystorePasswordVariable = "RWA_KEYSTORE_PASSWORD";

    private const string SourceList =
        "PrivateKeyEnvironmentVariable, PrivateKeyFile, MnemonicEnvironmentVariable, MnemonicFile or KeystorePath";

    /// <summary>Resolves the configured signer.</summary>
    /// <param name="options">Where the key is.</param>
    /// <param name="cancellationToken">Cancels reading files.</param>
    /// <returns>The signer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="SignerException">No source or several sources are configured, a variable or file is missing or
    /// empty, an option does not apply to the chosen source, or the secret is invalid.</exception>
    public static async Task<RwaSigner> ResolveAsync(SignerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);

        var privateKeyVariable = Configured(options.PrivateKeyEnvironmentVariable);
        var privateKeyFile = Configured(options.PrivateKeyFile);
        var mnemonicVariable = Configured(options.MnemonicEnvironmentVariable);
        var mnemonicFile = Configured(options.MnemonicFile);
        var keystorePath = Configured(options.KeystorePath);
        var passwordVariable = Configured(options.KeystorePasswordEnvironmentVariable);
        var passwordFile = Configured(options.KeystorePasswordFile);
        var derivationPath = Configured(options.DerivationPath);

        var sources = new List<string>();
        AddIfSet(sources, privateKeyVariable, nameof(SignerOptions.PrivateKeyEnvironmentVariable));
        AddIfSet(sources, privateKeyFile, nameof(SignerOptions.PrivateKeyFile));
        AddIfSet(sources, mnemonicVariable, nameof(SignerOptions.MnemonicEnvironmentVariable));
        AddIfSet(sources, mnemonicFile, nameof(SignerOptions.MnemonicFile));
        AddIfSet(sources, keystorePath, nameof(SignerOptions.KeystorePath));
        if (sources.Count > 1)
        {
            throw new SignerException(
                $"Several signer sources are configured ({string.Join(", ", sources)}); set exactly one of {SourceList}.");
        }

        if (keystorePath is null && (passwordVariable ?? passwordFile) is not null)
        {
            throw new SignerException(
                "KeystorePasswordEnvironmentVariable/KeystorePasswordFile are set but KeystorePath is not; set KeystorePath too.");
        }

        if (passwordVariable is not null && passwordFile is not null)
        {
            throw new SignerException(
                "Both KeystorePasswordEnvironmentVariable and KeystorePasswordFile are set; set only one of them.");
        }

        if (options.AccountIndex < 0)
        {
            throw new SignerException(string.Create(
                CultureInfo.InvariantCulture, $"AccountIndex must be non-negative; got {options.AccountIndex}."));
        }

        if (derivationPath is not null && options.AccountIndex != 0)
        {
            throw new SignerException("Both AccountIndex and DerivationPath are set; set only one of them.");
        }

        var wantsDerivation = derivationPath is not null || options.AccountIndex != 0;

        if (privateKeyVariable is not null)
        {
            RejectDerivation(wantsDerivation, "a private key");
            return FromPrivateKey(ReadVariable(privateKeyVariable), $"environment variable {privateKeyVariable}");
        }

        if (privateKeyFile is not null)
        {
            RejectDerivation(wantsDerivation, "a private key");
            var text = await RwaSigner.ReadSourceFileAsync(privateKeyFile, "private key", cancellationToken).ConfigureAwait(false);
            return FromPrivateKey(RequireContent(text, $"The private key file '{privateKeyFile}'"), $"file '{privateKeyFile}'");
        }

        if (mnemonicVariable is not null)
        {
            return FromMnemonic(ReadVariable(mnemonicVariable), options.AccountIndex, derivationPath, $"environment variable {mnemonicVariable}");
        }

        if (mnemonicFile is not null)
        {
            var text = await RwaSigner.ReadSourceFileAsync(mnemonicFile, "mnemonic", cancellationToken).ConfigureAwait(false);
            return FromMnemonic(
                RequireContent(text, $"The mnemonic file '{mnemonicFile}'"), options.AccountIndex, derivationPath, $"file '{mnemonicFile}'");
        }

        if (keystorePath is not null)
        {
            RejectDerivation(wantsDerivation, "a keystore");
            string password;
            if (passwordFile is not null)
            {
                var text = await RwaSigner.ReadSourceFileAsync(passwordFile, "keystore password", cancellationToken).ConfigureAwait(false);
                password = text.TrimEnd('\r', '\n');
            }
            else
            {
                password = ReadVariable(passwordVariable ?? DefaultKeystorePasswordVariable);
            }

            return await RwaSigner.FromKeystoreFileAsync(keystorePath, password, cancellationToken).ConfigureAwait(false);
        }

        // No source configured: the default variables, private key first.
        var defaultKey = Environment.GetEnvironmentVariable(DefaultPrivateKeyVariable);
        if (!string.IsNullOrWhiteSpace(defaultKey))
        {
            RejectDerivation(wantsDerivation, $"a private key (from {DefaultPrivateKeyVariable})");
            return FromPrivateKey(defaultKey, $"environment variable {DefaultPrivateKeyVariable}");
        }

        var defaultMnemonic = Environment.GetEnvironmentVariable(DefaultMnemonicVariable);
        if (!string.IsNullOrWhiteSpace(defaultMnemonic))
        {
            return FromMnemonic(defaultMnemonic, options.AccountIndex, derivationPath, $"environment variable {DefaultMnemonicVariable}");
        }

        throw new SignerException(
            $"No signer is configured: set the environment variable {DefaultPrivateKeyVariable} (hex private key) or " +
            $"{DefaultMnemonicVariable} (mnemonic), or configure one of {SourceList} " +
            $"(a keystore's password comes from {DefaultKeystorePasswordVariable}, KeystorePasswordEnvironmentVariable or KeystorePasswordFile).");
    }

    private static string? Configured(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void AddIfSet(List<string> sources, string? value, string name)
    {
        if (value is not null)
        {
            sources.Add(name);
        }
    }

    private static void RejectDerivation(bool wantsDerivation, string source)
    {
        if (wantsDerivation)
        {
            throw new SignerException($"AccountIndex and DerivationPath apply to a mnemonic only, but the signer source is {source}.");
        }
    }

    private static string ReadVariable(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value)
            ? throw new SignerException($"The environment variable {name} is not set or is empty.")
            : value;
    }

    private static string RequireContent(string text, string what)
        => string.IsNullOrWhiteSpace(text) ? throw new SignerException(what + " is empty.") : text;

    private static RwaSigner FromPrivateKey(string privateKey, string source)
    {
        try
        {
            return RwaSigner.FromPrivateKey(privateKey);
        }
        catch (SignerException ex)
        {
            throw new SignerException($"The private key in {source} is invalid: {ex.Message}", ex);
        }
    }

    private static RwaSigner FromMnemonic(string mnemonic, int accountIndex, string? derivationPath, string source)
    {
        try
        {
            return derivationPath is null
                ? RwaSigner.FromMnemonic(mnemonic, accountIndex)
                : RwaSigner.FromMnemonic(mnemonic, derivationPath);
        }
        catch (SignerException ex)
        {
            throw new SignerException($"Could not derive a signer from the mnemonic in {source}: {ex.Message}", ex);
        }
    }
}
