namespace RwaCompute.Cli;

/// <summary>The exit codes of <c>rwa</c> (documented in docs/CLI.md). Scripts may rely on them.</summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>An unexpected failure (a bug, an I/O error).</summary>
    public const int Unexpected = 1;

    /// <summary>Bad input or usage: an unknown option, a malformed address, amount, duration or configuration file.
    /// Nothing was sent.</summary>
    public const int BadInput = 2;

    /// <summary>A check against the chain refused the operation before sending: wrong chain id, unknown or expired lot,
    /// a transfer the compliance rules refuse, an unknown offer/pledge/redemption, an admin hand-over the signer cannot
    /// accept yet (not the pending admin, delay not passed, timelock operation not ready or role missing), anvil missing
    /// or its port busy.</summary>
    public const int PreflightRefused = 3;

    /// <summary>A contract reverted (the typed custom error is named in the message).</summary>
    public const int ContractRevert = 4;

    /// <summary>The JSON-RPC endpoint did not answer (before sending, during a broadcast, or while a receipt was
    /// awaited; in the last two cases the message names the transaction and a re-run resolves it).</summary>
    public const int RpcUnavailable = 5;

    /// <summary>The deployment manifest is missing, malformed, tampered with, or does not match the chain's code; or a
    /// deployment step failed (re-run <c>rwa deploy</c> to resume).</summary>
    public const int ManifestProblem = 6;

    /// <summary>No signer, several signer sources, an unreadable key file, a wrong keystore password.</summary>
    public const int SignerProblem = 7;

    /// <summary>A transaction was sent but its outcome is not confirmed: no receipt in time, the node cannot tell, or it
    /// was replaced by another transaction of the account. The message names the hash; re-running the same command
    /// resolves it (never sends it twice), <c>rwa tx status &lt;hash&gt;</c> shows it.</summary>
    public const int Unconfirmed = 8;

    /// <summary>Cancelled (Ctrl+C). A deployment resumes where it stopped when re-run.</summary>
    public const int Cancelled = 130;

    /// <summary>The name of an exit code, as the <c>--json</c> error object's <c>name</c> gives it.</summary>
    /// <param name="code">The exit code.</param>
    /// <returns>Its constant's name here (<c>ContractRevert</c> for 4), or <c>Unexpected</c> for an unknown code.</returns>
    public static string NameOf(int code) => code switch
    {
        Success => nameof(Success),
        BadInput => nameof(BadInput),
        PreflightRefused => nameof(PreflightRefused),
        ContractRevert => nameof(ContractRevert),
        RpcUnavailable => nameof(RpcUnavailable),
        ManifestProblem => nameof(ManifestProblem),
        SignerProblem => nameof(SignerProblem),
        Unconfirmed => nameof(Unconfirmed),
        Cancelled => nameof(Cancelled),
        _ => nameof(Unexpected),
    };
}
