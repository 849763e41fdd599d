// Issue-and-sell: a compute provider tokenizes 500 GPU-hours, lists 200 at 2.50 USDC per hour, and a buyer takes
// 120 of them in one delivery-versus-payment transaction. The provider then withdraws the proceeds.
using RwaCompute.Examples;
using RwaCompute.Sdk.Clients;

using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
var ct = cancellation.Token;
await using var session = await ExampleSession.ConnectAsync(ct);
var price = ExampleSession.Usdc("2.5");
var (lotId, _) = await session.IssueLotAsync(units: 500, pricePerUnit: price, ct);

var now = await session.ChainTimeAsync(ct);
var offer = await session.Provider.Market.CreateOfferAsync(lotId, units: 200, pricePerUnit: price, expiresAt: now.AddDays(7), ct);
Console.WriteLine($"offer {offer.Value}: 200 GPU-hours at 2.50 USDC");

// Preflight: the token's own compliance check, as a typed reason code.
var status = await session.Alice.Token.CanTransferAsync(session.Provider.Account!, session.Alice.Account!, lotId, 120, ct);
Console.WriteLine($"canTransfer(provider -> buyer, 120) = {status}");

var paidBefore = await session.Alice.Stablecoin.BalanceOfAsync(session.Alice.Account!, ct);
var purchase = await session.Alice.Market.PurchaseAsync(offer.Value, units: 120, cancellationToken: ct);
Console.WriteLine($"buyer purchased 120 GPU-hours in tx {purchase.TransactionHash} (gas {purchase.GasUsed})");

var units = await session.Alice.Token.BalanceOfAsync(session.Alice.Account!, lotId, ct);
var paid = paidBefore - await session.Alice.Stablecoin.BalanceOfAsync(session.Alice.Account!, ct);
ExampleSession.Expect(units == 120, $"buyer holds {units} GPU-hours of lot {LotIds.ToHex(lotId)}");
ExampleSession.Expect(paid == 120 * price, $"buyer paid {ExampleSession.Usdc(paid)}");
ExampleSession.Expect((await session.Alice.Market.GetOfferAsync(offer.Value, ct)).UnitsRemaining == 80, "80 GPU-hours remain on offer");

var proceeds = await session.Provider.Escrow.WithdrawAsync(cancellationToken: ct);
Console.WriteLine($"provider withdrew {ExampleSession.Usdc(proceeds.Value)} (sales and anything else the escrow owed it)");
ExampleSession.Expect(proceeds.Value >= 120 * price, "provider received the sale proceeds");
