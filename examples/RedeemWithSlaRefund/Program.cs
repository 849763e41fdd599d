// Redeem-with-SLA-refund: a holder redeems 40 GPU-hours for delivery; the pool's reporters attest (EIP-712,
// 3 signatures, median stored on-chain) an uptime of 97 % against a 99 % SLA; the holder claims the refund at the
// lot's unit cover (reference price × bond coverage, 100 % by default) from the provider's bond and withdraws it.
using RwaCompute.Examples;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Oracle;
using RedemptionStatus = RwaCompute.Sdk.Contracts.ComputeEscrow.RedemptionStatus;

using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
var ct = cancellation.Token;
await using var session = await ExampleSession.ConnectAsync(ct);
var price = ExampleSession.Usdc("2");
var (lotId, poolId) = await session.IssueLotAsync(units: 300, pricePerUnit: price, ct);
await session.Provider.Token.TransferAsync(session.Alice.Account!, lotId, 60, ct);

var redemption = await session.Alice.Escrow.RedeemAsync(lotId, 40, ct);
var opened = await session.Alice.Escrow.GetRedemptionAsync(redemption.Value, ct);
Console.WriteLine($"redemption {redemption.Value}: 40 GPU-hours burned, {ExampleSession.Usdc(opened.Reserved)} of bond reserved, deadline {opened.Deadline:u}");

// The reporters aggregate their observations into one report (the median of each field), every reporter signs that
// same report off-chain, and anyone submits it with the signatures (the rwa reporter node does this from telemetry).
var observedAt = (ulong)(await session.ChainTimeAsync(ct)).ToUnixTimeSeconds();
var round = session.Reporters.Zip(new ushort[] { 9_650, 9_700, 9_720 })
    .Select(r => (r.First, new UtilizationObservation(UtilizationBps: 8_800, UptimeBps: r.Second, DeliveredGpuHours: 35, EnergyKwh: 25, CurtailedGpuHours: 0, ObservedAt: observedAt)))
    .ToList();
await session.Admin.Oracle.ReportRoundAsync(poolId, epoch: 1, round, ct);
var report = await session.Alice.Oracle.LatestFreshAsync(poolId, TimeSpan.FromHours(1), ct);
Console.WriteLine($"oracle: epoch {report.Epoch}, uptime {report.UptimeBps / 100.0:0.00} % (signed by {report.SignerCount} reporters), SLA 99.00 %");

await session.Alice.Escrow.ClaimRefundAsync(redemption.Value, ct);
var refunded = await session.Alice.Escrow.GetRedemptionAsync(redemption.Value, ct);
ExampleSession.Expect(refunded.Status == RedemptionStatus.Refunded, $"redemption {redemption.Value} is {refunded.Status}");
var withdrawn = await session.Alice.Escrow.WithdrawAsync(cancellationToken: ct);
ExampleSession.Expect(withdrawn.Value >= 40 * price, $"holder withdrew {ExampleSession.Usdc(withdrawn.Value)} (the 80 USDC refund)");
