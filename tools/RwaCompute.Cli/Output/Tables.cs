using System.Globalization;
using RwaCompute.Cli.Output.Views;
using RwaCompute.Cli.Parsing;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace RwaCompute.Cli.Output;

/// <summary>The tables <c>rwa</c> prints for people. Every cell is plain text (escaped), so values never become
/// markup.</summary>
internal static class Tables
{
    public static Table Lots(IEnumerable<LotView> lots)
    {
        var table = New("Lots", "Lot", "GPU", "Region", "Pool", "Window (UTC)", "Price/GPU-h", "SLA uptime", "Issued", "Outstanding");
        foreach (var lot in lots)
        {
            Row(table, Short(lot.LotId), lot.GpuModel, lot.Region, lot.PoolLabel ?? lot.PoolId, $"{Date(lot.StartsAt)} → {Date(lot.EndsAt)}", lot.Currency is { } c ? Money(lot.ReferencePrice, c) : Group(lot.ReferencePrice), Bps(lot.SlaUptimeBps), Number(lot.UnitsIssued), Number(lot.UnitsOutstanding));
        }

        return table;
    }

    public static Table Lot(LotView lot)
    {
        var table = New("Lot " + lot.LotId, "Field", "Value");
        Row(table, "Lot id", lot.LotId);
        Row(table, "Provider", lot.Provider);
        Row(table, "Pool", lot.PoolLabel ?? lot.PoolId);
        Row(table, "GPU model", lot.GpuModel);
        Row(table, "Region", lot.Region);
        Row(table, "Delivery window", $"{Time(lot.StartsAt)} → {Time(lot.EndsAt)}");
        Row(table, "Reference price", $"{(lot.Currency is { } currency ? Money(lot.ReferencePrice, currency) : Group(lot.ReferencePrice))} per GPU-hour ({lot.ReferencePriceBaseUnits} base units)");
        Row(table, "SLA uptime", Bps(lot.SlaUptimeBps));
        Row(table, "Bond coverage", $"{Bps(lot.BondCoverageBps)} of the reference price ({(lot.Currency is { } cover ? Money(lot.UnitCover, cover) : Group(lot.UnitCover))} per unit)");
        Row(table, "Metadata hash", lot.MetadataHash);
        Row(table, "Energy", lot.EnergyWhPerGpuHour.ToString(CultureInfo.InvariantCulture) + " Wh per GPU-hour");
        Row(table, "Units issued", Number(lot.UnitsIssued));
        Row(table, "Units redeemed", Number(lot.UnitsBurned));
        Row(table, "Units outstanding", Number(lot.UnitsOutstanding));
        if (lot.Interruptible is { } curtailable)
        {
            var money = (string amount) => lot.Currency is { } c ? Money(amount, c) : Group(amount);
            Row(table, "Class", $"interruptible: up to {Bps(curtailable.MaxCurtailBps)} of {Number(curtailable.CapacityUnits)} GPU-hours may be curtailed, refunded at {money(curtailable.RefundPerCurtailedHour)} per curtailed hour");
            Row(table, "Worst case per unit", $"{money(curtailable.WorstCaseValue)} ({Bps(curtailable.MaxDiscountBps)} below the reference price)");
            Row(table, "Refund cover", $"{money(curtailable.CurtailCover)} per issued unit, bonded until finalization");
            Row(table, "Curtailed so far", $"{Number(curtailable.AttributedHours)} GPU-hours; refund {money(curtailable.RefundPerUnit)} per unit{(curtailable.Finalized ? " (final)" : " so far")}");
        }

        return table;
    }

    public static Table Holders(IEnumerable<HolderView> holders, string? lotId)
    {
        var table = New(lotId is null ? "Holders" : "Holders of " + Short(lotId), "Account", "Address", "Units", "Locked", "Wallet balance", "Claimable in escrow");
        foreach (var holder in holders)
        {
            Row(table, holder.Name, holder.Address, holder.Units, holder.LockedUnits, Money(holder.Balance, holder.Currency), Money(holder.Claimable, holder.Currency));
        }

        return table;
    }

    public static Table EscrowPositions(IEnumerable<OfferView> offers, IEnumerable<PledgeView> pledges, IEnumerable<RedemptionView> redemptions, Func<string, string> name)
    {
        var table = New("Escrow positions", "Kind", "Id", "Account", "Lot", "Units", "Terms", "Status");
        foreach (var offer in offers)
        {
            var terms = offer.Kind == "Auction"
                ? $"auction {Group(offer.StartPrice)} → {Money(offer.FloorPrice, offer.Currency)}/unit, now {Group(offer.PricePerUnit)}, ends {Date(offer.EndsAt)}"
                : $"{Money(offer.PricePerUnit, offer.Currency)}/unit, expires {Date(offer.ExpiresAt)}";
            Row(table, offer.Kind == "Auction" ? "auction" : "offer", offer.OfferId, name(offer.Seller), Short(offer.LotId), Number(offer.UnitsRemaining) + " left", terms, offer.Status);
        }

        foreach (var pledge in pledges)
        {
            var terms = $"{Group(pledge.Principal)} + {Money(pledge.Fee, pledge.Currency)} by {Date(pledge.Maturity)}";
            if (pledge.Auction is { } auction)
            {
                terms += $"; collateral auction {Group(auction.StartPrice)} → {Money(auction.FloorPrice, pledge.Currency)}/unit, {Number(auction.UnitsLeft)} left, {Money(auction.PaidToLender, pledge.Currency)} to the lender, ends {Date(auction.EndsAt)}";
            }

            Row(table, "pledge", pledge.PledgeId, $"{name(pledge.Holder)} ← {name(pledge.Lender)}", Short(pledge.LotId), Number(pledge.Units), terms, pledge.Status);
        }

        foreach (var redemption in redemptions)
        {
            Row(table, "redemption", redemption.RedemptionId, name(redemption.Holder), Short(redemption.LotId), Number(redemption.Units), $"{Money(redemption.Reserved, redemption.Currency)} reserved, deadline {Date(redemption.Deadline)}", redemption.Status);
        }

        return table;
    }

    public static Table Utilization(IEnumerable<ReportView> reports)
    {
        var table = New("Latest utilization", "Pool", "Epoch", "Utilization", "Uptime", "Delivered GPU-h", "Energy (kWh)", "Signers", "Observed (UTC)");
        foreach (var report in reports)
        {
            Row(table, report.PoolLabel ?? report.PoolId, report.Epoch.ToString(CultureInfo.InvariantCulture), Bps(report.UtilizationBps), Bps(report.UptimeBps), Number(report.DeliveredGpuHours), Number(report.EnergyKwh), report.Signers.ToString(CultureInfo.InvariantCulture), Time(report.ObservedAt));
        }

        return table;
    }

    public static Table Contracts(IEnumerable<ContractView> contracts)
    {
        var table = New("Contracts", "Contract", "Address", "Deploy tx", "Block", "Code");
        foreach (var contract in contracts)
        {
            var code = contract.CodeMatches switch { true => "matches manifest", false => "MISMATCH", null => contract.External ? "external" : "-" };
            Row(table, contract.Name, contract.Address, contract.TransactionHash ?? (contract.External ? "(external)" : "-"), contract.BlockNumber?.ToString(CultureInfo.InvariantCulture) ?? "-", code);
        }

        return table;
    }

    public static Table Roles(IEnumerable<RoleView> roles)
    {
        var table = New("Roles", "Contract", "Role", "Account", "Held");
        foreach (var role in roles)
        {
            Row(table, role.Contract, role.Role, role.Account, role.Held switch { true => "yes", false => "NO", null => "-" });
        }

        return table;
    }

    public static Table RoleHolders(IEnumerable<RoleHoldersView> roles)
    {
        var table = New("Roles", "Contract", "Role", "Id", "Admin role", "Holders");
        foreach (var role in roles)
        {
            Row(table, role.Contract, role.Role, role.RoleId, role.AdminRole, role.Holders.Count == 0 ? "-" : string.Join("\n", role.Holders));
        }

        return table;
    }

    public static Table Admins(IEnumerable<AdminView> admins)
    {
        var table = New("Default admins", "Contract", "Admin", "Pending admin", "Acceptable after (UTC)", "Delay");
        foreach (var admin in admins)
        {
            var after = admin.PendingSchedule is { } schedule ? Time(schedule) + (admin.PendingAcceptable == true ? " (now)" : string.Empty) : "-";
            Row(table, admin.Contract, admin.Admin, admin.PendingAdmin ?? "-", after, Seconds(ulong.Parse(admin.DelaySeconds, CultureInfo.InvariantCulture)));
        }

        return table;
    }

    public static string Seconds(ulong seconds) => seconds.ToString(CultureInfo.InvariantCulture) + " s" + (seconds >= 3600 ? $" ({TimeSpan.FromSeconds(seconds).ToString(seconds >= 86400 ? @"d\d\ hh\:mm" : @"hh\:mm", CultureInfo.InvariantCulture)})" : string.Empty);

    public static Table KeyValues(string title, IEnumerable<(string Key, string Value)> rows)
    {
        var table = New(title, "Field", "Value");
        foreach (var (key, value) in rows)
        {
            Row(table, key, value);
        }

        return table;
    }

    /// <summary>The escrow's solvency in one currency, for people: <c>1,200 USDC held, 1,150 USDC owed (credits 50 +
    /// bonds 1,100, 20 reserved): solvent</c>.</summary>
    /// <param name="solvency">The view.</param>
    /// <returns>The text.</returns>
    public static string Solvency(SolvencyView solvency)
    {
        ArgumentNullException.ThrowIfNull(solvency);
        var c = solvency.Currency;
        return $"{Money(solvency.Balance, c)} held, {Money(solvency.Obligations, c)} owed (credits {Group(solvency.Credits)} + bonds {Group(solvency.Bonds)}, {Group(solvency.Reserved)} reserved): {(solvency.Solvent ? "solvent" : "INSOLVENT")}";
    }

    /// <summary>A view's plain amount with thousands separators, for people.</summary>
    /// <param name="plain">The exact decimal text.</param>
    /// <returns>The grouped text.</returns>
    public static string Group(string plain) => DecimalAmount.Group(plain);

    /// <summary>A view's plain amount with thousands separators and its currency, for people: <c>1,234.5 EURC</c>.</summary>
    /// <param name="plain">The exact decimal text.</param>
    /// <param name="currency">The currency it is in.</param>
    /// <returns>The text.</returns>
    public static string Money(string plain, CurrencyRefView currency) =>
        $"{DecimalAmount.Group(plain)} {currency.Symbol ?? $"{currency.Address[..6]}…{currency.Address[^4..]}"}";

    public static string Bps(int bps) => (bps / 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static string Number(ulong value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Short(string lotId) => LotIdText.Short(LotIdText.Parse(lotId, "lot"));

    private static Table New(string title, params string[] columns)
    {
        var table = new Table { Title = new TableTitle(Markup.Escape(title)), Border = TableBorder.Rounded };
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column)));
        }

        return table;
    }

    private static void Row(Table table, params string[] cells) =>
        table.AddRow(cells.Select(cell => (IRenderable)new Text(cell)).ToArray());
}
