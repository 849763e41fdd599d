using System.Numerics;
using RwaCompute.Cli.Parsing;
using Xunit;

namespace RwaCompute.Cli.Tests.Commands;

public sealed class ParsingTests
{
    private static readonly SettlementCurrency Usdc = new("0x0000000000000000000000000000000000000001", 6, "USDC");
    private static readonly SettlementCurrency Eurc = new("0x0000000000000000000000000000000000000002", 6, "EURC");
    private static readonly SettlementCurrency Dai = new("0x0000000000000000000000000000000000000003", 18, "DAI");
    private static readonly SettlementCurrency NoSymbol = new("0x0000000000000000000000000000000000000004", 2, null);

    [Theory]
    [InlineData("12.5", 12_500_000)]
    [InlineData("0.000001", 1)]
    [InlineData("3", 3_000_000)]
    [InlineData("12500000base", 12_500_000)]
    [InlineData("7usdc", 7_000_000)]
    [InlineData("7 USDC", 7_000_000)]
    [InlineData("1.123456", 1_123_456)]
    [InlineData("1.1234560", 1_123_456)]
    public void AmountText_InSixDecimals_IsExact(string text, long expected) =>
        Assert.Equal(new BigInteger(expected), AmountText.Parse(text, "--amount").In(Usdc));

    [Fact]
    public void AmountText_IsReadInTheCurrencysOwnDecimals()
    {
        var price = AmountText.Parse("2.6", "--price");

        Assert.Equal(new BigInteger(2_600_000), price.In(Eurc));
        Assert.Equal(BigInteger.Parse("2600000000000000000", System.Globalization.CultureInfo.InvariantCulture), price.In(Dai));
        Assert.Equal(new BigInteger(260), price.In(NoSymbol));

        // Eighteen decimals fit an 18-decimal coin; the 'base' suffix is the same number of base units in any currency.
        Assert.Equal(BigInteger.One, AmountText.Parse("0.000000000000000001", "--price").In(Dai));
        Assert.Equal(new BigInteger(5), AmountText.Parse("5base", "--price").In(Dai));
        Assert.Equal(new BigInteger(5), AmountText.Parse("5base", "--price").In(Usdc));
    }

    [Theory]
    [InlineData("1.0000001", "has 7 decimals; EURC has 6")]
    [InlineData("2.6usdc", "names usdc, but this settles in EURC")]
    [InlineData("2.6DAI", "names DAI, but this settles in EURC")]
    public void AmountText_RefusesWhatTheCurrencyCannotMean(string text, string reason)
    {
        var amount = AmountText.Parse(text, "--price");

        var error = Assert.Throws<CliInputException>(() => amount.In(Eurc));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal("--price", error.Option);
    }

    [Fact]
    public void AmountText_BeyondUint256_IsRefused()
    {
        var huge = AmountText.Parse(new string('9', 60), "--amount");

        Assert.Throws<CliInputException>(() => huge.In(Dai));
        Assert.Throws<CliInputException>(() => AmountText.Parse(new string('9', 80) + "base", "--amount"));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1e6")]
    [InlineData("1,000")]
    [InlineData("0")]
    [InlineData("0.000")]
    [InlineData("0base")]
    [InlineData("")]
    [InlineData("usdc")]
    [InlineData(".5")]
    [InlineData("1E+6")]
    [InlineData("2.6 US DC")]
    [InlineData("12.5base")]
    public void AmountText_Parse_RejectsBadText(string text) =>
        Assert.Throws<CliInputException>(() => AmountText.Parse(text, "--amount"));

    [Fact]
    public void AmountText_Zero_IsAllowedOnlyWhereAsked()
    {
        Assert.Equal(BigInteger.Zero, AmountText.Parse("0", "--fee", allowZero: true).In(Usdc));
        Assert.Equal(BigInteger.Zero, AmountText.Zero("--fee").In(Dai));
    }

    [Theory]
    [InlineData("1_0")]
    [InlineData("1_000")]
    [InlineData("1,000")]
    [InlineData("1 000")]
    public void R4_UnitsAndAmounts_RefuseSeparatorsAlike(string text)
    {
        Assert.Throws<CliInputException>(() => UnitCount.Parse(text, "units"));
        Assert.Throws<CliInputException>(() => AmountText.Parse(text, "--amount"));
    }

    [Theory]
    [InlineData(12_500_000, 6, "12.5")]
    [InlineData(1, 6, "0.000001")]
    [InlineData(1_234_000_000_000, 6, "1,234,000")]
    [InlineData(1, 18, "0.000000000000000001")]
    [InlineData(123_456, 2, "1,234.56")]
    public void DecimalAmount_Format_RoundTrips(long baseUnits, int decimals, string expected)
    {
        Assert.Equal(expected, DecimalAmount.Format(baseUnits, decimals));
        var currency = new SettlementCurrency("0x0000000000000000000000000000000000000005", decimals, "X");
        Assert.Equal(new BigInteger(baseUnits), AmountText.Parse(DecimalAmount.Plain(baseUnits, decimals), "--amount").In(currency));
    }

    [Theory]
    [InlineData("7d", 7 * 86_400)]
    [InlineData("12h", 12 * 3_600)]
    [InlineData("P1DT1H", 90_000)]
    [InlineData("2w", 14 * 86_400)]
    public void TimeText_Duration_StaysRelativeUntilResolvedAtChainTime(string text, long seconds)
    {
        var parsed = TimeText.Parse(text, "--expires");

        Assert.Equal(TimeSpec.FromNow(TimeSpan.FromSeconds(seconds)), parsed);
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        Assert.Equal(now.AddSeconds(seconds), parsed.ResolveAt(now));
        Assert.Equal(now.AddDays(1).AddSeconds(seconds), parsed.ResolveAt(now.AddDays(1)));
    }

    [Fact]
    public void TimeText_Iso8601_IsAbsoluteWhateverTheChainTime()
    {
        var parsed = TimeText.Parse("2026-12-01T00:00:00Z", "--expires");

        var expected = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(expected, parsed.ResolveAt(DateTimeOffset.UnixEpoch));
        Assert.Equal(expected, parsed.ResolveAt(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000)));
    }

    [Theory]
    [InlineData("0d")]
    [InlineData("P0D")]
    [InlineData("-5d")]
    [InlineData("soon")]
    [InlineData("7y")]
    [InlineData("99999999999999999999999w")]
    [InlineData("3000000000w")]
    [InlineData("P99999999999999D")]
    public void TimeText_Parse_RejectsWithAUsageErrorNotAnOverflow(string text)
    {
        var error = Assert.Throws<CliInputException>(() => TimeText.Parse(text, "--expires"));
        Assert.StartsWith($"--expires: '{text}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("99%", 9_900)]
    [InlineData("99.5%", 9_950)]
    [InlineData("9900", 9_900)]
    public void UnitCount_ParseBps_AcceptsBpsAndPercent(string text, int expected) =>
        Assert.Equal(expected, UnitCount.ParseBps(text, "--sla"));

    [Theory]
    [InlineData("10001")]
    [InlineData("100.01%")]
    [InlineData("99.123%")]
    [InlineData("79228162514264337593543950335%")]
    [InlineData("99999999999999999999999999999999")]
    public void UnitCount_ParseBps_RejectsAboveOneHundredPercentAndThirdDecimals(string text)
    {
        var error = Assert.Throws<CliInputException>(() => UnitCount.ParseBps(text, "--sla"));
        Assert.StartsWith($"--sla: '{text}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnitCount_ParseInteger_FitsTheType()
    {
        Assert.Equal(uint.MaxValue, UnitCount.ParseInteger<uint>("4294967295", "--energy"));
        Assert.Equal(0UL, UnitCount.ParseInteger<ulong>("0", "--delivered", allowZero: true));
        Assert.Contains("too large", Assert.Throws<CliInputException>(() => UnitCount.ParseInteger<uint>("4294967296", "--energy")).Message, StringComparison.Ordinal);
        Assert.Contains("greater than zero", Assert.Throws<CliInputException>(() => UnitCount.ParseInteger<ulong>("0", "--epoch")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LotIdText_HexAndDecimal_RoundTrip()
    {
        var id = (new BigInteger(1_800_000_000) << 216) | 12345;
        Assert.Equal(id, LotIdText.Parse(LotIdText.Format(id), "lot"));
        Assert.Equal(id, LotIdText.Parse(id.ToString(System.Globalization.CultureInfo.InvariantCulture), "lot"));
        Assert.Equal(66, LotIdText.Format(id).Length);
    }
}
