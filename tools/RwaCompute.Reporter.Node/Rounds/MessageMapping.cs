using Nethereum.Hex.HexConvertors.Extensions;
using RwaCompute.Sdk.Oracle;

namespace RwaCompute.Reporter.Node.Rounds;

/// <summary>Conversions between the SDK's oracle types and the wire messages.</summary>
public static class MessageMapping
{
    /// <summary>The evidence as a message.</summary>
    /// <param name="e">The evidence.</param>
    /// <returns>The message.</returns>
    public static ObservationMessage ToMessage(this ObservationEvidence e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var o = e.Observation;
        return new ObservationMessage(e.PoolId.ToHex(true), e.Epoch, o.UtilizationBps, o.UptimeBps, o.DeliveredGpuHours, o.EnergyKwh, o.CurtailedGpuHours, o.ObservedAt, e.Reporter, e.Signature.ToHex(true));
    }

    /// <summary>The message as evidence (not yet verified).</summary>
    /// <param name="m">The message.</param>
    /// <returns>The evidence.</returns>
    /// <exception cref="FormatException">A hex field is malformed.</exception>
    public static ObservationEvidence ToEvidence(this ObservationMessage m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new ObservationEvidence(
            Hex(m.Pool), m.Epoch, new UtilizationObservation(m.UtilizationBps, m.UptimeBps, m.DeliveredGpuHours, m.EnergyKwh, m.CurtailedGpuHours, m.ObservedAt), m.Reporter, Hex(m.Signature));
    }

    /// <summary>The report as a message.</summary>
    /// <param name="r">The report.</param>
    /// <returns>The message.</returns>
    public static ReportMessage ToMessage(this OracleReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new ReportMessage(r.PoolId.ToHex(true), r.Epoch, r.UtilizationBps, r.UptimeBps, r.DeliveredGpuHours, r.EnergyKwh, r.CurtailedGpuHours, r.ObservedAt, r.Observers, r.ConfigVersion);
    }

    /// <summary>The message as a report.</summary>
    /// <param name="m">The message.</param>
    /// <returns>The report.</returns>
    public static OracleReport ToReport(this ReportMessage m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new OracleReport(Hex(m.Pool), m.Epoch, m.UtilizationBps, m.UptimeBps, m.DeliveredGpuHours, m.EnergyKwh, m.CurtailedGpuHours, m.ObservedAt, m.Observers, m.ConfigVersion);
    }

    private static byte[] Hex(string? text) =>
        text is { Length: > 2 } && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && text.Length % 2 == 0
            ? text.HexToByteArray()
            : throw new FormatException($"'{text}' is not 0x-prefixed hex.");
}
