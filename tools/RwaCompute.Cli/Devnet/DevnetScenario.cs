using System.Numerics;
using System.Text;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Output.Views;
using RwaCompute.Devnet;
using RwaCompute.Devnet.Anvil;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Oracle;
using RwaCompute.Sdk.Wallets;

namespace RwaCompute.Cli.Devnet;

/// <summary>
/// The story <c>rwa devnet</c> tells on a fresh chain, entirely through the SDK clients: a provider and its pool, the
/// allowlist, a lot of H100 GPU-hours issued against the provider's bond (the escrow pulls it at issuance), an offer,
/// two purchases, a transfer, a pledge funded and repaid, a
/// redemption confirmed by oracle attestation, a redemption refunded for an SLA breach, two pledges left unpaid past
/// maturity (anvil time travel): one whose collateral the lender claims, one whose collateral it auctions (a buyer takes
/// part, the lender is repaid first, the borrower gets the surplus, the unsold rest goes to the lender), a Dutch auction
/// a buyer fills a day in, a signed criteria bid a provider fills, a second lot settled in a second stablecoin
/// (EURC): bonded, sold and paid in EURC, on books the escrow keeps per currency, and an interruptible lot sold at a
/// discount, curtailed for a grid event and refunded to its holders from the bond.
/// </summary>
internal sealed class DevnetScenario
{
    /// <summary>The lot's reference price: 3 USDC per GPU-hour.</summary>
    public static readonly BigInteger Price = 3_000_000;

    private readonly RwaComputeClient admin;
    private readonly AnvilRpc anvil;
    private readonly StepProgress progress;
    private readonly CancellationToken cancellationToken;
    private readonly DevnetAccounts accounts = DevnetAccounts.Standard;
    private readonly List<BigInteger> offers = [];
    private readonly List<BigInteger> pledges = [];
    private readonly List<BigInteger> redemptions = [];

    public DevnetScenario(RwaComputeClient admin, AnvilRpc anvil, StepProgress progress, CancellationToken cancellationToken)
    {
        this.admin = admin;
        this.anvil = anvil;
        this.progress = progress;
        this.cancellationToken = cancellationToken;
    }

    /// <summary>The pool the story's lot is delivered from.</summary>
    public static byte[] PoolId { get; } = Pool("eu-west-h100-a");

    /// <summary>The pool of the interruptible lot (demand response).</summary>
    public static byte[] FlexPoolId { get; } = Pool("eu-west-h100-flex");

    /// <summary>The interruptible lot's terms: 20 % curtailable, 1.50 USDC per curtailed hour, 200 GPU-hours.</summary>
    public static readonly InterruptibleTerms Flex = new(2_000, 1_500_000, 200);

    /// <summary>The pool the devnet's reporter nodes measure (from replayed telemetry).</summary>
    public static byte[] NodePoolId { get; } = Pool("eu-west-h100-b");

    /// <summary>The lot's reference price in the EUR lot: 2.80 EURC per GPU-hour.</summary>
    public static readonly BigInteger EurPrice = 2_800_000;

    /// <summary>The USD lot the story mostly trades.</summary>
    public BigInteger LotId { get; private set; }

    /// <summary>The lot settled in EURC, a second stablecoin.</summary>
    public BigInteger EurLotId { get; private set; }

    /// <summary>The interruptible lot.</summary>
    public BigInteger FlexLotId { get; private set; }

    /// <summary>The lots: USD first, then EUR, then the interruptible one (as far as the story got).</summary>
    public IReadOnlyList<BigInteger> Lots => [.. new[] { LotId, EurLotId, FlexLotId }.Where(id => !id.IsZero)];

    /// <summary>Offer ids created.</summary>
    public IReadOnlyList<BigInteger> Offers => offers;

    /// <summary>Pledge ids created.</summary>
    public IReadOnlyList<BigInteger> Pledges => pledges;

    /// <summary>Redemption ids created.</summary>
    public IReadOnlyList<BigInteger> Redemptions => redemptions;

    /// <summary>The named actors, for the summary.</summary>
    public IReadOnlyList<(string Name, RwaSigner Signer)> Actors =>
    [
        ("admin", accounts.Admin), ("provider", accounts.Provider), ("alice", accounts.Alice), ("bob", accounts.Bob), ("lender", accounts.Lender),
    ];

    /// <summary>Runs the story.</summary>
    /// <returns>Completes when done.</returns>
    public async Task RunAsync()
    {
        var ct = cancellationToken;
        var provider = admin.WithSigner(accounts.Provider);
        var alice = admin.WithSigner(accounts.Alice);
        var bob = admin.WithSigner(accounts.Bob);
        var lender = admin.WithSigner(accounts.Lender);

        await progress.StepAsync("Registered provider and pool eu-west-h100-a", async () =>
        {
            await admin.Token.RegisterProviderAsync(accounts.Provider.Address, ct).ConfigureAwait(false);
            await admin.Token.RegisterPoolAsync(PoolId, accounts.Provider.Address, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);

        await progress.StepAsync("Allowlisted provider, alice, bob and lender", () =>
            admin.Token.SetAllowedBatchAsync([accounts.Provider.Address, accounts.Alice.Address, accounts.Bob.Address, accounts.Lender.Address], true, ct)).ConfigureAwait(false);

        var now = await ChainTimeAsync().ConfigureAwait(false);
        var terms = H100Terms(now, TimeSpan.FromDays(30), Price, "{\"name\":\"H100-SXM5-80G GPU-hours, eu-west-h100-a\",\"gpu\":\"H100-SXM5-80G\",\"region\":\"eu-west\",\"unit\":\"1 GPU-hour\"}");

        // Issuing is bonded: the escrow pulls 1,000 units x 3 USDC x 100 % coverage from the provider, who approves it
        // first.
        LotId = await progress.StepAsync("Issued 1,000 GPU-hours of H100-SXM5-80G (eu-west, 30 days, 3 USDC/h, SLA 99%); the escrow pulled the provider's 3,000 USDC bond", async () =>
        {
            await provider.Stablecoin.ApproveAsync(provider.Escrow.Address, 1_000 * Price, ct).ConfigureAwait(false);
            return (await provider.Token.IssueLotAsync(terms, accounts.Provider.Address, 1_000, ct).ConfigureAwait(false)).Value;
        }).ConfigureAwait(false);

        await progress.StepAsync("Provider offered 600 units at 3 USDC", async () =>
            offers.Add((await provider.Market.CreateOfferAsync(LotId, 600, Price, now.AddDays(7), ct).ConfigureAwait(false)).Value)).ConfigureAwait(false);

        await progress.StepAsync("alice bought 400 units, bob bought 200 (delivery versus payment)", async () =>
        {
            await alice.Market.PurchaseAsync(offers[0], 400, cancellationToken: ct).ConfigureAwait(false);
            await bob.Market.PurchaseAsync(offers[0], 200, cancellationToken: ct).ConfigureAwait(false);
        }).ConfigureAwait(false);

        await progress.StepAsync("alice transferred 10 units to bob", () => alice.Token.TransferAsync(accounts.Bob.Address, LotId, 10, ct)).ConfigureAwait(false);

        // Pledge maturities lie between now + 1 day (the minimum repayment window) and the lot's end - 1 day.
        await progress.StepAsync("alice pledged 100 units for 120 USDC from lender, then repaid 122 USDC", async () =>
        {
            var pledge = (await alice.Lending.RequestPledgeAsync(LotId, 100, accounts.Lender.Address, 120_000_000, 2_000_000, now.AddDays(10), ct).ConfigureAwait(false)).Value;
            pledges.Add(pledge);
            await lender.Lending.FundPledgeAsync(pledge, ct).ConfigureAwait(false);
            await alice.Escrow.WithdrawAsync(cancellationToken: ct).ConfigureAwait(false);
            await alice.Lending.RepayAsync(pledge, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);

        await progress.StepAsync("bob redeemed 50 units; oracle epoch 1 (uptime 99.5%) confirmed the delivery", async () =>
        {
            var redemption = (await bob.Escrow.RedeemAsync(LotId, 50, ct).ConfigureAwait(false)).Value;
            redemptions.Add(redemption);
            await SubmitReportAsync(1, uptimeBps: 9_950, deliveredGpuHours: 100).ConfigureAwait(false);
            await bob.Escrow.ConfirmDeliveryByOracleAsync(redemption, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);

        await progress.StepAsync("alice redeemed 30 units; oracle epoch 2 (uptime 90%) breached the SLA; alice refunded 90 USDC", async () =>
        {
            var redemption = (await alice.Escrow.RedeemAsync(LotId, 30, ct).ConfigureAwait(false)).Value;
            redemptions.Add(redemption);
            await SubmitReportAsync(2, uptimeBps: 9_000, deliveredGpuHours: 140).ConfigureAwait(false);
            await alice.Escrow.ClaimRefundAsync(redemption, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);

        // Two defaults: the lender takes alice's collateral outright, and puts bob's up for a Dutch auction instead, whose
        // proceeds repay it first and leave the surplus to bob.
        await progress.StepAsync("alice pledged 50 units and bob 40, both defaulted; 21 days later the lender claimed alice's and auctioned bob's from 4 down to 2 USDC over 2 days", async () =>
        {
            var claimed = (await alice.Lending.RequestPledgeAsync(LotId, 50, accounts.Lender.Address, 60_000_000, 1_000_000, now.AddDays(20), ct).ConfigureAwait(false)).Value;
            pledges.Add(claimed);
            await lender.Lending.FundPledgeAsync(claimed, ct).ConfigureAwait(false);
            var auctioned = (await bob.Lending.RequestPledgeAsync(LotId, 40, accounts.Lender.Address, 50_000_000, 1_000_000, now.AddDays(20), ct).ConfigureAwait(false)).Value;
            pledges.Add(auctioned);
            await lender.Lending.FundPledgeAsync(auctioned, ct).ConfigureAwait(false);
            await anvil.IncreaseTimeAsync(TimeSpan.FromDays(21), ct).ConfigureAwait(false);
            await lender.Lending.ClaimCollateralAsync(claimed, ct).ConfigureAwait(false);
            await lender.Lending.StartCollateralAuctionAsync(auctioned, 4_000_000, 2_000_000, TimeSpan.FromDays(2), ct).ConfigureAwait(false);
        }).ConfigureAwait(false);

        // Perishable capacity: a Dutch auction whose price falls from 4 to 2 USDC over two days; a day in, the lender
        // pays the price of its block (about 3 USDC), which also moves the market's price index.
        await progress.StepAsync("Provider auctioned 200 units from 4 down to 2 USDC over 2 days; a day later lender bought 50 at about 3 USDC", async () =>
        {
            var auctionStart = await admin.GetChainTimeAsync(ct).ConfigureAwait(false);
            offers.Add((await provider.Market.CreateAuctionAsync(LotId, 200, 4_000_000, 2_000_000, auctionStart, auctionStart.AddDays(2), ct).ConfigureAwait(false)).Value);
            await anvil.IncreaseTimeAsync(TimeSpan.FromDays(1), ct).ConfigureAwait(false);
            await lender.Market.PurchaseAsync(offers[^1], 50, cancellationToken: ct).ConfigureAwait(false);
        }).ConfigureAwait(false);

        await progress.StepAsync("alice bought 30 units of bob's defaulted collateral at about 3 USDC: 51 USDC repaid the lender, the rest went to bob", () =>
            alice.Lending.BuyCollateralAsync(pledges[^1], 30, cancellationToken: ct)).ConfigureAwait(false);

        // An off-chain order book: bob signs a criteria bid naming no lot ("H100 GPU-hours in eu-west, SLA >= 99 %, at
        // 3.10 USDC"); the provider fills it with units of its lot, on chain, delivery versus payment.
        await progress.StepAsync("bob signed a criteria bid (100 H100-SXM5-80G GPU-hours in eu-west, SLA >= 99%, bond >= 3 USDC per unit, at 3.10 USDC); the provider filled 50 from its lot", async () =>
        {
            var bidExpiry = (await admin.GetChainTimeAsync(ct).ConfigureAwait(false)).AddDays(1);
            var bid = await bob.Market.SignBidAsync(new Sdk.Orders.BidCriteria { GpuModel = "H100-SXM5-80G", Region = "eu-west", MinSlaBps = 9_900, MinUnitCover = 3_000_000, PricePerUnit = 3_100_000, Units = 100, Expiry = bidExpiry }, ct).ConfigureAwait(false);
            var fromJson = Sdk.Orders.SignedOrder.Parse(bid.ToJson());
            await provider.Market.FillBidAsync(fromJson, LotId, 50, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);

        await progress.StepAsync("The collateral auction ended; anyone settled it and its 10 unsold units went to the lender", async () =>
        {
            await anvil.IncreaseTimeAsync(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1), ct).ConfigureAwait(false);
            await bob.Lending.SettleCollateralAuctionAsync(pledges[^1], ct).ConfigureAwait(false);
        }).ConfigureAwait(false);

        await progress.StepAsync("Oracle epoch 3 submitted (3 of 3 reporters, quorum 2)", () => SubmitReportAsync(3, uptimeBps: 9_960, deliveredGpuHours: 820)).ConfigureAwait(false);

        await RunEurLotAsync(provider, alice).ConfigureAwait(false);
        await RunInterruptibleLotAsync(provider, alice, bob).ConfigureAwait(false);
    }

    /// <summary>Demand response: an interruptible lot (20 % of its 200 GPU-hours curtailable, 1.50 USDC refunded per
    /// curtailed hour) bonded with its refund cover, sold below the firm price, curtailed for a grid event that the
    /// oracle reports, finalized after its window and refunded pro rata to its holders and a delivered
    /// redemption.</summary>
    private async Task RunInterruptibleLotAsync(RwaComputeClient provider, RwaComputeClient alice, RwaComputeClient bob)
    {
        var ct = cancellationToken;
        var now = await ChainTimeAsync().ConfigureAwait(false);
        var terms = H100Terms(now.AddHours(1), TimeSpan.FromDays(5), Price, "{\"name\":\"Interruptible H100-SXM5-80G GPU-hours, eu-west-h100-flex\",\"gpu\":\"H100-SXM5-80G\",\"region\":\"eu-west\",\"unit\":\"1 GPU-hour\",\"interruptible\":{\"maxCurtailBps\":2000,\"refundPerCurtailedHour\":\"1.5 USDC\",\"capacityUnits\":200}}") with { PoolId = FlexPoolId };
        FlexLotId = await progress.StepAsync("Declared and issued an interruptible lot: 200 GPU-hours (eu-west-h100-flex, 5 days, 3 USDC/h), up to 20% curtailable at 1.50 USDC per curtailed hour; the escrow pulled 660 USDC (the units' cover plus 0.30 USDC of refund cover each)", async () =>
        {
            await admin.Token.RegisterPoolAsync(FlexPoolId, accounts.Provider.Address, ct).ConfigureAwait(false);
            await provider.Stablecoin.ApproveAsync(provider.Escrow.Address, 200 * (Price + Flex.CurtailCover), ct).ConfigureAwait(false);
            return (await provider.Curtailment.IssueInterruptibleLotAsync(terms, Flex, accounts.Provider.Address, 200, ct).ConfigureAwait(false)).Value;
        }).ConfigureAwait(false);

        await progress.StepAsync("Provider offered 150 interruptible units at 2.55 USDC (worst case 2.70: 10% below the firm 3 USDC); alice bought 100, bob 50", async () =>
        {
            offers.Add((await provider.Market.CreateOfferAsync(FlexLotId, 150, 2_550_000, now.AddDays(5), ct).ConfigureAwait(false)).Value);
            await alice.Market.PurchaseAsync(offers[^1], 100, cancellationToken: ct).ConfigureAwait(false);
            await bob.Market.PurchaseAsync(offers[^1], 50, cancellationToken: ct).ConfigureAwait(false);
        }).ConfigureAwait(false);

        await progress.StepAsync("bob redeemed his 50 interruptible units and confirmed their delivery; a grid event: the pool curtailed 12 GPU-hours, reported (flex epoch 2) and synced against the lot", async () =>
        {
            await anvil.IncreaseTimeAsync(TimeSpan.FromMinutes(1), ct).ConfigureAwait(false);
            await SubmitReportAsync(FlexPoolId, 1, uptimeBps: 10_000, deliveredGpuHours: 1, curtailedGpuHours: 0).ConfigureAwait(false);
            await bob.Curtailment.SyncAsync(FlexPoolId, ct).ConfigureAwait(false);
            await anvil.IncreaseTimeAsync(TimeSpan.FromHours(2), ct).ConfigureAwait(false);
            var redemption = (await bob.Escrow.RedeemAsync(FlexLotId, 50, ct).ConfigureAwait(false)).Value;
            redemptions.Add(redemption);
            await bob.Escrow.ConfirmDeliveryAsync(redemption, ct).ConfigureAwait(false);
            await anvil.IncreaseTimeAsync(TimeSpan.FromDays(1), ct).ConfigureAwait(false);
            await SubmitReportAsync(FlexPoolId, 2, uptimeBps: 10_000, deliveredGpuHours: 60, curtailedGpuHours: 12).ConfigureAwait(false);
            await bob.Curtailment.SyncAsync(FlexPoolId, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);

        await progress.StepAsync("After the window (flex epoch 3) the lot was finalized: 12 h x 1.50 = 18 USDC reserved for the holders; alice claimed 9, bob's delivered redemption 4.50, the provider 4.50 for its 50 units", async () =>
        {
            await anvil.IncreaseTimeAsync(TimeSpan.FromDays(5), ct).ConfigureAwait(false);
            await SubmitReportAsync(FlexPoolId, 3, uptimeBps: 10_000, deliveredGpuHours: 200, curtailedGpuHours: 12).ConfigureAwait(false);
            await bob.Curtailment.SyncAsync(FlexPoolId, ct).ConfigureAwait(false);
            await bob.Curtailment.FinalizeAsync(FlexLotId, ct).ConfigureAwait(false);
            await bob.Curtailment.ClaimAsync(FlexLotId, accounts.Alice.Address, ct).ConfigureAwait(false);
            await bob.Curtailment.ClaimRedeemedAsync(redemptions[^1], ct).ConfigureAwait(false);
            await provider.Curtailment.ClaimAsync(FlexLotId, cancellationToken: ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>Settlement across currencies: a second stablecoin (EURC, 6 decimals) accepted by the escrow, a lot that
    /// settles in it, bonded, sold and paid in EURC; the escrow keeps its books and its solvency per currency.</summary>
    private async Task RunEurLotAsync(RwaComputeClient provider, RwaComputeClient alice)
    {
        var ct = cancellationToken;
        var eurc = await progress.StepAsync("Deployed EURC (a second mock stablecoin, 6 decimals), funded provider and alice with 10,000 EURC; the escrow accepted it for new lots", async () =>
        {
            var address = await DevnetSuite.DeployMockStablecoinAsync(admin.Rpc.Endpoint, "EUR Coin (test)", "EURC", 6, 10_000_000_000, [accounts.Provider.Address, accounts.Alice.Address], accounts, ct).ConfigureAwait(false);
            await admin.Escrow.SetCurrencyAcceptedAsync(address, true, ct).ConfigureAwait(false);
            return address;
        }).ConfigureAwait(false);

        var now = await ChainTimeAsync().ConfigureAwait(false);
        var terms = H100Terms(now, TimeSpan.FromDays(20), EurPrice, "{\"name\":\"H100-SXM5-80G GPU-hours settled in EURC, eu-west-h100-a\",\"gpu\":\"H100-SXM5-80G\",\"region\":\"eu-west\",\"unit\":\"1 GPU-hour\",\"currency\":\"EURC\"}") with { Currency = eurc };
        EurLotId = await progress.StepAsync("Issued 200 GPU-hours of H100-SXM5-80G settled in EURC (eu-west, 20 days, 2.80 EURC/h); the escrow pulled a 560 EURC bond", async () =>
        {
            await provider.Stablecoin.For(eurc).ApproveAsync(provider.Escrow.Address, 200 * EurPrice, ct).ConfigureAwait(false);
            return (await provider.Token.IssueLotAsync(terms, accounts.Provider.Address, 200, ct).ConfigureAwait(false)).Value;
        }).ConfigureAwait(false);

        await progress.StepAsync("Provider offered 100 units of the EUR lot at 2.80 EURC; alice bought 40 and paid 112 EURC", async () =>
        {
            offers.Add((await provider.Market.CreateOfferAsync(EurLotId, 100, EurPrice, now.AddDays(7), ct).ConfigureAwait(false)).Value);
            await alice.Market.PurchaseAsync(offers[^1], 40, cancellationToken: ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>Reads everything the summary shows.</summary>
    /// <param name="rpcUrl">The node.</param>
    /// <param name="manifestPath">The manifest.</param>
    /// <param name="elapsed">The wall time so far.</param>
    /// <returns>The summary.</returns>
    public async Task<DevnetSummaryView> SummarizeAsync(string rpcUrl, string manifestPath, TimeSpan elapsed)
    {
        var ct = cancellationToken;
        var now = await ChainTimeAsync().ConfigureAwait(false);
        var currencies = new CurrencyBook(admin);
        var lots = new List<LotView>();
        foreach (var id in Lots)
        {
            var lot = await admin.Token.GetLotAsync(id, ct).ConfigureAwait(false);
            var currency = await currencies.OfLotAsync(id, ct).ConfigureAwait(false);
            var view = ViewFactory.Lot(lot, currency);
            lots.Add(await admin.Curtailment.GetInterruptibleAsync(id, ct).ConfigureAwait(false) is { } interruptible
                ? view with { Interruptible = ViewFactory.Interruptible(interruptible, lot, currency) }
                : view);
        }

        var usd = await currencies.OfLotAsync(LotId, ct).ConfigureAwait(false);
        var holders = new List<HolderView>();
        foreach (var (name, signer) in Actors)
        {
            var units = await admin.Token.BalanceOfAsync(signer.Address, LotId, ct).ConfigureAwait(false);
            var locked = await admin.Token.LockedBalanceOfAsync(signer.Address, LotId, ct).ConfigureAwait(false);
            var balance = await admin.Stablecoin.For(usd.Address).BalanceOfAsync(signer.Address, ct).ConfigureAwait(false);
            var claimable = await admin.Escrow.ClaimableAsync(signer.Address, usd.Address, ct).ConfigureAwait(false);
            holders.Add(new HolderView(name, signer.Address, units.ToString(System.Globalization.CultureInfo.InvariantCulture), locked.ToString(System.Globalization.CultureInfo.InvariantCulture), usd.Plain(balance), usd.Plain(claimable), usd.View()));
        }

        var offerViews = new List<OfferView>();
        foreach (var id in offers)
        {
            var offer = await admin.Market.GetOfferAsync(id, ct).ConfigureAwait(false);
            offerViews.Add(ViewFactory.Offer(offer, now, await currencies.OfLotAsync(offer.LotId, ct).ConfigureAwait(false)));
        }

        var prices = new List<PriceIndexView>();
        foreach (var id in Lots.Where(id => id != FlexLotId))
        {
            var currency = await currencies.OfLotAsync(id, ct).ConfigureAwait(false);
            prices.Add(ViewFactory.Price(await admin.Market.GetPriceAsync(lots[0].GpuModel, lots[0].Region, currency.Address, ct).ConfigureAwait(false), currency));
        }

        var pledgeViews = new List<PledgeView>();
        foreach (var id in pledges)
        {
            var pledge = await admin.Lending.GetPledgeAsync(id, ct).ConfigureAwait(false);
            pledgeViews.Add(ViewFactory.Pledge(pledge, await currencies.OfLotAsync(pledge.LotId, ct).ConfigureAwait(false), await admin.Lending.GetCollateralAuctionAsync(id, ct).ConfigureAwait(false), now));
        }

        var redemptionViews = new List<RedemptionView>();
        foreach (var id in redemptions)
        {
            var redemption = await admin.Escrow.GetRedemptionAsync(id, ct).ConfigureAwait(false);
            redemptionViews.Add(ViewFactory.Redemption(redemption, await currencies.OfLotAsync(redemption.LotId, ct).ConfigureAwait(false)));
        }

        var report = ViewFactory.Report(await admin.Oracle.LatestAsync(PoolId, ct).ConfigureAwait(false));
        var solvency = await currencies.SolvencyAsync(await currencies.ListedAsync(ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        return new DevnetSummaryView(rpcUrl, admin.ChainId, manifestPath, lots, holders, offerViews, prices, pledgeViews, redemptionViews, [report], solvency, (long)elapsed.TotalMilliseconds);
    }

    /// <summary>The provider's H100 terms in eu-west (SLA 99 %, fully bonded, 700 Wh per GPU-hour) from now.</summary>
    private LotTerms H100Terms(DateTimeOffset now, TimeSpan window, BigInteger price, string metadata) => new()
    {
        Provider = accounts.Provider.Address,
        PoolId = PoolId,
        GpuModel = "H100-SXM5-80G",
        Region = "eu-west",
        StartsAt = now,
        EndsAt = now + window,
        ReferencePrice = price,
        SlaUptimeBps = 9_900,
        BondCoverageBps = 10_000,
        EnergyWhPerGpuHour = 700,
        MetadataHash = LotTerms.HashMetadata(metadata),
    };

    private static byte[] Pool(string label)
    {
        var bytes = new byte[32];
        Encoding.ASCII.GetBytes(label).CopyTo(bytes, 0);
        return bytes;
    }

    /// <summary>One oracle round: three reporters measure slightly different values (cumulative delivered GPU-hours
    /// and energy), aggregate them into one report (the medians), all sign it, and it is submitted.</summary>
    private Task SubmitReportAsync(ulong epoch, ushort uptimeBps, ulong deliveredGpuHours) =>
        SubmitReportAsync(PoolId, epoch, uptimeBps, deliveredGpuHours, curtailedGpuHours: 0);

    /// <summary>One oracle round for <paramref name="poolId"/> (delivered GPU-hours at least 1: the reporters'
    /// readings spread around it); the reporters agree on the cumulative curtailed GPU-hours.</summary>
    private async Task SubmitReportAsync(byte[] poolId, ulong epoch, ushort uptimeBps, ulong deliveredGpuHours, ulong curtailedGpuHours)
    {
        var observedAt = (ulong)(await ChainTimeAsync().ConfigureAwait(false)).ToUnixTimeSeconds();
        var round = accounts.Reporters
            .Select((reporter, i) => (reporter, new UtilizationObservation((ushort)(8_600 + (i * 100)), (ushort)Math.Min(10_000, uptimeBps - 10 + (i * 10)), deliveredGpuHours - 1 + (ulong)i, (560 * epoch) + (ulong)i, curtailedGpuHours, observedAt)))
            .ToList();
        await admin.Oracle.ReportRoundAsync(poolId, epoch, round, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DateTimeOffset> ChainTimeAsync()
    {
        var block = await admin.Rpc.GetBlockAsync(Nethereum.RPC.Eth.DTOs.BlockParameter.CreateLatest(), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The node returned no latest block.");
        return DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value);
    }
}
