using System.Text;
using RwaCompute.Sdk.Errors;

namespace RwaCompute.Cli.Signing;

/// <summary>
/// The password of a keystore being written: from <c>--password-file</c>, else typed twice at a prompt on the
/// terminal, never echoed. Without a file and without a terminal (a script, a pipe, a test writing to its own
/// streams) it is a signer problem, exit code 7: a password is never read from a pipe or an argument.
/// </summary>
internal static class KeystorePassword
{
    /// <summary>Reads the password.</summary>
    /// <param name="passwordFile">The <c>--password-file</c>, or <see langword="null"/> to prompt.</param>
    /// <param name="console">Where the prompt goes (stderr, so stdout stays the command's output).</param>
    /// <param name="cancellationToken">Ctrl+C while prompting.</param>
    /// <returns>The password.</returns>
    /// <exception cref="SignerException">Unreadable or empty file, no terminal to prompt on, an empty password or
    /// two that differ.</exception>
    public static async Task<string> ReadNewAsync(string? passwordFile, Output.CliConsole console, CancellationToken cancellationToken)
    {
        if (passwordFile is not null)
        {
            string text;
            try
            {
                text = await File.ReadAllTextAsync(passwordFile, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new SignerException($"The password file '{passwordFile}' cannot be read: {ex.GetType().Name}.");
            }

            // As the signer options read it (SignerResolver): the trailing newline of `echo pw > file` is not part of it.
            var password = text.TrimEnd('\r', '\n');
            return password.Length > 0 ? password : throw new SignerException($"The password file '{passwordFile}' is empty.");
        }

        // Only the real process's own terminal: stdin not redirected, and the prompt going to the real stderr.
        if (Console.IsInputRedirected || !ReferenceEquals(console.Stderr, Console.Error))
        {
            throw new SignerException("no keystore password: give --password-file FILE, or run rwa in a terminal to be prompted for it.");
        }

        var first = await PromptAsync("Keystore password: ", console.Stderr, cancellationToken).ConfigureAwait(false);
        if (first.Length == 0)
        {
            throw new SignerException("The keystore password is empty.");
        }

        var second = await PromptAsync("Repeat the password: ", console.Stderr, cancellationToken).ConfigureAwait(false);
        return first == second ? first : throw new SignerException("The two passwords differ; nothing was written.");
    }

    /// <summary>One line typed without echo (keys intercepted; Backspace edits; Ctrl+C cancels).</summary>
    private static async Task<string> PromptAsync(string label, TextWriter prompt, CancellationToken cancellationToken)
    {
        prompt.Write(label);
        prompt.Flush();
        var typed = new StringBuilder();
        while (true)
        {
            // Polled, so that Ctrl+C (handled by Program as a cancellation) ends the prompt too.
            while (!Console.KeyAvailable)
            {
                await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            }

            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                prompt.WriteLine();
                return typed.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (typed.Length > 0)
                {
                    typed.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
    }
}
