using System.Numerics;
using System.Text;
using System.Text.Json;
using Nethereum.Signer.EIP712;
using Nethereum.Util;
using RwaCompute.Sdk.Oracle;
using Xunit;

namespace RwaCompute.Sdk.Tests.Oracle;

public sealed class ReportDigestTests
{
    /// <summary>
    /// The oracle anvil's account 0 deploys first (nonce 0) on chain 31337 with reporters
    /// [account 1, account 2], quorum 1 (configVersion 1). The vectors below were read from that deployment with
    /// <c>cast call</c> (<c>DOMAIN_SEPARATOR()</c>, <c>REPORT_TYPEHASH()</c>, <c>reportDigest(...)</c>).
    /// </summary>
    private static readonly OracleDomain AnvilDomain = new(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3");

    [Fact]
    public void ReportType_HashesToTheContractsReportTypehash()
    {
        var hash = Sha3Keccack.Current.CalculateHash(Encoding.UTF8.GetBytes(ReportDigest.ReportType));

        Assert.Equal("260fbd22d0d6af67c1231ba69ea3226e666318842de6d0b9c2e965d0beb94e1e", Convert.ToHexStringLower(hash));
    }

    [Fact]
    public void DomainSeparator_MatchesTheDeployedOracle()
    {
        var separator = ReportDigest.DomainSeparator(AnvilDomain);

        Assert.Equal("439282cce27a0d8622ea8e3e2cb005d49e811c8df64ebcc48b5742554a530c4c", Convert.ToHexStringLower(separator));
    }

    [Fact]
    public void DomainSeparator_IgnoresAddressCase()
    {
        var lower = ReportDigest.DomainSeparator(AnvilDomain with { OracleAddress = AnvilDomain.OracleAddress.ToLowerInvariant() });

        Assert.Equal(ReportDigest.DomainSeparator(AnvilDomain), lower);
    }

    public static TheoryData<string, ulong, UtilizationObservation, string> ContractVectors => new()
    {
        {
            new string('0', 64), 1, new UtilizationObservation(0, 0, 0, 0, 0),
            "4d8f6e75ac40a1ea8b3c11535070e5a4bc3f08929bc452d90449d858703a94e7"
        },
        {
            "706f6f6c2d31" + new string('0', 52), 42, new UtilizationObservation(7500, 9990, 1_234_567, 89_012, 1_700_000_000),
            "00bdeef024041d02973a27d415216b3af9a2ef42bed05392283c4b43448ec8a4"
        },
        {
            new string('f', 64), ulong.MaxValue, new UtilizationObservation(ushort.MaxValue, ushort.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue),
            "98c8148e176524e8d8172765af98fd98df79f19ae78f4cf35733d5474059d074"
        },
    };

    [Theory]
    [MemberData(nameof(ContractVectors))]
    public void Compute_MatchesTheContractsReportDigest(string poolIdHex, ulong epoch, UtilizationObservation observation, string expected)
    {
        var digest = ReportDigest.Compute(AnvilDomain, Convert.FromHexString(poolIdHex), epoch, observation, 1);

        Assert.Equal(expected, Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void Compute_RandomInputs_MatchesNethereumsEip712Encoder()
    {
        // An independent implementation: Nethereum's eth_signTypedData_v4 encoder over the same typed data as JSON.
        var random = new Random(712);
        for (var i = 0; i < 50; i++)
        {
            var (domain, poolId, epoch, observation, version) = RandomInput(random);

            var expected = Sha3Keccack.Current.CalculateHash(
                new Eip712TypedDataSigner().EncodeTypedData(TypedDataJson(domain, poolId, epoch, observation, version)));

            Assert.Equal(Convert.ToHexStringLower(expected), Convert.ToHexStringLower(ReportDigest.Compute(domain, poolId, epoch, observation, version)));
        }
    }

    [Fact]
    public void Compute_ChangingAnyField_ChangesTheDigest()
    {
        var random = new Random(4242);
        for (var i = 0; i < 100; i++)
        {
            var (domain, poolId, epoch, o, version) = RandomInput(random);
            var baseline = Convert.ToHexStringLower(ReportDigest.Compute(domain, poolId, epoch, o, version));
            var otherPool = (byte[])poolId.Clone();
            otherPool[random.Next(32)] ^= (byte)(1 << random.Next(8));

            var variants = new[]
            {
                ReportDigest.Compute(domain with { ChainId = domain.ChainId + 1 }, poolId, epoch, o, version),
                ReportDigest.Compute(domain with { OracleAddress = FlipAddressBit(domain.OracleAddress, random) }, poolId, epoch, o, version),
                ReportDigest.Compute(domain, otherPool, epoch, o, version),
                ReportDigest.Compute(domain, poolId, epoch ^ Bit(random, 64), o, version),
                ReportDigest.Compute(domain, poolId, epoch, o with { UtilizationBps = (ushort)(o.UtilizationBps ^ Bit(random, 16)) }, version),
                ReportDigest.Compute(domain, poolId, epoch, o with { UptimeBps = (ushort)(o.UptimeBps ^ Bit(random, 16)) }, version),
                ReportDigest.Compute(domain, poolId, epoch, o with { DeliveredGpuHours = o.DeliveredGpuHours ^ Bit(random, 64) }, version),
                ReportDigest.Compute(domain, poolId, epoch, o with { EnergyKwh = o.EnergyKwh ^ Bit(random, 64) }, version),
                ReportDigest.Compute(domain, poolId, epoch, o with { ObservedAt = o.ObservedAt ^ Bit(random, 64) }, version),
                ReportDigest.Compute(domain, poolId, epoch, o, version ^ (uint)Bit(random, 32)),
            };

            var distinct = variants.Select(Convert.ToHexStringLower).Append(baseline).Distinct().Count();
            Assert.Equal(variants.Length + 1, distinct);
        }
    }

    [Fact]
    public void Compute_SwappingFieldValues_ChangesTheDigest()
    {
        // Fields are positional: the same numbers in other fields must not collide.
        var poolId = new byte[32];
        var a = ReportDigest.Compute(AnvilDomain, poolId, 1, new UtilizationObservation(1, 2, 3, 4, 5), 1);
        var b = ReportDigest.Compute(AnvilDomain, poolId, 1, new UtilizationObservation(2, 1, 3, 4, 5), 1);
        var c = ReportDigest.Compute(AnvilDomain, poolId, 1, new UtilizationObservation(1, 2, 4, 3, 5), 1);

        Assert.NotEqual(a, b);
        Assert.NotEqual(a, c);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void Compute_PoolIdNotThirtyTwoBytes_Throws(int length)
    {
        var ex = Assert.Throws<ArgumentException>(
            () => ReportDigest.Compute(AnvilDomain, new byte[length], 1, new UtilizationObservation(0, 0, 0, 0, 0), 1));

        Assert.Equal("poolId", ex.ParamName);
    }

    [Theory]
    [InlineData("0x1234")]
    [InlineData("5FbDB2315678afecb367f032d93F642f64180aa3")]
    [InlineData("0x5FbDB2315678afecb367f032d93F642f64180aaZ")]
    [InlineData("0x5fbDB2315678afecb367f032d93F642f64180aa3")] // mixed case with a broken checksum
    [InlineData("")]
    public void DomainSeparator_InvalidAddress_Throws(string address)
    {
        Assert.Throws<ArgumentException>(() => ReportDigest.DomainSeparator(new OracleDomain(1, address)));
    }

    [Fact]
    public void DomainSeparator_ChainIdOutOfRange_Throws()
    {
        Assert.Throws<ArgumentException>(() => ReportDigest.DomainSeparator(AnvilDomain with { ChainId = 0 }));
        Assert.Throws<ArgumentException>(() => ReportDigest.DomainSeparator(AnvilDomain with { ChainId = -1 }));
        Assert.Throws<ArgumentException>(() => ReportDigest.DomainSeparator(AnvilDomain with { ChainId = BigInteger.One << 256 }));
    }

    [Fact]
    public void DomainSeparator_LargestChainId_IsAccepted()
    {
        var separator = ReportDigest.DomainSeparator(AnvilDomain with { ChainId = (BigInteger.One << 256) - 1 });

        Assert.Equal(32, separator.Length);
    }

    internal static (OracleDomain Domain, byte[] PoolId, ulong Epoch, UtilizationObservation Observation, uint Version) RandomInput(Random random)
    {
        var address = new byte[20];
        random.NextBytes(address);
        var poolId = new byte[32];
        random.NextBytes(poolId);
        var domain = new OracleDomain(
            random.Next(2) == 0 ? random.Next(1, int.MaxValue) : new BigInteger(random.NextInt64(1, long.MaxValue)) * random.NextInt64(1, long.MaxValue),
            AddressUtil.Current.ConvertToChecksumAddress("0x" + Convert.ToHexStringLower(address)));
        var observation = new UtilizationObservation(
            (ushort)random.Next(ushort.MaxValue + 1),
            (ushort)random.Next(ushort.MaxValue + 1),
            NextUInt64(random),
            NextUInt64(random),
            NextUInt64(random));
        return (domain, poolId, NextUInt64(random), observation, (uint)random.NextInt64(uint.MaxValue + 1L));
    }

    private static ulong NextUInt64(Random random) => random.Next(3) switch
    {
        0 => (ulong)random.Next(1000),
        1 => ulong.MaxValue - (ulong)random.Next(1000),
        _ => (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63),
    };

    private static ulong Bit(Random random, int width) => 1UL << random.Next(width);

    private static string FlipAddressBit(string address, Random random)
    {
        var bytes = Convert.FromHexString(address[2..]);
        bytes[random.Next(20)] ^= (byte)(1 << random.Next(8));
        return "0x" + Convert.ToHexStringLower(bytes);
    }

    private static string TypedDataJson(OracleDomain domain, byte[] poolId, ulong epoch, UtilizationObservation o, uint version)
    {
        var typedData = new Dictionary<string, object>
        {
            ["types"] = new Dictionary<string, object>
            {
                ["EIP712Domain"] = new[]
                {
                    new { name = "name", type = "string" },
                    new { name = "version", type = "string" },
                    new { name = "chainId", type = "uint256" },
                    new { name = "verifyingContract", type = "address" },
                },
                ["Report"] = new[]
                {
                    new { name = "poolId", type = "bytes32" },
                    new { name = "epoch", type = "uint64" },
                    new { name = "utilizationBps", type = "uint16" },
                    new { name = "uptimeBps", type = "uint16" },
                    new { name = "deliveredGpuHours", type = "uint64" },
                    new { name = "energyKwh", type = "uint64" },
                    new { name = "observedAt", type = "uint64" },
                    new { name = "configVersion", type = "uint32" },
                },
            },
            ["primaryType"] = "Report",
            ["domain"] = new Dictionary<string, object>
            {
                ["name"] = ReportDigest.DomainName,
                ["version"] = ReportDigest.DomainVersion,
                ["chainId"] = domain.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["verifyingContract"] = domain.OracleAddress,
            },
            ["message"] = new Dictionary<string, object>
            {
                ["poolId"] = "0x" + Convert.ToHexStringLower(poolId),
                ["epoch"] = epoch.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["utilizationBps"] = o.UtilizationBps.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["uptimeBps"] = o.UptimeBps.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["deliveredGpuHours"] = o.DeliveredGpuHours.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["energyKwh"] = o.EnergyKwh.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["observedAt"] = o.ObservedAt.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["configVersion"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        };
        return JsonSerializer.Serialize(typedData);
    }
}
