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
    /// The oracle anvil's account 0 deploys first (nonce 0) on chain 31337. The domain separator was read from that
    /// deployment with <c>cast call</c> (<c>DOMAIN_SEPARATOR()</c>); the type hash is <c>cast keccak</c> of the
    /// Solidity declaration's type string. Digests are checked against Nethereum's independent EIP-712 encoder here
    /// and against the contract's <c>hashReport</c> on anvil (integration tests).
    /// </summary>
    private static readonly OracleDomain AnvilDomain = new(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3");

    [Fact]
    public void ReportType_HashesToTheContractsReportTypehash()
    {
        var hash = Sha3Keccack.Current.CalculateHash(Encoding.UTF8.GetBytes(ReportDigest.ReportType));

        Assert.Equal("46f4f3a66821eeb7601677a4f5f251d36c293ed5802b6fbc3cc20149e56b9039", Convert.ToHexStringLower(hash));
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

    [Fact]
    public void Compute_RandomInputs_MatchesNethereumsEip712Encoder()
    {
        // An independent implementation: Nethereum's eth_signTypedData_v4 encoder over the same typed data as JSON.
        var random = new Random(712);
        for (var i = 0; i < 50; i++)
        {
            var (domain, report) = RandomInput(random);

            var expected = Sha3Keccack.Current.CalculateHash(
                new Eip712TypedDataSigner().EncodeTypedData(TypedDataJson(domain, report)));

            Assert.Equal(Convert.ToHexStringLower(expected), Convert.ToHexStringLower(ReportDigest.Compute(domain, report)));
        }
    }

    [Fact]
    public void Compute_ChangingAnyField_ChangesTheDigest()
    {
        var random = new Random(4242);
        for (var i = 0; i < 100; i++)
        {
            var (domain, r) = RandomInput(random);
            var baseline = Convert.ToHexStringLower(ReportDigest.Compute(domain, r));
            var otherPool = (byte[])r.PoolId.Clone();
            otherPool[random.Next(32)] ^= (byte)(1 << random.Next(8));

            var variants = new[]
            {
                ReportDigest.Compute(domain with { ChainId = domain.ChainId + 1 }, r),
                ReportDigest.Compute(domain with { OracleAddress = FlipAddressBit(domain.OracleAddress, random) }, r),
                ReportDigest.Compute(domain, r with { PoolId = otherPool }),
                ReportDigest.Compute(domain, r with { Epoch = r.Epoch ^ Bit(random, 64) }),
                ReportDigest.Compute(domain, r with { UtilizationBps = (ushort)(r.UtilizationBps ^ Bit(random, 16)) }),
                ReportDigest.Compute(domain, r with { UptimeBps = (ushort)(r.UptimeBps ^ Bit(random, 16)) }),
                ReportDigest.Compute(domain, r with { DeliveredGpuHours = r.DeliveredGpuHours ^ Bit(random, 64) }),
                ReportDigest.Compute(domain, r with { EnergyKwh = r.EnergyKwh ^ Bit(random, 64) }),
                ReportDigest.Compute(domain, r with { CurtailedGpuHours = r.CurtailedGpuHours ^ Bit(random, 64) }),
                ReportDigest.Compute(domain, r with { ObservedAt = r.ObservedAt ^ Bit(random, 64) }),
                ReportDigest.Compute(domain, r with { Observers = r.Observers ^ (uint)Bit(random, 32) }),
                ReportDigest.Compute(domain, r with { ConfigVersion = r.ConfigVersion ^ (uint)Bit(random, 32) }),
            };

            var distinct = variants.Select(Convert.ToHexStringLower).Append(baseline).Distinct().Count();
            Assert.Equal(variants.Length + 1, distinct);
        }
    }

    [Fact]
    public void Compute_SwappingFieldValues_ChangesTheDigest()
    {
        // Fields are positional: the same numbers in other fields must not collide.
        var r = new OracleReport(new byte[32], 1, 1, 2, 3, 4, 5, 6, 7, 1);
        var a = ReportDigest.Compute(AnvilDomain, r);

        Assert.NotEqual(a, ReportDigest.Compute(AnvilDomain, r with { UtilizationBps = 2, UptimeBps = 1 }));
        Assert.NotEqual(a, ReportDigest.Compute(AnvilDomain, r with { DeliveredGpuHours = 4, EnergyKwh = 3 }));
        Assert.NotEqual(a, ReportDigest.Compute(AnvilDomain, r with { EnergyKwh = 5, CurtailedGpuHours = 4 }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void Compute_PoolIdNotThirtyTwoBytes_Throws(int length)
    {
        var ex = Assert.Throws<ArgumentException>(
            () => ReportDigest.Compute(AnvilDomain, new OracleReport(new byte[length], 1, 0, 0, 0, 0, 0, 0, 1, 1)));

        Assert.Equal("report", ex.ParamName);
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

    internal static (OracleDomain Domain, OracleReport Report) RandomInput(Random random)
    {
        var address = new byte[20];
        random.NextBytes(address);
        var poolId = new byte[32];
        random.NextBytes(poolId);
        var domain = new OracleDomain(
            random.Next(2) == 0 ? random.Next(1, int.MaxValue) : new BigInteger(random.NextInt64(1, long.MaxValue)) * random.NextInt64(1, long.MaxValue),
            AddressUtil.Current.ConvertToChecksumAddress("0x" + Convert.ToHexStringLower(address)));
        var report = new OracleReport(
            poolId,
            NextUInt64(random),
            (ushort)random.Next(ushort.MaxValue + 1),
            (ushort)random.Next(ushort.MaxValue + 1),
            NextUInt64(random),
            NextUInt64(random),
            NextUInt64(random),
            NextUInt64(random),
            (uint)random.NextInt64(uint.MaxValue + 1L),
            (uint)random.NextInt64(uint.MaxValue + 1L));
        return (domain, report);
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

    private static string TypedDataJson(OracleDomain domain, OracleReport r)
    {
        static string N(ulong value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
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
                    new { name = "curtailedGpuHours", type = "uint64" },
                    new { name = "observedAt", type = "uint64" },
                    new { name = "observers", type = "uint32" },
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
                ["poolId"] = "0x" + Convert.ToHexStringLower(r.PoolId),
                ["epoch"] = N(r.Epoch),
                ["utilizationBps"] = N(r.UtilizationBps),
                ["uptimeBps"] = N(r.UptimeBps),
                ["deliveredGpuHours"] = N(r.DeliveredGpuHours),
                ["energyKwh"] = N(r.EnergyKwh),
                ["curtailedGpuHours"] = N(r.CurtailedGpuHours),
                ["observedAt"] = N(r.ObservedAt),
                ["observers"] = N(r.Observers),
                ["configVersion"] = N(r.ConfigVersion),
            },
        };
        return JsonSerializer.Serialize(typedData);
    }
}
