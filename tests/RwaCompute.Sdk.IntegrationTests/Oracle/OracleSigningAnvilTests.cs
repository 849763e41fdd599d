using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using Nethereum.Util;
using RwaCompute.Devnet.Anvil;
using RwaCompute.Sdk.Contracts.UtilizationOracle;
using RwaCompute.Sdk.Oracle;
using RwaCompute.Sdk.Wallets;
using Xunit;

namespace RwaCompute.Sdk.IntegrationTests.Oracle;

/// <summary>
/// The SDK's EIP-712 digests and signatures against the deployed <c>UtilizationOracle</c>, and offline-signed
/// EIP-1559 transactions against anvil.
/// </summary>
/// <param name="fixture">The anvil node with the deployed oracle.</param>
public sealed class OracleSigningAnvilTests(OracleAnvilFixture fixture) : IClassFixture<OracleAnvilFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>ReportDigest.Compute equals the contract's reportDigest view for random pools, epochs and observations.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task ReportDigest_RandomInputs_EqualsTheContractsReportDigest()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var version = await fixture.Oracle.ConfigVersionQueryAsync(cancellationToken: cts.Token);
        var random = new Random(31337);
        for (var i = 0; i < 12; i++)
        {
            var poolId = RandomPoolId(random);
            var epoch = (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
            var observation = new UtilizationObservation(
                (ushort)random.Next(ushort.MaxValue + 1),
                (ushort)random.Next(ushort.MaxValue + 1),
                (ulong)random.NextInt64(),
                ulong.MaxValue - (ulong)random.Next(1000),
                (ulong)random.NextInt64(0, uint.MaxValue));

            var onChain = await fixture.Oracle.ReportDigestQueryAsync(poolId, epoch, ToContract(observation), cancellationToken: cts.Token);

            Assert.Equal(onChain.ToHex(), ReportDigest.Compute(fixture.Domain, poolId, epoch, observation, version).ToHex());
        }
    }

    /// <summary>The domain separator and the report type hash equal DOMAIN_SEPARATOR() and REPORT_TYPEHASH().</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task DomainSeparatorAndTypeHash_EqualTheContracts()
    {
        using var cts = new CancellationTokenSource(Timeout);

        var separator = await fixture.Oracle.DomainSeparatorQueryAsync(cancellationToken: cts.Token);
        var typeHash = await fixture.Oracle.ReportTypehashQueryAsync(cancellationToken: cts.Token);

        Assert.Equal(separator.ToHex(), ReportDigest.DomainSeparator(fixture.Domain).ToHex());
        Assert.Equal(typeHash.ToHex(), Sha3Keccack.Current.CalculateHash(System.Text.Encoding.UTF8.GetBytes(ReportDigest.ReportType)).ToHex());
        Assert.Equal(typeHash.ToHex(), RwaCompute.Sdk.Contracts.UtilizationOracle.Report.Eip712TypeHash.ToHex());
    }

    /// <summary>The generated Report struct hashes as the contract's hashReport does, for any config version: the
    /// typed data comes from the Solidity declaration, not from a type string copied by hand.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task HashReport_GeneratedStructAnyVersion_EqualsTheContractsHashReport()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var random = new Random(712);
        for (var i = 0; i < 6; i++)
        {
            var observation = new UtilizationObservation(
                (ushort)random.Next(ushort.MaxValue + 1), (ushort)random.Next(ushort.MaxValue + 1), (ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64(0, uint.MaxValue));
            var version = (uint)random.NextInt64(0, uint.MaxValue);
            var report = ReportDigest.ToReport(RandomPoolId(random), (ulong)random.NextInt64(), observation, version);

            var onChain = await fixture.Oracle.HashReportQueryAsync(report, cancellationToken: cts.Token);

            Assert.Equal(onChain.ToHex(), ReportDigest.Compute(fixture.Domain, report.PoolId, report.Epoch, observation, version).ToHex());
        }
    }

    /// <summary>Three reporters sign with ReportSigner; submitReport accepts them and latest() holds the per-field medians.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task SubmitReport_ThreeReporterSignatures_StoresTheMedians()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var poolId = RandomPoolId(new Random(1));
        var version = await fixture.Oracle.ConfigVersionQueryAsync(cancellationToken: cts.Token);
        var now = await fixture.LatestTimestampAsync();
        UtilizationObservation[] observations =
        [
            new(8000, 9900, 120, 3000, now - 30),
            new(7000, 9950, 100, 3100, now - 10),
            new(9000, 9800, 110, 2900, now - 20),
        ];
        var signed = fixture.Reporters
            .Select((reporter, i) => ReportSigner.Sign(reporter, fixture.Domain, poolId, 1, observations[i], version))
            .ToList();

        var receipt = await fixture.Oracle.SubmitReportRequestAndWaitForReceiptAsync(
            poolId, 1, [.. signed.Select(s => ToContract(s.Observation))], [.. signed.Select(s => s.Signature)], cts.Token);

        Assert.Equal(BigInteger.One, receipt.Status.Value);
        var report = await fixture.Oracle.LatestQueryAsync(poolId, cancellationToken: cts.Token);
        Assert.Equal(1UL, report.Epoch);
        Assert.Equal((ushort)8000, report.UtilizationBps);
        Assert.Equal((ushort)9900, report.UptimeBps);
        Assert.Equal(110UL, report.DeliveredGpuHours);
        Assert.Equal(3000UL, report.EnergyKwh);
        Assert.Equal(now - 20, report.ObservedAt);
        Assert.Equal(version, report.ConfigVersion);
        Assert.Equal((byte)3, report.SignerCount);
    }

    /// <summary>A signature of an account outside the reporter set reverts with the typed Oracle_UnauthorizedSigner exception.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task SubmitReport_SignatureOfANonReporter_ThrowsTheTypedUnauthorizedSignerError()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var poolId = RandomPoolId(new Random(2));
        var version = await fixture.Oracle.ConfigVersionQueryAsync(cancellationToken: cts.Token);
        var now = await fixture.LatestTimestampAsync();
        var outsider = RwaSigner.FromMnemonic(AnvilOptions.TestMnemonic, 7);
        var observation = new UtilizationObservation(5000, 9000, 10, 20, now - 5);
        var signed = new[]
        {
            ReportSigner.Sign(fixture.Reporters[0], fixture.Domain, poolId, 1, observation, version),
            ReportSigner.Sign(outsider, fixture.Domain, poolId, 1, observation, version),
        };

        var ex = await Assert.ThrowsAsync<OracleUnauthorizedSignerException>(() => fixture.Oracle.SubmitReportRequestAndWaitForReceiptAsync(
            poolId, 1, [.. signed.Select(s => ToContract(s.Observation))], [.. signed.Select(s => s.Signature)], cts.Token));

        Assert.Equal(outsider.Address, ex.Error.Signer, ignoreCase: true);
    }

    /// <summary>Signatures made for another oracle address do not verify here.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task SubmitReport_SignatureForAnotherOracle_IsRejected()
    {
        // The domain binds the oracle's address: a signature for another deployment recovers to a stranger.
        using var cts = new CancellationTokenSource(Timeout);
        var poolId = RandomPoolId(new Random(3));
        var version = await fixture.Oracle.ConfigVersionQueryAsync(cancellationToken: cts.Token);
        var now = await fixture.LatestTimestampAsync();
        var observation = new UtilizationObservation(5000, 9000, 10, 20, now - 5);
        var elsewhere = fixture.Domain with { OracleAddress = "0x000000000000000000000000000000000000dEaD" };
        var signed = fixture.Reporters.Take(2)
            .Select(r => ReportSigner.Sign(r, elsewhere, poolId, 1, observation, version))
            .ToList();

        await Assert.ThrowsAsync<OracleUnauthorizedSignerException>(() => fixture.Oracle.SubmitReportRequestAndWaitForReceiptAsync(
            poolId, 1, [.. signed.Select(s => ToContract(s.Observation))], [.. signed.Select(s => s.Signature)], cts.Token));
    }

    /// <summary>An offline-signed EIP-1559 value transfer sent with eth_sendRawTransaction is mined with status 1.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task SignTransaction_ValueTransfer_IsMinedWithStatusOne()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var sender = RwaSigner.FromMnemonic(AnvilOptions.TestMnemonic, 5);
        var recipient = RwaSigner.FromMnemonic(AnvilOptions.TestMnemonic, 6).Address;
        var amount = BigInteger.Pow(10, 15) + 12_345;
        var before = (await fixture.Web3.Eth.GetBalance.SendRequestAsync(recipient)).Value;
        var request = new Eip1559TransactionRequest(
            fixture.Anvil.Options.ChainId, await fixture.PendingNonceAsync(sender.Address),
            1_000_000_000, 50_000_000_000, 21_000, recipient, amount, "0x");

        var hash = await fixture.Web3.Eth.Transactions.SendRawTransaction.SendRequestAsync(sender.SignTransaction(request));
        var receipt = await fixture.WaitForReceiptAsync(hash, cts.Token);

        Assert.Equal(BigInteger.One, receipt.Status.Value);
        Assert.Equal(sender.Address, receipt.From, ignoreCase: true);
        Assert.Equal(2, (int)receipt.Type.Value);
        var after = (await fixture.Web3.Eth.GetBalance.SendRequestAsync(recipient)).Value;
        Assert.Equal(before + amount, after);
    }

    /// <summary>An offline-signed EIP-1559 contract creation (no recipient) is mined and deploys the runtime code.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task SignTransaction_ContractCreation_IsMinedWithStatusOne()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var sender = RwaSigner.FromMnemonic(AnvilOptions.TestMnemonic, 8);
        // Init code that deploys a runtime returning 42: PUSH1 0x0a PUSH1 0x0c PUSH1 0 CODECOPY PUSH1 0x0a PUSH1 0 RETURN ‖ runtime.
        const string initCode = "0x600a600c600039600a6000f3602a60005260206000f3";
        var request = new Eip1559TransactionRequest(
            fixture.Anvil.Options.ChainId, await fixture.PendingNonceAsync(sender.Address),
            1_000_000_000, 50_000_000_000, 100_000, null, 0, initCode);

        var hash = await fixture.Web3.Eth.Transactions.SendRawTransaction.SendRequestAsync(sender.SignTransaction(request));
        var receipt = await fixture.WaitForReceiptAsync(hash, cts.Token);

        Assert.Equal(BigInteger.One, receipt.Status.Value);
        Assert.False(string.IsNullOrEmpty(receipt.ContractAddress));
        var code = await fixture.Web3.Eth.GetCode.SendRequestAsync(receipt.ContractAddress);
        Assert.Equal("0x602a60005260206000f3", code);
    }

    /// <summary>A raw SignDigest signature over ReportDigest.Compute is accepted like a ReportSigner one.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task SignDigest_SignatureOfAReporter_IsAcceptedAlongsideReportSigner()
    {
        // A signature made from the raw digest with SignDigest is the same thing ReportSigner produces.
        using var cts = new CancellationTokenSource(Timeout);
        var poolId = RandomPoolId(new Random(4));
        var version = await fixture.Oracle.ConfigVersionQueryAsync(cancellationToken: cts.Token);
        var now = await fixture.LatestTimestampAsync();
        var observation = new UtilizationObservation(100, 200, 300, 400, now - 1);
        var digest = ReportDigest.Compute(fixture.Domain, poolId, 9, observation, version);
        var raw = fixture.Reporters[1].SignDigest(digest);
        var viaReportSigner = ReportSigner.Sign(fixture.Reporters[2], fixture.Domain, poolId, 9, observation, version);

        var receipt = await fixture.Oracle.SubmitReportRequestAndWaitForReceiptAsync(
            poolId, 9, [ToContract(observation), ToContract(observation)], [raw, viaReportSigner.Signature], cts.Token);

        Assert.Equal(BigInteger.One, receipt.Status.Value);
        var recovered = EthECKey.RecoverFromSignature(
            EthECDSASignatureFactory.FromComponents(raw[..32], raw[32..64], raw[64]), digest).GetPublicAddress();
        Assert.Equal(fixture.Reporters[1].Address, recovered, ignoreCase: true);
    }

    private static byte[] RandomPoolId(Random random)
    {
        var poolId = new byte[32];
        random.NextBytes(poolId);
        return poolId;
    }

    private static Observation ToContract(UtilizationObservation observation) => new()
    {
        UtilizationBps = observation.UtilizationBps,
        UptimeBps = observation.UptimeBps,
        DeliveredGpuHours = observation.DeliveredGpuHours,
        EnergyKwh = observation.EnergyKwh,
        ObservedAt = observation.ObservedAt,
    };
}
