using System.CommandLine;
using RwaCompute.Devnet;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Wallets;

namespace RwaCompute.Cli.Signing;

/// <summary>
/// The signer options of a sending command. Every option names where the secret is (a keystore file, a password file,
/// an environment variable, a key file); none takes the secret itself, so it never lands in shell history or
/// <c>ps</c>. Without options, <c>RWA_PRIVATE_KEY</c>, then <c>RWA_MNEMONIC</c> are read. <c>--devnet-account</c>
/// picks one of the public anvil test accounts by role, and only on chain 31337.
/// </summary>
internal sealed class SignerArguments
{
    /// <summary>The only chain where <c>--devnet-account</c> is accepted.</summary>
    public const long DevnetChainId = 31337;

    /// <summary>The error when no signer source is given: every option that would give one.</summary>
    public static readonly string NoSignerMessage =
        "no signer: this command sends a transaction; sign with --keystore FILE [--password-file F], --private-key-file F, "
        + "--private-key-env NAME, --mnemonic-env NAME [--account-index N] or, on a local devnet (chain 31337), --as NAME; "
        + $"or set {SignerResolver.DefaultPrivateKeyVariable} or {SignerResolver.DefaultMnemonicVariable}.";

    private static readonly string[] DevnetNames = ["admin", "provider", "alice", "bob", "lender", "reporter1", "reporter2", "reporter3"];

    public Option<string?> Keystore { get; } = new("--keystore") { Description = "a Web3 Secret Storage (v3) keystore file; its password comes from --password-file or RWA_KEYSTORE_PASSWORD" };

    public Option<string?> PasswordFile { get; } = new("--password-file") { Description = "a file holding the keystore password" };

    public Option<string?> PrivateKeyEnv { get; } = new("--private-key-env") { Description = "the NAME of an environment variable holding a hex private key (default: RWA_PRIVATE_KEY)" };

    public Option<string?> PrivateKeyFile { get; } = new("--private-key-file") { Description = "a file holding a hex private key" };

    public Option<string?> MnemonicEnv { get; } = new("--mnemonic-env") { Description = "the NAME of an environment variable holding a BIP-39 mnemonic (default fallback: RWA_MNEMONIC)" };

    public Option<int> AccountIndex { get; } = new("--account-index") { Description = "the account of the mnemonic, m/44'/60'/0'/0/N" };

    public Option<string?> DevnetAccount { get; } = new("--devnet-account", "--as") { Description = "chain 31337 only: a public anvil test account by role: " + string.Join(", ", DevnetNames) };

    /// <summary>Adds the options to a command.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        command.Options.Add(Keystore);
        command.Options.Add(PasswordFile);
        command.Options.Add(PrivateKeyEnv);
        command.Options.Add(PrivateKeyFile);
        command.Options.Add(MnemonicEnv);
        command.Options.Add(AccountIndex);
        command.Options.Add(DevnetAccount);
    }

    /// <summary>Resolves the signer the options describe.</summary>
    /// <param name="parse">The parse result.</param>
    /// <param name="chainId">The chain (checked for <c>--devnet-account</c>).</param>
    /// <param name="cancellationToken">Cancels file reads.</param>
    /// <returns>The signer.</returns>
    /// <exception cref="SignerException">No or several sources, an unreadable file, a wrong password...</exception>
    public async Task<RwaSigner> ResolveAsync(ParseResult parse, long chainId, CancellationToken cancellationToken)
    {
        var devnet = parse.GetValue(DevnetAccount);
        if (!string.IsNullOrWhiteSpace(devnet))
        {
            if (Configured(parse).Count > 0)
            {
                throw new SignerException("--devnet-account cannot be combined with another signer option.");
            }

            if (chainId != DevnetChainId)
            {
                throw new SignerException($"--devnet-account uses public test keys and is accepted on chain {DevnetChainId} only; this is chain {chainId}.");
            }

            return Devnet(devnet);
        }

        if (parse.GetValue(PasswordFile) is not null && parse.GetValue(Keystore) is null)
        {
            throw new SignerException("--password-file is set but --keystore is not.");
        }

        if (Configured(parse).Count == 0 && !IsSet(SignerResolver.DefaultPrivateKeyVariable) && !IsSet(SignerResolver.DefaultMnemonicVariable))
        {
            // The SDK's message names its SignerOptions properties; on the command line the options are what to fix.
            throw new SignerException(NoSignerMessage);
        }

        var options = new SignerOptions
        {
            KeystorePath = parse.GetValue(Keystore),
            KeystorePasswordFile = parse.GetValue(PasswordFile),
            PrivateKeyEnvironmentVariable = parse.GetValue(PrivateKeyEnv),
            PrivateKeyFile = parse.GetValue(PrivateKeyFile),
            MnemonicEnvironmentVariable = parse.GetValue(MnemonicEnv),
            AccountIndex = parse.GetValue(AccountIndex),
        };
        return await SignerResolver.ResolveAsync(options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The devnet signer of a role name.</summary>
    /// <param name="name">admin, provider, alice, bob, lender, reporter1..3.</param>
    /// <returns>The signer.</returns>
    public static RwaSigner Devnet(string name)
    {
        var accounts = DevnetAccounts.Standard;
        return name.Trim().ToLowerInvariant() switch
        {
            "admin" => accounts.Admin,
            "provider" => accounts.Provider,
            "alice" => accounts.Alice,
            "bob" => accounts.Bob,
            "lender" => accounts.Lender,
            "reporter1" => accounts.Reporters[0],
            "reporter2" => accounts.Reporters[1],
            "reporter3" => accounts.Reporters[2],
            _ => throw new SignerException($"--devnet-account '{name}' is unknown; use one of {string.Join(", ", DevnetNames)}."),
        };
    }

    private static bool IsSet(string variable) => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(variable));

    private List<string> Configured(ParseResult parse)
    {
        var set = new List<string>();
        foreach (var option in new Option<string?>[] { Keystore, PasswordFile, PrivateKeyEnv, PrivateKeyFile, MnemonicEnv })
        {
            if (!string.IsNullOrWhiteSpace(parse.GetValue(option)))
            {
                set.Add(option.Name);
            }
        }

        return set;
    }
}
