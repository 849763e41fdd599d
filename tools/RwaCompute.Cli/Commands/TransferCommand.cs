using System.CommandLine;
using System.Globalization;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Parsing;

namespace RwaCompute.Cli.Commands;

/// <summary><c>rwa transfer LOT UNITS --to ADDRESS</c>.</summary>
internal static class TransferCommand
{
    public static Command Create(CommandRunner runner)
    {
        var lotId = CliArguments.LotId();
        var units = CliArguments.Units("units", "units (GPU-hours)");
        var to = CliOptions.Address("--to", "the receiver (must be allowlisted)").AsRequired();
        return Operation.Sending(runner, "transfer", "transfer units to another allowlisted holder (checked with canTransfer first)", [lotId, units, to], (invocation, signer) =>
        {
            var id = invocation.Value(lotId);
            var count = invocation.Value(units);
            var receiver = invocation.Required(to);
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
                ViewFactory.Operation("transfer", $"transferred {count} units of lot {LotIdText.Short(id)} to {receiver}", await session.Client.Token.TransferAsync(receiver, id, count, ct).ConfigureAwait(false)) with
                {
                    LotId = LotIdText.Format(id),
                    Units = count.ToString(CultureInfo.InvariantCulture),
                    To = receiver,
                });
        });
    }
}
