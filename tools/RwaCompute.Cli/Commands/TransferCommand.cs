using System.CommandLine;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Parsing;

namespace RwaCompute.Cli.Commands;

/// <summary><c>rwa transfer LOT UNITS --to ADDRESS</c>.</summary>
internal static class TransferCommand
{
    public static Command Create(CommandRunner runner)
    {
        var lotId = Operation.Argument("lot", "the lot id (0x hex or decimal)");
        var units = Operation.Argument("units", "units (GPU-hours)");
        var to = Operation.Option("--to", "the receiver (must be allowlisted)");
        return Operation.Sending(runner, "transfer", "transfer units to another allowlisted holder (checked with canTransfer first)", [lotId, units, to], (invocation, signer) =>
        {
            var id = LotIdText.Parse(invocation.Value(lotId), "lot");
            var count = UnitCount.Parse(invocation.Value(units), "units");
            var receiver = Operation.Address(invocation.Required(to), "--to");
            return Operation.SendAsync(invocation, signer, async (session, ct) =>
                ViewFactory.Transaction($"transferred {count} units of lot {LotIdText.Short(id)} to {receiver}", await session.Client.Token.TransferAsync(receiver, id, count, ct).ConfigureAwait(false)));
        });
    }
}
