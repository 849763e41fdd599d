// Order book: orders are signed off chain and settled on chain. The provider signs an ask for 100 GPU-hours at
// 2.60 USDC and publishes it as JSON; a buyer loads the JSON, checks it and buys 40. The buyer also signs a criteria
// bid ("H100 GPU-hours in eu-west, SLA >= 99 %, bond >= the price, at 2.55 USDC") naming no lot, and the provider
// fills it from its lot. Nothing but the fills costs gas.
using RwaCompute.Examples;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Orders;

using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
var ct = cancellation.Token;
await using var session = await ExampleSession.ConnectAsync(ct);
var (lotId, _) = await session.IssueLotAsync(units: 300, pricePerUnit: ExampleSession.Usdc("2.6"), ct);
var now = await session.ChainTimeAsync(ct);

// The provider signs an ask and publishes it as portable JSON (a file, a message, an order book service).
var ask = await session.Provider.Market.SignAskAsync(new AskTerms { LotId = lotId, Units = 100, PricePerUnit = ExampleSession.Usdc("2.6"), Expiry = now.AddDays(2) }, ct);
var published = ask.ToJson();
Console.WriteLine($"provider signed ask {ask.Hash}: 100 GPU-hours at 2.60 USDC ({published.Length} bytes of JSON)");

// The buyer parses it (strict: the hash must be the order's digest) and checks it against the chain before paying.
var received = SignedOrder.Parse(published);
var state = await session.Alice.Market.GetOrderStateAsync(received, ct);
ExampleSession.Expect(state.IsFillable && received.IsSignedByMakerKey(), $"the ask is signed by {received.Maker} and fillable ({state.Remaining} units left)");
var fill = await session.Alice.Market.FillAskAsync(received, 40, ct);
Console.WriteLine($"buyer filled 40 units for {ExampleSession.Usdc(fill.Value.Cost)} in tx {fill.TransactionHash}");
ExampleSession.Expect((await session.Alice.Market.GetOrderStateAsync(received, ct)).Remaining == 60, "60 units remain on the ask");

// A changed price is a different order: its signature no longer matches and nothing is sent.
var edited = SignedOrder.Parse(published).Ask!;
edited.PricePerUnit = 1;
var forged = SignedOrder.ForAsk(received.Domain, edited, received.Signature);
try
{
    await session.Alice.Market.FillAskAsync(forged, 1, ct);
    ExampleSession.Expect(false, "a forged ask was filled");
}
catch (OrderNotFillableException refused) when (refused.Problem == OrderProblem.BadSignature)
{
    Console.WriteLine("a forged price was refused before sending: the signature is not the seller's");
}

// The buyer's criteria bid names no lot; any seller whose lot meets every criterion can fill it.
var bid = await session.Alice.Market.SignBidAsync(new BidCriteria
{
    GpuModel = "H100-SXM5-80G",
    Region = "eu-west",
    MinSlaBps = 9_900,
    PricePerUnit = ExampleSession.Usdc("2.55"),
    Units = 50,
    Expiry = now.AddDays(1),
}, ct);
var sold = await session.Provider.Market.FillBidAsync(SignedOrder.Parse(bid.ToJson()), lotId, 50, ct);
Console.WriteLine($"provider filled the criteria bid with 50 units of lot {RwaCompute.Sdk.Clients.LotIds.ToHex(lotId)}, for {ExampleSession.Usdc(sold.Value.Cost)}");
ExampleSession.Expect(await session.Alice.Token.BalanceOfAsync(session.Alice.Account!, lotId, ct) == 90, "the buyer holds 90 GPU-hours (40 + 50)");

var index = await session.Alice.Market.GetPriceAsync("H100-SXM5-80G", "eu-west", cancellationToken: ct);
Console.WriteLine($"price index H100-SXM5-80G / eu-west: last {ExampleSession.Usdc(index.LastPrice)}, time-weighted average {ExampleSession.Usdc(index.Average)}");
ExampleSession.Expect(index.LastPrice == ExampleSession.Usdc("2.55"), "the last fill set the index's last price");
