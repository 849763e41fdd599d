using Nethereum.Hex.HexConvertors.Extensions;
using RwaCompute.Sdk.Oracle;
using Xunit;

namespace RwaCompute.Reporter.Node.Tests;

/// <summary>The oracle network end to end: reports land each epoch; a byzantine node changes nothing; a dead leader is
/// replaced; a restarted node never signs two reports for one epoch.</summary>
public sealed class NodeNetworkTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Network_WithOneByzantineNode_ReportsLandEachEpochWithTheHonestValues()
    {
        await using var network = await ReporterNetwork.StartAsync(byzantine: 3);

        var first = await network.WaitForEpochAsync(1, Patience);
        var later = await network.WaitForEpochAsync(first.Epoch + 2, Patience);

        foreach (var report in new[] { first, later })
        {
            // The liar said 0 % and a million GPU-hours; the median of four with one liar is an honest value.
            Assert.Equal(ReporterNetwork.HonestUtilizationBps, report.UtilizationBps);
            Assert.Equal((ushort)10_000, report.UptimeBps);
            Assert.True(report.DeliveredGpuHours < 1_000_000, $"delivered {report.DeliveredGpuHours}");
            Assert.True(report.SignerCount >= 3, $"{report.SignerCount} signers");
            Assert.True(System.Numerics.BitOperations.PopCount(report.Observers) >= 3);
        }
    }

    [Fact]
    public async Task Network_LeaderDown_TheNextReporterSubmitsTheEpoch()
    {
        await using var network = await ReporterNetwork.StartAsync();
        var reached = await network.WaitForEpochAsync(1, Patience);

        // Kill the first leader of an epoch that has not closed yet: (epoch + 0) mod 4.
        var target = network.NextEpochToClose() + 1;
        var leader = (int)(target % 4);
        await network.StopNodeAsync(leader);

        var report = await network.WaitForEpochAsync(target, Patience);

        Assert.True(report.Epoch >= target);
        Assert.True(report.SignerCount >= 3);
        // The dead node observed nothing for the epoch it was meant to lead.
        Assert.True(report.Epoch != target || (report.Observers & (1u << leader)) == 0, $"observers {report.Observers}");
        Assert.True(reached.Epoch >= 1);
    }

    [Fact]
    public async Task Network_LeaderKilledBetweenProposalAndSubmission_TheNextLeaderSubmitsTheSameReport()
    {
        await using var network = await ReporterNetwork.StartAsync();
        await network.WaitForEpochAsync(1, Patience);
        var target = network.NextEpochToClose() + 1;
        var leader = (int)(target % 4);
        network.CrashOnSubmit(leader, target);

        // The leader gathered all four observations, the followers signed its report, and it died before submitting.
        var proposed = await network.Crashed.Task.WaitAsync(Patience);
        await network.StopNodeAsync(leader);

        // The next leader cannot sign a different aggregate (the sign guard): it re-proposes the signed one.
        var landed = await network.WaitForEpochAsync(target, Patience);
        Assert.Equal(target, landed.Epoch);
        Assert.Equal(proposed.Observers, landed.Observers);
        Assert.NotEqual(0u, landed.Observers & (1u << leader));
    }

    [Fact]
    public async Task Network_NodeRestartedMidEpoch_NeverSignsTwoReportsForOneEpoch()
    {
        await using var network = await ReporterNetwork.StartAsync();
        var before = await network.WaitForEpochAsync(1, Patience);

        await network.StopNodeAsync(1);
        await Task.Delay(ReporterNetwork.EpochLength / 2);
        await network.StartNodeAsync(1);
        var after = await network.WaitForEpochAsync(before.Epoch + 2, Patience);

        // Every digest node 1 ever recorded is the digest of the report stored for that epoch, or of nothing stored.
        var store = network.Store(1);
        var pool = Pools.PoolId.Parse(ReporterNetwork.PoolLabel);
        var stored = await network.Admin.Oracle.LatestAsync(network.PoolId);
        var digest = await store.GetSignedDigestAsync(pool, stored.Epoch, default);
        if (digest is not null)
        {
            var expected = ReportDigest.Compute(network.Admin.Oracle.Domain, new OracleReport(
                network.PoolId, stored.Epoch, stored.UtilizationBps, stored.UptimeBps, stored.DeliveredGpuHours, stored.EnergyKwh, stored.CurtailedGpuHours,
                (ulong)stored.ObservedAt.ToUnixTimeSeconds(), stored.Observers, stored.ConfigVersion));
            Assert.Equal(expected.ToHex(true), digest, ignoreCase: true);
        }

        Assert.True(after.Epoch >= before.Epoch + 2);
    }

    [Fact]
    public async Task Network_PoolWithALiveInterruptibleLot_TheLeaderSyncsItAfterEachReport()
    {
        await using var network = await ReporterNetwork.StartAsync();
        var accounts = RwaCompute.Devnet.DevnetAccounts.Standard;
        var provider = network.Admin.WithSigner(accounts.Provider);
        await network.Admin.Token.RegisterProviderAsync(accounts.Provider.Address);
        await network.Admin.Token.RegisterPoolAsync(network.PoolId, accounts.Provider.Address);
        var now = await network.Admin.GetChainTimeAsync();
        var terms = new RwaCompute.Sdk.Clients.LotTerms
        {
            Provider = accounts.Provider.Address,
            PoolId = network.PoolId,
            GpuModel = "H100-SXM5-80G",
            Region = "eu-west",
            StartsAt = now.AddSeconds(2),
            EndsAt = now.AddHours(1),
            ReferencePrice = 3_000_000,
            SlaUptimeBps = 9_900,
            EnergyWhPerGpuHour = 700,
            MetadataHash = RwaCompute.Sdk.Clients.LotTerms.HashMetadata("{\"interruptible\":\"node-test-pool\"}"),
        };
        var lotId = (await provider.Curtailment.DeclareInterruptibleAsync(terms, new RwaCompute.Sdk.Clients.InterruptibleTerms(2_000, 1_500_000, 100))).Value;
        var declaredAt = (await network.Admin.Curtailment.Service.CheckpointOfQueryAsync(network.PoolId)).ObservedAt;

        // A report that lands after the declaration is synced by its leader: the pool's checkpoint follows it.
        var after = await network.WaitForEpochAsync(network.NextEpochToClose() + 1, Patience);
        var deadline = DateTimeOffset.UtcNow + Patience;
        RwaCompute.Sdk.Contracts.ComputeCurtailment.Checkpoint checkpoint;
        do
        {
            checkpoint = await network.Admin.Curtailment.Service.CheckpointOfQueryAsync(network.PoolId);
            if (checkpoint.Epoch >= after.Epoch)
            {
                break;
            }

            await Task.Delay(200);
        }
        while (DateTimeOffset.UtcNow < deadline);

        Assert.True(checkpoint.Epoch >= after.Epoch, $"checkpoint at epoch {checkpoint.Epoch}, report at {after.Epoch}");
        Assert.True(checkpoint.ObservedAt > declaredAt, "synced past the declaration");
        Assert.Equal(lotId, await network.Admin.Curtailment.LiveLotAsync(network.PoolId));
    }
}
