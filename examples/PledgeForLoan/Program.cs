// Pledge-for-a-loan: a holder pledges 100 GPU-hours as collateral for a 100 USDC advance (the lot's default
// loan-to-value is 50 % of the reference price), the lender funds it, the holder withdraws the advance, then repays
// principal + fee before maturity and the units unlock. The maturity must leave the borrower at least the escrow's
// minimum repayment window and end a margin before the lot does (1 day each on this deployment).
using RwaCompute.Examples;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Errors;
using PledgeStatus = RwaCompute.Sdk.Contracts.ComputeLending.PledgeStatus;

using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
var ct = cancellation.Token;
await using var session = await ExampleSession.ConnectAsync(ct);
var (lotId, _) = await session.IssueLotAsync(units: 400, pricePerUnit: ExampleSession.Usdc("3"), ct);
await session.Provider.Token.TransferAsync(session.Alice.Account!, lotId, 150, ct);

var cap = await session.Alice.Lending.MaxPrincipalAsync(lotId, 100, ct);
Console.WriteLine($"100 GPU-hours can secure at most {ExampleSession.Usdc(cap)}");

// Asking for more than the cap is refused before anything is sent.
var now = await session.ChainTimeAsync(ct);
try
{
    await session.Alice.Lending.RequestPledgeAsync(lotId, 100, session.Lender.Account!, cap + 1, 0, now.AddDays(10), ct);
    throw new InvalidOperationException("the over-cap pledge was not refused");
}
catch (AmountOutOfRangeException refused)
{
    Console.WriteLine($"refused as expected: {refused.Message}");
}

// A maturity without the minimum repayment window is refused before anything is sent, too.
var rules = await session.Alice.Lending.GetPledgeRulesAsync(ct);
try
{
    await session.Alice.Lending.RequestPledgeAsync(lotId, 100, session.Lender.Account!, ExampleSession.Usdc("100"), 0, now.AddHours(1), ct);
    throw new InvalidOperationException("the too-soon maturity was not refused");
}
catch (PledgeMaturityOutOfRangeException refused)
{
    Console.WriteLine($"refused as expected (minimum repayment window {rules.MinRepayWindow.TotalHours:0} h): {refused.Message}");
}

var pledge = await session.Alice.Lending.RequestPledgeAsync(lotId, 100, session.Lender.Account!, principal: ExampleSession.Usdc("100"), fee: ExampleSession.Usdc("1.5"), maturity: now.AddDays(10), ct);
Console.WriteLine($"pledge {pledge.Value} requested: 100 GPU-hours locked");
ExampleSession.Expect(await session.Alice.Token.LockedBalanceOfAsync(session.Alice.Account!, lotId, ct) == 100, "100 units locked in the holder's wallet");

await session.Lender.Lending.FundPledgeAsync(pledge.Value, ct);
var advance = await session.Alice.Escrow.WithdrawAsync(cancellationToken: ct);
Console.WriteLine($"lender funded it; holder withdrew {ExampleSession.Usdc(advance.Value)}");

await session.Alice.Lending.RepayAsync(pledge.Value, ct);
var state = await session.Alice.Lending.GetPledgeAsync(pledge.Value, ct);
ExampleSession.Expect(state.Status == PledgeStatus.Repaid, $"pledge {pledge.Value} is {state.Status}");
ExampleSession.Expect(await session.Alice.Token.LockedBalanceOfAsync(session.Alice.Account!, lotId, ct) == 0, "units unlocked");
var repaid = await session.Lender.Escrow.WithdrawAsync(cancellationToken: ct);
ExampleSession.Expect(repaid.Value >= state.AmountDue, $"lender withdrew {ExampleSession.Usdc(repaid.Value)} (principal + fee)");
