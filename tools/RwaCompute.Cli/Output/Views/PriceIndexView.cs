namespace RwaCompute.Cli.Output.Views;

/// <summary>The market's price index for one (GPU model, region, currency); prices are null before any trade.</summary>
internal sealed record PriceIndexView(string GpuModel, string Region, string Currency, string? LastPriceUsdc, DateTimeOffset? LastTradeAt, string? AveragePriceUsdc, string WindowSeconds);
