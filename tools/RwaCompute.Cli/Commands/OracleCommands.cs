using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Nethereum.Hex.HexConvertors.Extensions;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Parsing;
using RwaCompute.Sdk.Oracle;
using RwaCompute.Sdk.Validation;

namespace RwaCompute.Cli.Commands;

/// <summary><c>rwa oracle sign|report|show</c>: reporters sign observations off-chain (EIP-712); anyone submits a
/// quorum of them; readers see the stored median.</summary>
internal static class OracleCommands
{
    public static Command Create(CommandRunner runner)
    {
        var oracle = new Command("oracle", "utilization oracle: sign an observation (reporter), submit a report with a quorum of signatures, show the latest");
        oracle.Subcommands.Add(Sign(runner));
        oracle.Subcommands.Add(Report(runner));
        oracle.Subcommands.Add(Show(runner));
        return oracle;
    }

    private static Command Sign(CommandRunner runner)
    {
        var pool = CliOptions.Bytes32("--pool", "the pool (label or 0x + 64 hex digits)").AsRequired();
        var epoch = CliOptions.WholeNumber<ulong>("--epoch", "the epoch (greater than the pool's last)").AsRequired();
        var utilization = CliOptions.Bps("--utilization", "utilization: bps (8600) or percent (86%)").AsRequired();
        var uptime = CliOptions.Bps("--uptime", "uptime: bps (9950) or percent (99.5%)").AsRequired();
        var delivered = CliOptions.WholeNumber<ulong>("--delivered", "delivered GPU-hours in the epoch", allowZero: true).AsRequired();
        var energy = CliOptions.WholeNumber<ulong>("--energy", "energy used, kWh", allowZero: true).AsRequired();
        var output = CliOptions.Text("--out", "write the signed observation to this file (default: stdout)");
        return Operation.Sending(runner, "sign", "sign an observation as a reporter (nothing is sent; pass the files to oracle report)", [pool, epoch, utilization, uptime, delivered, energy, output], async (invocation, signer) =>
        {
            var poolId = invocation.Required(pool);
            var epochValue = invocation.Value(epoch);
            var utilizationBps = invocation.Value(utilization);
            var uptimeBps = invocation.Value(uptime);
            var deliveredHours = invocation.Value(delivered);
            var energyKwh = invocation.Value(energy);
            var ct = invocation.CancellationToken;
            var session = await ChainSession.OpenAsync(invocation, signer).ConfigureAwait(false);
            var observedAt = (ulong)(await session.ChainTimeAsync(ct).ConfigureAwait(false)).ToUnixTimeSeconds();
            var observation = new UtilizationObservation(utilizationBps, uptimeBps, deliveredHours, energyKwh, observedAt);
            var signed = await session.Client.Oracle.SignObservationAsync(session.Signer!, poolId, epochValue, observation, ct).ConfigureAwait(false);
            var file = new SignedObservationFile(session.ChainId, session.Client.Oracle.Address, poolId.ToHex(true), epochValue, utilizationBps, uptimeBps, deliveredHours, energyKwh, observedAt, signed.Signer, signed.Signature.ToHex(true));
            var json = JsonSerializer.Serialize(file, CliJsonContext.Default.SignedObservationFile);
            if (invocation.Value(output) is { } path)
            {
                await File.WriteAllTextAsync(path, json, ct).ConfigureAwait(false);
                invocation.Console.ProgressLine($"signed epoch {epochValue.ToString(CultureInfo.InvariantCulture)} of {Bytes32Text.Format(poolId)} as {signed.Signer} → {path}");
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
        var files = CliArguments.ExistingFiles("signed", "signed observation files from oracle sign (one per reporter, at least the quorum)");
        return Operation.Sending(runner, "report", "submit a report: a quorum of signed observations of one pool and epoch", [files], async (invocation, signer) =>
        {
            var observations = new List<(SignedObservationFile File, SignedObservation Signed)>();
            foreach (var path in invocation.Value(files))
            {
                observations.Add(await ReadAsync(path, invocation.CancellationToken).ConfigureAwait(false));
            }

            var first = observations[0].File;
            if (observations.Any(o => o.File.Pool != first.Pool || o.File.Epoch != first.Epoch || o.File.ChainId != first.ChainId || !string.Equals(o.File.Oracle, first.Oracle, StringComparison.OrdinalIgnoreCase)))
            {
                throw new CliInputException("signed", "the files are for different pools, epochs, chains or oracles.");
            }

            return await Operation.SendAsync(invocation, signer, async (session, ct) =>
            {
                if (first.ChainId != session.ChainId || !string.Equals(first.Oracle, session.Client.Oracle.Address, StringComparison.OrdinalIgnoreCase))
                {
                    throw new CliInputException("signed", $"the observations were signed for oracle {first.Oracle} on chain {first.ChainId}, not {session.Client.Oracle.Address} on chain {session.ChainId}.");
                }

                var poolId = first.Pool.HexToByteArray();
                var result = await session.Client.Oracle.SubmitReportAsync(poolId, first.Epoch, [.. observations.Select(o => o.Signed)], ct).ConfigureAwait(false);
                return ViewFactory.Transaction($"submitted epoch {first.Epoch} of {Bytes32Text.Format(poolId)} with {observations.Count} signatures", result);
            }).ConfigureAwait(false);
        });
    }

    private static Command Show(CommandRunner runner)
    {
        var pool = CliArguments.Bytes32("pool", "the pool (label or 0x + 64 hex digits)");
        var command = new Command("show", "show a pool's latest report (the median of the signed observations)") { pool };
        runner.SetAction(command, async invocation =>
        {
            var poolId = invocation.Value(pool);
            var session = await ChainSession.OpenAsync(invocation, signer: null).ConfigureAwait(false);
            var report = await session.Client.Oracle.LatestAsync(poolId, invocation.CancellationToken).ConfigureAwait(false);
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

    private static async Task<(SignedObservationFile File, SignedObservation Signed)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        SignedObservationFile? file;
        try
        {
            file = JsonSerializer.Deserialize(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), CliJsonContext.Default.SignedObservationFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new CliInputException("signed", $"{path}: {ex.Message}");
        }

        if (file is null || file.UtilizationBps is < 0 or > 10_000 || file.UptimeBps is < 0 or > 10_000)
        {
            throw new CliInputException("signed", $"{path} is not a signed observation.");
        }

        var observation = new UtilizationObservation((ushort)file.UtilizationBps, (ushort)file.UptimeBps, file.DeliveredGpuHours, file.EnergyKwh, file.ObservedAt);
        return (file, new SignedObservation(observation, file.Signature.HexToByteArray(), Guard.Address(file.Signer, "signer")));
    }
}
