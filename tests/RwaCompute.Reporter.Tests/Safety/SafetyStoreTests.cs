using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using RwaCompute.Reporter.Observations;
using RwaCompute.Reporter.Pools;
using RwaCompute.Reporter.Safety;
using Xunit;

namespace RwaCompute.Reporter.Tests.Safety;

public sealed class SafetyStoreTests : IDisposable
{
    private static readonly PoolId Pool = PoolId.Parse("fra-h100-a");
    private static readonly byte[] DigestA = Digest(0xa1);
    private static readonly byte[] DigestB = Digest(0xb2);
    private readonly string directory = Path.Combine(Path.GetTempPath(), "rwa-safety-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 29, 13, 0, 5, TimeSpan.Zero));

    private string DatabasePath => Path.Combine(this.directory, "node", "safety.db");

    public void Dispose()
    {
        if (Directory.Exists(this.directory))
        {
            Directory.Delete(this.directory, recursive: true);
        }
    }

    [Fact]
    public async Task Open_CreatesTheFileInWalModeAtTheCurrentSchemaVersion()
    {
        var store = await this.OpenAsync();

        Assert.Equal(Path.GetFullPath(this.DatabasePath), store.Path);
        Assert.Equal("wal", await this.ScalarAsync("PRAGMA journal_mode;"));
        Assert.Equal(1L, await this.ScalarAsync("SELECT version FROM schema_version;"));
        Assert.Equal(1L, await this.ScalarAsync("SELECT COUNT(*) FROM schema_version;"));
    }

    [Fact]
    public async Task Open_Twice_KeepsTheDataAndTheVersion()
    {
        var store = await this.OpenAsync();
        await store.RecordObservationAsync(Observation(1), CancellationToken.None);

        var reopened = await this.OpenAsync();

        Assert.NotNull(await reopened.GetObservationAsync(Pool, 1, CancellationToken.None));
        Assert.Equal(1L, await this.ScalarAsync("SELECT COUNT(*) FROM schema_version;"));
    }

    [Fact]
    public async Task Open_AFileOfANewerSchema_IsRefused()
    {
        await this.OpenAsync();
        await this.ExecuteAsync("UPDATE schema_version SET version = 2;");

        var exception = await Assert.ThrowsAsync<SafetyStoreSchemaException>(this.OpenAsync);

        Assert.Contains("schema version 2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordObservation_PersistsItWithRunningTotals()
    {
        var store = await this.OpenAsync();

        var first = await store.RecordObservationAsync(Observation(10, deliveredMs: 3_000_000, energyMj: 2_000_000_000), CancellationToken.None);
        var second = await store.RecordObservationAsync(Observation(11, deliveredMs: 4_000_000, energyMj: 2_000_000_000), CancellationToken.None);
        var afterAGap = await store.RecordObservationAsync(Observation(14, deliveredMs: 1, energyMj: 1), CancellationToken.None);

        Assert.Equal(ObservationRecordOutcome.Recorded, first.Outcome);
        Assert.Equal(0UL, first.Persisted.Totals.DeliveredGpuHours);
        Assert.Equal(ObservationRecordOutcome.Recorded, second.Outcome);
        Assert.Equal(7_000_000UL, second.Persisted.Totals.DeliveredGpuMilliseconds);
        Assert.Equal(1UL, second.Persisted.Totals.DeliveredGpuHours);
        Assert.Equal(1UL, second.Persisted.Totals.EnergyKwh); // 4 MJ → 1.11 kWh
        Assert.Equal(14UL, afterAGap.Persisted.Totals.ThroughEpoch);
        Assert.Equal(7_000_001UL, afterAGap.Persisted.Totals.DeliveredGpuMilliseconds);
        Assert.Equal(this.clock.GetUtcNow(), afterAGap.Persisted.RecordedAt);

        var latest = await store.GetLatestObservationAsync(Pool, CancellationToken.None);
        Assert.Equal(afterAGap.Persisted, latest);
        Assert.Equal(second.Persisted, await store.GetObservationAsync(Pool, 11, CancellationToken.None));
        Assert.Null(await store.GetObservationAsync(Pool, 12, CancellationToken.None));
        Assert.Null(await store.GetLatestObservationAsync(PoolId.Parse("other"), CancellationToken.None));
    }

    [Fact]
    public async Task RecordObservation_TheSameAgain_IsHarmless_ADifferentOne_KeepsTheFirst()
    {
        var store = await this.OpenAsync();
        var original = await store.RecordObservationAsync(Observation(3, deliveredMs: 100), CancellationToken.None);

        var again = await store.RecordObservationAsync(Observation(3, deliveredMs: 100), CancellationToken.None);
        var different = await store.RecordObservationAsync(Observation(3, deliveredMs: 999), CancellationToken.None);

        Assert.Equal(ObservationRecordOutcome.AlreadyRecorded, again.Outcome);
        Assert.Equal(original.Persisted, again.Persisted);
        Assert.Equal(ObservationRecordOutcome.DifferentObservationKept, different.Outcome);
        Assert.Equal(100UL, different.Persisted.Observation.DeliveredGpuMilliseconds);
    }

    [Fact]
    public async Task RecordObservation_AnEarlierEpochAfterALaterOne_IsRefused()
    {
        var store = await this.OpenAsync();
        await store.RecordObservationAsync(Observation(20), CancellationToken.None);

        await Assert.ThrowsAsync<ObservationOutOfOrderException>(() => store.RecordObservationAsync(Observation(19), CancellationToken.None));
        Assert.Null(await store.GetObservationAsync(Pool, 19, CancellationToken.None));
    }

    [Fact]
    public async Task RecordObservation_KeepsPoolsApart()
    {
        var store = await this.OpenAsync();
        var other = PoolId.Parse("ams-h100-b");

        await store.RecordObservationAsync(Observation(5, deliveredMs: 10), CancellationToken.None);
        var recorded = await store.RecordObservationAsync(Observation(2, deliveredMs: 7) with { PoolId = other }, CancellationToken.None);

        Assert.Equal(ObservationRecordOutcome.Recorded, recorded.Outcome);
        Assert.Equal(7UL, recorded.Persisted.Totals.DeliveredGpuMilliseconds);
        Assert.Equal(other, recorded.Persisted.Observation.PoolId);
    }

    [Fact]
    public async Task TryRecordSignature_WithoutAPersistedObservation_IsRefused()
    {
        var store = await this.OpenAsync();

        var decision = await store.TryRecordSignatureAsync(Pool, 1, DigestA, CancellationToken.None);

        Assert.Equal(SignOutcome.RefusedNoObservation, decision.Outcome);
        Assert.False(decision.MaySign);
        Assert.Null(decision.SignedDigest);
        Assert.Null(await store.GetSignedDigestAsync(Pool, 1, CancellationToken.None));
    }

    [Fact]
    public async Task TryRecordSignature_AllowsTheFirstAndTheSameDigest_RefusesAnother()
    {
        var store = await this.OpenAsync();
        await store.RecordObservationAsync(Observation(1), CancellationToken.None);

        var first = await store.TryRecordSignatureAsync(Pool, 1, DigestA, CancellationToken.None);
        var same = await store.TryRecordSignatureAsync(Pool, 1, DigestA, CancellationToken.None);
        var other = await store.TryRecordSignatureAsync(Pool, 1, DigestB, CancellationToken.None);
        var otherSpelling = await store.TryRecordSignatureAsync(PoolId.Parse(Pool.Hex.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal)), 1, DigestB, CancellationToken.None);

        Assert.Equal(new SignDecision(SignOutcome.FirstSignature, Hex(DigestA)), first);
        Assert.Equal(new SignDecision(SignOutcome.SameDigestAgain, Hex(DigestA)), same);
        Assert.Equal(new SignDecision(SignOutcome.RefusedDifferentDigest, Hex(DigestA)), other);
        Assert.Equal(SignOutcome.RefusedDifferentDigest, otherSpelling.Outcome);
        Assert.True(first.MaySign && same.MaySign && !other.MaySign);
        Assert.Equal(Hex(DigestA), await store.GetSignedDigestAsync(Pool, 1, CancellationToken.None));
    }

    [Fact]
    public async Task TryRecordSignature_IsPerPoolAndEpoch()
    {
        var store = await this.OpenAsync();
        var other = PoolId.Parse("ams-h100-b");
        await store.RecordObservationAsync(Observation(1), CancellationToken.None);
        await store.RecordObservationAsync(Observation(2), CancellationToken.None);
        await store.RecordObservationAsync(Observation(1) with { PoolId = other }, CancellationToken.None);
        await store.TryRecordSignatureAsync(Pool, 1, DigestA, CancellationToken.None);

        Assert.Equal(SignOutcome.FirstSignature, (await store.TryRecordSignatureAsync(Pool, 2, DigestB, CancellationToken.None)).Outcome);
        Assert.Equal(SignOutcome.FirstSignature, (await store.TryRecordSignatureAsync(other, 1, DigestB, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task TryRecordSignature_AfterARestart_StillRefusesADifferentDigest()
    {
        var beforeCrash = await this.OpenAsync();
        await beforeCrash.RecordObservationAsync(Observation(9, deliveredMs: 42), CancellationToken.None);
        Assert.True((await beforeCrash.TryRecordSignatureAsync(Pool, 9, DigestA, CancellationToken.None)).MaySign);

        var afterRestart = await this.OpenAsync();

        Assert.Equal(SignOutcome.RefusedDifferentDigest, (await afterRestart.TryRecordSignatureAsync(Pool, 9, DigestB, CancellationToken.None)).Outcome);
        Assert.Equal(SignOutcome.SameDigestAgain, (await afterRestart.TryRecordSignatureAsync(Pool, 9, DigestA, CancellationToken.None)).Outcome);
        var recomputed = await afterRestart.RecordObservationAsync(Observation(9, deliveredMs: 43), CancellationToken.None);
        Assert.Equal(ObservationRecordOutcome.DifferentObservationKept, recomputed.Outcome);
        Assert.Equal(42UL, recomputed.Persisted.Observation.DeliveredGpuMilliseconds);
    }

    [Fact]
    public async Task TryRecordSignature_ConcurrentDifferentDigests_ExactlyOneWins()
    {
        await (await this.OpenAsync()).RecordObservationAsync(Observation(4), CancellationToken.None);
        var stores = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => this.OpenAsync()));
        using var start = new ManualResetEventSlim(false);

        var attempts = Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            start.Wait();
            var digest = Digest((byte)i);
            return (Digest: Hex(digest), Decision: await stores[i % stores.Length].TryRecordSignatureAsync(Pool, 4, digest, CancellationToken.None));
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r.Decision.Outcome == SignOutcome.FirstSignature);
        Assert.Equal(winner.Digest, winner.Decision.SignedDigest);
        Assert.All(results.Where(r => r != winner), r => Assert.Equal(new SignDecision(SignOutcome.RefusedDifferentDigest, winner.Digest), r.Decision));
        Assert.Equal(winner.Digest, await stores[0].GetSignedDigestAsync(Pool, 4, CancellationToken.None));
    }

    [Fact]
    public async Task TryRecordSignature_ConcurrentSameDigest_OneFirstTheRestSame()
    {
        var store = await this.OpenAsync();
        await store.RecordObservationAsync(Observation(4), CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => store.TryRecordSignatureAsync(Pool, 4, DigestA, CancellationToken.None))));

        Assert.Single(results, r => r.Outcome == SignOutcome.FirstSignature);
        Assert.All(results, r => Assert.True(r.MaySign));
    }

    [Fact]
    public async Task ConcurrentObservations_OfConsecutiveEpochs_KeepConsistentTotals()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => this.OpenAsync()));

        // Epochs recorded by racing writers must not lose an update; out-of-order attempts may be refused, never merged.
        var outcomes = await Task.WhenAll(Enumerable.Range(1, 12).Select(epoch => Task.Run(async () =>
        {
            try
            {
                return (await stores[epoch % 4].RecordObservationAsync(Observation((ulong)epoch, deliveredMs: 1_000), CancellationToken.None)).Outcome.ToString();
            }
            catch (ObservationOutOfOrderException)
            {
                return "out of order";
            }
        })));

        var latest = await stores[0].GetLatestObservationAsync(Pool, CancellationToken.None);
        var recorded = outcomes.Count(o => o == nameof(ObservationRecordOutcome.Recorded));
        Assert.Equal((ulong)recorded * 1_000, latest!.Totals.DeliveredGpuMilliseconds);
        Assert.Equal(12UL, latest.Observation.Epoch);
    }

    [Fact]
    public async Task SignaturesAndObservations_CannotBeRewrittenEvenBySql()
    {
        var store = await this.OpenAsync();
        await store.RecordObservationAsync(Observation(1), CancellationToken.None);
        await store.TryRecordSignatureAsync(Pool, 1, DigestA, CancellationToken.None);

        await Assert.ThrowsAsync<SqliteException>(() => this.ExecuteAsync("UPDATE signatures SET digest = zeroblob(32);"));
        await Assert.ThrowsAsync<SqliteException>(() => this.ExecuteAsync("DELETE FROM signatures;"));
        await Assert.ThrowsAsync<SqliteException>(() => this.ExecuteAsync("UPDATE observations SET uptime_bps = 10000;"));
        await Assert.ThrowsAsync<SqliteException>(() => this.ExecuteAsync("DELETE FROM observations;"));
        Assert.Equal(Hex(DigestA), await store.GetSignedDigestAsync(Pool, 1, CancellationToken.None));
    }

    [Fact]
    public async Task TryRecordSignature_RejectsADigestThatIsNot32Bytes()
    {
        var store = await this.OpenAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.TryRecordSignatureAsync(Pool, 1, new byte[31], CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.TryRecordSignatureAsync(Pool, ulong.MaxValue, DigestA, CancellationToken.None));
    }

    private static byte[] Digest(byte seed) => Enumerable.Range(0, 32).Select(i => (byte)(seed + i)).ToArray();

    private static string Hex(byte[] digest) => "0x" + Convert.ToHexStringLower(digest);

    private static EpochObservation Observation(ulong epoch, ulong deliveredMs = 1_000, ulong energyMj = 5_000)
    {
        var start = new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero).AddHours(epoch);
        return new EpochObservation(Pool, epoch, start, start.AddHours(1), 8, 8_535, 9_745, 4_677_998, deliveredMs, energyMj, 0);
    }

    private Task<SafetyStore> OpenAsync() => SafetyStore.OpenAsync(this.DatabasePath, this.clock, CancellationToken.None);

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={this.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private async Task ExecuteAsync(string sql) => await this.ScalarAsync(sql);
}
