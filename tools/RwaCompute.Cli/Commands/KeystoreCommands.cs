using System.CommandLine;
using System.CommandLine.Parsing;
using System.Security.Cryptography;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Output.Views;
using RwaCompute.Cli.Parsing;
using RwaCompute.Cli.Signing;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Wallets;

namespace RwaCompute.Cli.Commands;

/// <summary><c>rwa keystore new|import</c>: writes a Web3 Secret Storage (v3, scrypt) keystore that the signer option
/// <c>--keystore FILE --password-file F</c> opens. Only the address is printed; the key, the mnemonic and the
/// password never reach the output, and no option takes a secret itself.</summary>
internal static class KeystoreCommands
{
    /// <summary>geth's <c>--lightkdf</c> cost: fast to open, and as fast to brute-force (test keys only).</summary>
    private const int LightScryptN = 4096;

    public static Command Create(CommandRunner runner)
    {
        var keystore = new Command("keystore", "create a Web3 Secret Storage (v3) keystore for --keystore: a new key, or an existing one imported");
        keystore.Subcommands.Add(CreateNew(runner));
        keystore.Subcommands.Add(CreateImport(runner));
        return keystore;
    }

    private static Command CreateNew(CommandRunner runner)
    {
        var (output, passwordFile, light) = Common();
        var command = new Command("new", "generate a new key and write it as an encrypted keystore; prints its address") { output, passwordFile, light };
        runner.SetAction(command, invocation => WriteAsync(invocation, invocation.Required(output), invocation.Value(passwordFile), invocation.Value(light), _ => Task.FromResult(Generate())));
        return command;
    }

    private static Command CreateImport(CommandRunner runner)
    {
        var (output, passwordFile, light) = Common();
        var keyFile = CliOptions.ExistingFile("--private-key-file", "a file holding the hex private key to import");
        var keyEnv = CliOptions.Create("--private-key-env", "the NAME of an environment variable holding the hex private key to import", text => VariableName(text, "--private-key-env"));
        var mnemonicEnv = CliOptions.Create("--mnemonic-env", "the NAME of an environment variable holding the BIP-39 mnemonic to import an account of", text => VariableName(text, "--mnemonic-env"));
        var accountIndex = CliOptions.WholeNumber<int>("--account-index", "with --mnemonic-env: the account m/44'/60'/0'/0/N (default 0)", allowZero: true);
        var command = new Command("import", "encrypt an existing key (a key file, or an environment variable holding a key or a mnemonic) as a keystore; prints its address")
        {
            output, keyFile, keyEnv, mnemonicEnv, accountIndex, passwordFile, light,
        };
        command.Validators.Add(result =>
        {
            var sources = new Option[] { keyFile, keyEnv, mnemonicEnv }.Where(o => result.GetResult(o) is { Implicit: false }).ToList();
            if (sources.Count != 1)
            {
                result.AddError($"{(sources.Count == 0 ? "--private-key-file" : sources[1].Name)}: give exactly one of --private-key-file, --private-key-env, --mnemonic-env.");
            }
        });
        command.Validators.Add(OnlyWithMnemonic(accountIndex, mnemonicEnv));
        runner.SetAction(command, invocation => WriteAsync(invocation, invocation.Required(output), invocation.Value(passwordFile), invocation.Value(light), ct =>
            SignerResolver.ResolveAsync(
                new SignerOptions
                {
                    PrivateKeyFile = invocation.Value(keyFile),
                    PrivateKeyEnvironmentVariable = invocation.Value(keyEnv),
                    MnemonicEnvironmentVariable = invocation.Value(mnemonicEnv),
                    AccountIndex = invocation.Value(accountIndex),
                },
                ct)));
        return command;
    }

    private static (Option<string> Output, Option<string> PasswordFile, Option<bool> Light) Common() =>
    (
        CliOptions.Create("--out", "the keystore file to create (never overwritten)", text => NewFileText.Parse(text, "--out")).AsRequired(),
        CliOptions.ExistingFile("--password-file", "a file holding the password to encrypt with (default: prompt on the terminal, not echoed)"),
        new Option<bool>("--light-kdf") { Description = $"scrypt N={LightScryptN} instead of 262144 (geth's --lightkdf): quick to open, weak against guessing; for test keys" }
    );

    /// <summary>An environment variable's name (never its value: a secret does not go on the command line).</summary>
    private static string VariableName(string text, string option) =>
        text.Length > 0 && text.Length <= 255 && (char.IsAsciiLetter(text[0]) || text[0] == '_') && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? text
            : throw new CliInputException(option, "the value is not an environment variable name (letters, digits, _); give the variable's NAME, not its value (which is not repeated here, in case it is a secret).");

    private static Action<CommandResult> OnlyWithMnemonic(Option option, Option mnemonic) => result =>
    {
        if (result.GetResult(option) is { Implicit: false } && result.GetResult(mnemonic) is null)
        {
            result.AddError($"{option.Name}: is only meaningful with --mnemonic-env.");
        }
    };

    private static async Task<int> WriteAsync(Invocation invocation, string path, string? passwordFile, bool light, Func<CancellationToken, Task<RwaSigner>> key)
    {
        var ct = invocation.CancellationToken;
        var signer = await key(ct).ConfigureAwait(false);
        var password = await KeystorePassword.ReadNewAsync(passwordFile, invocation.Console, ct).ConfigureAwait(false);
        var json = light ? signer.ToKeystoreJson(password, LightScryptN, 8, 1) : signer.ToKeystoreJson(password);
        await WriteNewFileAsync(path, json, ct).ConfigureAwait(false);

        var view = new KeystoreView(signer.Address, Path.GetFullPath(path));
        var console = invocation.Console;
        if (console.Json)
        {
            console.WriteJson(view, CliJsonContext.Default.KeystoreView);
        }
        else
        {
            console.Line($"ok: wrote the keystore {view.Path} for {view.Address}");
            console.Line($"sign with: --keystore {path} --password-file <the password file>");
        }

        return ExitCodes.Success;
    }

    /// <summary>A random key in [1, n - 1] (a 32-byte draw outside it is refused by the signer and drawn again).</summary>
    private static RwaSigner Generate()
    {
        var bytes = new byte[32];
        try
        {
            while (true)
            {
                RandomNumberGenerator.Fill(bytes);
                try
                {
                    return RwaSigner.FromPrivateKey(Convert.ToHexString(bytes));
                }
                catch (SignerException)
                {
                    // Zero or not below the curve order: probability about 2^-128.
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Creates the file (owner-only on Unix); one that appeared since parsing is still not overwritten.</summary>
    private static async Task WriteNewFileAsync(string path, string json, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            var stream = new FileStream(path, options);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(json), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new CliInputException("--out", $"'{path}' already exists; it is never overwritten.");
        }
    }
}
