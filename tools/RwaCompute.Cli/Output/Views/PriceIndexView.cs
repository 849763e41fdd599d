namespace RwaCompute.Cli.Output.Views;

/// <summary>The market's price index for one (GPU model, region, currency); prices are null before any trade.</summary>
internal sealed record PriceIndexView(string GpuModel, string Region, CurrencyRefView Currency, string? LastPrice, DateTimeOffset? LastTradeAt, string? AveragePrice, string WindowSeconds);
