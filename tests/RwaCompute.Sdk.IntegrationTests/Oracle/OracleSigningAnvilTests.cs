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

    /// <summary>ReportDigest.Compute equals the contract's hashReport for random reports and configuration versions:
    /// the generated Report struct hashes as the contract does.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task HashReport_RandomReports_EqualsReportDigest()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var random = new Random(31337);
        for (var i = 0; i < 12; i++)
        {
            var report = RandomReport(random);

            var onChain = await fixture.Oracle.HashReportQueryAsync(report.ToContract(), cancellationToken: cts.Token);

            Assert.Equal(onChain.ToHex(), ReportDigest.Compute(fixture.Domain, report).ToHex());
        }
    }

    /// <summary>Three reporters' observations are aggregated into one report, all three sign it, submitReport stores
    /// it as signed.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task SubmitReport_AggregateSignedByThreeReporters_IsStoredAsSigned()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var poolId = RandomPoolId(new Random(1));
        var version = await fixture.Oracle.ConfigVersionQueryAsync(cancellationToken: cts.Token);
        var now = await fixture.LatestTimestampAsync();
        var report = ReportAggregator.Aggregate(poolId, 1, version,
        [
            new ReporterObservation(0, new UtilizationObservation(8000, 9900, 120, 3000, 5, now - 30)),
            new ReporterObservation(1, new UtilizationObservation(7000, 9950, 100, 3100, 4, now - 10)),
            new ReporterObservation(2, new UtilizationObservation(9000, 9800, 110, 2900, 6, now - 20)),
        ]);
        var signatures = fixture.Reporters.Select(r => ReportSigner.Sign(r, fixture.Domain, report).Signature).ToList();

        var receipt = await fixture.Oracle.SubmitReportRequestAndWaitForReceiptAsync(report.ToContract(), signatures, cts.Token);

        Assert.Equal(BigInteger.One, receipt.Status.Value);
        var stored = await fixture.Oracle.LatestQueryAsync(poolId, cancellationToken: cts.Token);
        Assert.Equal(1UL, stored.Epoch);
        Assert.Equal((ushort)8000, stored.UtilizationBps);
        Assert.Equal((ushort)9900, stored.UptimeBps);
        Assert.Equal(110UL, stored.DeliveredGpuHours);
        Assert.Equal(3000UL, stored.EnergyKwh);
        Assert.Equal(5UL, stored.CurtailedGpuHours);
        Assert.Equal(now - 20, stored.ObservedAt);
        Assert.Equal(0b111u, stored.Observers);
        Assert.Equal(version, stored.ConfigVersion);
        Assert.Equal((byte)3, stored.SignerCount);
    }

    /// <summary>O-1: signatures over two different reports cannot be combined into a quorum, and a signature of an
    /// account outside the reporter set reverts with the typed Oracle_UnauthorizedSigner exception.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task SubmitReport_SignaturesOverDifferentReportsOrOfANonReporter_AreRejected()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var poolId = RandomPoolId(new Random(2));
        var version = await fixture.Oracle.ConfigVersionQueryAsync(cancellationToken: cts.Token);
        var now = await fixture.LatestTimestampAsync();
        var report = new OracleReport(poolId, 1, 5000, 9000, 10, 20, 0, now - 5, 0b011, version);
        var lie = report with { UptimeBps = 2000 };
        var outsider = RwaSigner.FromMnemonic(AnvilOptions.TestMnemonic, 9);

        var mixed = await Assert.ThrowsAsync<OracleUnauthorizedSignerException>(() => fixture.Oracle.SubmitReportRequestAndWaitForReceiptAsync(
            report.ToContract(), [ReportSigner.Sign(fixture.Reporters[0], fixture.Domain, report).Signature, ReportSigner.Sign(fixture.Reporters[1], fixture.Domain, lie).Signature], cts.Token));
        var foreign = await Assert.ThrowsAsync<OracleUnauthorizedSignerException>(() => fixture.Oracle.SubmitReportRequestAndWaitForReceiptAsync(
            report.ToContract(), [ReportSigner.Sign(fixture.Reporters[0], fixture.Domain, report).Signature, ReportSigner.Sign(outsider, fixture.Domain, report).Signature], cts.Token));

        Assert.NotEqual(fixture.Reporters[1].Address, mixed.Error.Signer, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(outsider.Address, foreign.Error.Signer, ignoreCase: true);
    }

    /// <summary>O-2: signatures made for another oracle address (or chain) do not verify here.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task SubmitReport_SignaturesForAnotherOracle_AreRejected()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var poolId = RandomPoolId(new Random(3));
        var version = await fixture.Oracle.ConfigVersionQueryAsync(cancellationToken: cts.Token);
        var now = await fixture.LatestTimestampAsync();
        var report = new OracleReport(poolId, 1, 5000, 9000, 10, 20, 0, now - 5, 0b011, version);
        var elsewhere = fixture.Domain with { OracleAddress = "0x0000000000000000000000000000000000000001" };
        var signatures = fixture.Reporters.Take(2).Select(r => ReportSigner.Sign(r, elsewhere, report).Signature).ToList();

        await Assert.ThrowsAsync<OracleUnauthorizedSignerException>(() => fixture.Oracle.SubmitReportRequestAndWaitForReceiptAsync(report.ToContract(), signatures, cts.Token));
    }

    /// <summary>A raw SignDigest signature over ReportDigest.Compute is accepted like a ReportSigner one.</summary>
    /// <returns>The test.</returns>
    [Fact]
    public async Task SignDigest_SignatureOfAReporter_IsAcceptedAlongsideReportSigner()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var poolId = RandomPoolId(new Random(4));
        var version = await fixture.Oracle.ConfigVersionQueryAsync(cancellationToken: cts.Token);
        var now = await fixture.LatestTimestampAsync();
        var report = new OracleReport(poolId, 9, 100, 200, 300, 400, 0, now - 1, 0b110, version);
        var digest = ReportDigest.Compute(fixture.Domain, report);
        var raw = fixture.Reporters[1].SignDigest(digest);
        var viaReportSigner = ReportSigner.Sign(fixture.Reporters[2], fixture.Domain, report);

        var receipt = await fixture.Oracle.SubmitReportRequestAndWaitForReceiptAsync(report.ToContract(), [raw, viaReportSigner.Signature], cts.Token);

        Assert.Equal(BigInteger.One, receipt.Status.Value);
        var recovered = EthECKey.RecoverFromSignature(
            EthECDSASignatureFactory.FromComponents(raw[..32], raw[32..64], raw[64]), digest).GetPublicAddress();
        Assert.Equal(fixture.Reporters[1].Address, recovered, ignoreCase: true);
    }

    private static OracleReport RandomReport(Random random) => new(
        RandomPoolId(random),
        (ulong)random.NextInt64(),
        (ushort)random.Next(ushort.MaxValue + 1),
        (ushort)random.Next(ushort.MaxValue + 1),
        (ulong)random.NextInt64(),
        ulong.MaxValue - (ulong)random.Next(1000),
        (ulong)random.NextInt64(),
        (ulong)random.NextInt64(0, uint.MaxValue),
        (uint)random.NextInt64(0, uint.MaxValue),
        (uint)random.NextInt64(0, uint.MaxValue));

    private static byte[] RandomPoolId(Random random)
    {
        var poolId = new byte[32];
        random.NextBytes(poolId);
        return poolId;
    }
}
