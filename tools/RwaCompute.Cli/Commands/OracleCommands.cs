using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Nethereum.Hex.HexConvertors.Extensions;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Parsing;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Contracts.UtilizationOracle;
using RwaCompute.Sdk.Oracle;
using RwaCompute.Sdk.Validation;

namespace RwaCompute.Cli.Commands;

/// <summary><c>rwa oracle sign|report|show</c>: reporters sign one aggregate report off-chain (EIP-712); anyone
/// submits it with a quorum of signatures; readers see the stored report. (The <c>rwa reporter</c> node does the same
/// automatically from GPU telemetry.)</summary>
internal static class OracleCommands
{
    public static Command Create(CommandRunner runner)
    {
        var oracle = new Command("oracle", "utilization oracle: sign the aggregate report (reporter), submit it with a quorum of signatures, show the latest");
        oracle.Subcommands.Add(Sign(runner));
        oracle.Subcommands.Add(Report(runner));
        oracle.Subcommands.Add(Show(runner));
        return oracle;
    }

    private static Command Sign(CommandRunner runner)
    {
        var pool = CliOptions.Bytes32("--pool", "the pool (label or 0x + 64 hex digits); with --cosign, taken from the file");
        var epoch = CliOptions.WholeNumber<ulong>("--epoch", "the epoch (greater than the pool's last)");
        var utilization = CliOptions.Bps("--utilization", "utilization: bps (8600) or percent (86%)");
        var uptime = CliOptions.Bps("--uptime", "uptime: bps (9950) or percent (99.5%)");
        var delivered = CliOptions.WholeNumber<ulong>("--delivered", "delivered GPU-hours since the pool's first report (cumulative)", allowZero: true);
        var energy = CliOptions.WholeNumber<ulong>("--energy", "energy used since the pool's first report, kWh (cumulative)", allowZero: true);
        var curtailed = CliOptions.WholeNumber<ulong>("--curtailed", "curtailed GPU-hours since the pool's first report (cumulative; default 0)", allowZero: true);
        var cosign = CliOptions.ExistingFile("--cosign", "sign the same report as this other reporter's file (no values needed)");
        var output = CliOptions.OutputFile("--out", "write the signature file here (default: stdout)");
        return Operation.Sending(runner, "sign", "sign an aggregate report as a reporter (nothing is sent): give the agreed values, or --cosign another reporter's file", [pool, epoch, utilization, uptime, delivered, energy, curtailed, cosign, output], async (invocation, signer) =>
        {
            var ct = invocation.CancellationToken;
            var cosignPath = invocation.Value(cosign);
            var session = await ChainSession.OpenAsync(invocation, signer).ConfigureAwait(false);
            OracleReport report;
            if (cosignPath is not null)
            {
                var (file, theirs) = await ReadAsync(cosignPath, ct).ConfigureAwait(false);
                RequireSameOracle(file, session);
                report = theirs;
            }
            else
            {
                var poolId = invocation.RequiredUnless(pool, "--cosign");
                var epochValue = invocation.RequiredUnless(epoch, "--cosign");
                var values = new UtilizationObservation(
                    invocation.RequiredUnless(utilization, "--cosign"),
                    invocation.RequiredUnless(uptime, "--cosign"),
                    invocation.RequiredUnless(delivered, "--cosign"),
                    invocation.RequiredUnless(energy, "--cosign"),
                    invocation.Value(curtailed),
                    (ulong)(await session.ChainTimeAsync(ct).ConfigureAwait(false)).ToUnixTimeSeconds());
                // The values are the round's agreed aggregate, observed by every current reporter.
                var reporters = await session.Client.Oracle.ReportersAsync(ct).ConfigureAwait(false);
                var observations = reporters.ToDictionary(r => r, _ => values, StringComparer.OrdinalIgnoreCase);
                report = await session.Client.Oracle.AggregateAsync(poolId, epochValue, observations, ct).ConfigureAwait(false);
            }

            var signed = await session.Client.Oracle.SignReportAsync(session.Signer!, report, ct).ConfigureAwait(false);
            var json = JsonSerializer.Serialize(ToFile(session, report, signed), CliJsonContext.Default.SignedReportFile);
            if (invocation.Value(output) is { } path)
            {
                await File.WriteAllTextAsync(path, json, ct).ConfigureAwait(false);
                invocation.Console.ProgressLine($"signed epoch {report.Epoch.ToString(CultureInfo.InvariantCulture)} of {Bytes32Text.Format(report.PoolId)} as {signed.Signer} → {path}");
            }
            else
            {
                invocation.Console.Stdout.WriteLine(json);
            }

            return ExitCodes.Success;
        });
    }

    private static Command Report(CommandRunner runner)
    {
        var files = CliArguments.ExistingFiles("signed", "signature files from oracle sign (one per reporter, at least the quorum, all over the same report)");
        return Operation.Sending(runner, "report", "submit a report with a quorum of reporter signatures over it", [files], async (invocation, signer) =>
        {
            var signed = new List<(SignedReportFile File, OracleReport Report)>();
            foreach (var path in invocation.Value(files))
            {
                signed.Add(await ReadAsync(path, invocation.CancellationToken).ConfigureAwait(false));
            }

            var first = signed[0];
            if (signed.Any(s => s.Report != first.Report || s.File.ChainId != first.File.ChainId || !string.Equals(s.File.Oracle, first.File.Oracle, StringComparison.OrdinalIgnoreCase)))
            {
                throw new CliInputException("signed", "the files sign different reports (every reporter must sign the same one: use oracle sign --cosign), or are for different chains or oracles.");
            }

            return await Operation.SendAsync(invocation, signer, async (session, ct) =>
            {
                RequireSameOracle(first.File, session);
                var signatures = signed.Select(s => new ReportSignature(Guard.Address(s.File.Signer, "signer"), s.File.Signature.HexToByteArray())).ToList();
                var result = await session.Client.Oracle.SubmitReportAsync(first.Report, signatures, ct).ConfigureAwait(false);
                return ViewFactory.Operation("oracle.report", $"submitted epoch {first.Report.Epoch} of {Bytes32Text.Format(first.Report.PoolId)} with {signed.Count} signatures", result) with
                {
                    PoolId = first.Report.PoolId.ToHex(true),
                    Epoch = first.Report.Epoch.ToString(CultureInfo.InvariantCulture),
                    Signatures = signed.Count,
                };
            }).ConfigureAwait(false);
        });
    }

    private static Command Show(CommandRunner runner)
    {
        var pool = CliArguments.Bytes32("pool", "the pool (label or 0x + 64 hex digits)");
        var command = new Command("show", "show a pool's latest report (cumulative delivered GPU-hours, energy and curtailed hours)") { pool };
        runner.SetAction(command, async invocation =>
        {
            var poolId = invocation.Value(pool);
            var session = await ChainSession.OpenAsync(invocation, signer: null).ConfigureAwait(false);
            UtilizationReport report;
            try
            {
                report = await session.Client.Oracle.LatestAsync(poolId, invocation.CancellationToken).ConfigureAwait(false);
            }
            catch (OracleNoReportException)
            {
                // Asking about a pool nobody reported on is a question with no answer, not a failed transaction.
                throw new CliInputException("pool", $"no report has been submitted for pool {Bytes32Text.Format(poolId)}.");
            }

            if (report.Epoch == 0)
            {
                throw new CliInputException("pool", $"no report has been submitted for pool {Bytes32Text.Format(poolId)}.");
            }

            var view = ViewFactory.Report(report);
            if (invocation.Console.Json)
            {
                invocation.Console.WriteJson(view, CliJsonContext.Default.ReportView);
            }
            else
            {
                invocation.Console.Out.Write(Tables.Utilization([view]));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static SignedReportFile ToFile(ChainSession session, OracleReport r, ReportSignature signed) =>
        new(session.ChainId, session.Client.Oracle.Address, r.PoolId.ToHex(true), r.Epoch, r.UtilizationBps, r.UptimeBps, r.DeliveredGpuHours, r.EnergyKwh, r.CurtailedGpuHours, r.ObservedAt, r.Observers, r.ConfigVersion, signed.Signer, signed.Signature.ToHex(true));

    private static void RequireSameOracle(SignedReportFile file, ChainSession session)
    {
        if (file.ChainId != session.ChainId || !string.Equals(file.Oracle, session.Client.Oracle.Address, StringComparison.OrdinalIgnoreCase))
        {
            throw new CliInputException("signed", $"the report was signed for oracle {file.Oracle} on chain {file.ChainId}, not {session.Client.Oracle.Address} on chain {session.ChainId}.");
        }
    }

    private static async Task<(SignedReportFile File, OracleReport Report)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        SignedReportFile? file;
        try
        {
            file = JsonSerializer.Deserialize(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), CliJsonContext.Default.SignedReportFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new CliInputException("signed", $"{path}: {ex.Message}");
        }

        if (file is null || file.UtilizationBps is < 0 or > 10_000 || file.UptimeBps is < 0 or > 10_000 || file.PoolId is null || file.Signature is null || file.Signer is null)
        {
            throw new CliInputException("signed", $"{path} is not a signed report.");
        }

        byte[] poolId;
        try
        {
            poolId = file.PoolId.HexToByteArray();
        }
        catch (FormatException)
        {
            throw new CliInputException("signed", $"{path}: the pool is not hex.");
        }

        if (poolId.Length != 32)
        {
            throw new CliInputException("signed", $"{path}: the pool is not 32 bytes.");
        }

        var report = new OracleReport(poolId, file.Epoch, (ushort)file.UtilizationBps, (ushort)file.UptimeBps, file.DeliveredGpuHours, file.EnergyKwh, file.CurtailedGpuHours, file.ObservedAt, file.Observers, file.ConfigVersion);
        return (file, report);
    }
}
