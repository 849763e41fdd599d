using System.Text.Json.Serialization;

namespace RwaCompute.Cli.Output.Views;

/// <summary>A pledge.</summary>
internal sealed record PledgeView(string PledgeId, string Holder, string Lender, string LotId, [property: JsonNumberHandling(JsonNumberHandling.WriteAsString)] ulong Units, string PrincipalUsdc, string FeeUsdc, DateTimeOffset Maturity, string Status);
