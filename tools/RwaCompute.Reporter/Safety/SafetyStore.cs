using System.Globalization;
using Microsoft.Data.Sqlite;
using RwaCompute.Reporter.Observations;
using RwaCompute.Reporter.Pools;

namespace RwaCompute.Reporter.Safety;

/// <summary>
/// The reporter node's safety database (SQLite): the observations it computed, each persisted before anything is
/// signed, the pool's cumulative totals, and the sign guard, which never lets the node sign two different report
/// digests for one (pool, epoch), across crashes and restarts, like a validator's anti-double-sign database.
/// </summary>
/// <remarks>
/// <para>Every operation opens its own connection and runs in an IMMEDIATE transaction (the write lock is taken
/// before anything is read), so a check and the write it decides are atomic against other connections, other
/// store instances and other processes on the same file; a contender waits (busy timeout) rather than failing.</para>
/// <para>The file is in WAL mode with <c>synchronous=FULL</c>: a committed signature record survives a power
/// loss, which <c>NORMAL</c> would not guarantee in WAL mode. A record the guard returned is durable before the
/// caller can sign.</para>
/// </remarks>
/// <example>
/// <code>
/// var store = await SafetyStore.OpenAsync("/var/lib/rwa-reporter/safety.db", TimeProvider.System, ct);
/// var recorded = await store.RecordObservationAsync(observation, ct);   // before signing
/// var decision = await store.TryRecordSignatureAsync(poolId, epoch, digest, ct);
/// if (decision.MaySign) { /* sign digest */ }
/// </code>
/// </example>
public sealed class SafetyStore
{
    /// <summary>Size of a report digest (EIP-712 hash) in bytes.</summary>
    public const int DigestSize = 32;

    private const int BusyTimeoutSeconds = 30;
    private readonly string connectionString;
    private readonly TimeProvider timeProvider;

    private SafetyStore(string path, TimeProvider timeProvider)
    {
        this.Path = path;
        this.timeProvider = timeProvider;
        this.connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens (or creates) the database, switches it to WAL and brings its schema up to date.</summary>
    /// <param name="path">The database file; its folder is created if missing.</param>
    /// <param name="timeProvider">The clock for record times.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>The store.</returns>
    /// <exception cref="SafetyStoreSchemaException">The file was written by a newer reporter.</exception>
    /// <exception cref="SqliteException">The file is not a SQLite database or cannot be written.</exception>
    public static async Task<SafetyStore> OpenAsync(string path, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var fullPath = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
        var store = new SafetyStore(fullPath, timeProvider);
        var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using (var wal = connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode=WAL;";
                var mode = Convert.ToString(await wal.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new SafetyStoreSchemaException($"The safety database could not be switched to WAL mode (it is in '{mode}' mode).");
                }
            }

            using var transaction = BeginImmediate(connection);
            await SafetyStoreSchema.MigrateAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return store;
    }

    /// <summary>
    /// Persists a pool's observation of an epoch with the pool's cumulative totals through it. Call it before
    /// signing anything for that epoch. Recording the same observation again is harmless; a different one for an
    /// already recorded (pool, epoch) is not stored, and the earlier one is returned for the node to go on with.
    /// </summary>
    /// <param name="observation">The observation.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>What the store now holds for the (pool, epoch), and what recording did.</returns>
    /// <exception cref="ObservationOutOfOrderException">A later epoch of the pool is already recorded.</exception>
    /// <exception cref="OverflowException">A cumulative total no longer fits.</exception>
    public async Task<RecordedObservation> RecordObservationAsync(EpochObservation observation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var epoch = ToStoredEpoch(observation.Epoch);
        var connection = await this.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = BeginImmediate(connection);
            var existing = await ReadObservationAsync(connection, transaction, observation.PoolId, "epoch = $epoch", epoch, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                var outcome = existing.Observation == observation ? ObservationRecordOutcome.AlreadyRecorded : ObservationRecordOutcome.DifferentObservationKept;
                return new RecordedObservation(existing, outcome);
            }

            var latest = await ReadObservationAsync(connection, transaction, observation.PoolId, "epoch = (SELECT MAX(epoch) FROM observations WHERE pool_id = $pool)", null, cancellationToken).ConfigureAwait(false);
            if (latest is not null && latest.Observation.Epoch > observation.Epoch)
            {
                throw new ObservationOutOfOrderException(
                    $"Pool {observation.PoolId}: epoch {latest.Observation.Epoch} is already recorded, so epoch {observation.Epoch} can no longer be (cumulative totals only move forward).");
            }

            var totals = (latest?.Totals ?? CumulativeTotals.Zero(observation.PoolId)).Add(observation);
            var persisted = new PersistedObservation(observation, totals, this.timeProvider.GetUtcNow());
            await InsertObservationAsync(connection, transaction, persisted, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new RecordedObservation(persisted, ObservationRecordOutcome.Recorded);
        }
    }

    /// <summary>
    /// The sign guard: asks to sign <paramref name="digest"/> for (<paramref name="poolId"/>, <paramref name="epoch"/>)
    /// and records it if allowed, atomically. Allowed the first time and for the same digest again; refused for a
    /// different digest (whatever happened in between: crash, restart, another process on the same file) and when
    /// the node has not persisted its observation of that epoch.
    /// </summary>
    /// <param name="poolId">The pool.</param>
    /// <param name="epoch">The epoch.</param>
    /// <param name="digest">The report digest to be signed (32 bytes).</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The decision; sign only when <see cref="SignDecision.MaySign"/>.</returns>
    /// <exception cref="ArgumentException">The digest is not 32 bytes.</exception>
    public async Task<SignDecision> TryRecordSignatureAsync(PoolId poolId, ulong epoch, ReadOnlyMemory<byte> digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(poolId);
        if (digest.Length != DigestSize)
        {
            throw new ArgumentException($"A report digest is {DigestSize} bytes, got {digest.Length}.", nameof(digest));
        }

        var storedEpoch = ToStoredEpoch(epoch);
        var digestBytes = digest.ToArray();
        var connection = await this.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = BeginImmediate(connection);
            using (var observed = Command(connection, transaction, "SELECT 1 FROM observations WHERE pool_id = $pool AND epoch = $epoch;", poolId, storedEpoch))
            {
                if (await observed.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
                {
                    return new SignDecision(SignOutcome.RefusedNoObservation, null);
                }
            }

            using (var insert = Command(connection, transaction, "INSERT INTO signatures (pool_id, epoch, digest, signed_at_ticks) VALUES ($pool, $epoch, $digest, $at) ON CONFLICT (pool_id, epoch) DO NOTHING;", poolId, storedEpoch))
            {
                insert.Parameters.AddWithValue("$digest", digestBytes);
                insert.Parameters.AddWithValue("$at", this.timeProvider.GetUtcNow().UtcTicks);
                if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                {
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return new SignDecision(SignOutcome.FirstSignature, ToHex(digestBytes));
                }
            }

            var signed = await ReadDigestAsync(connection, transaction, poolId, storedEpoch, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The signature row vanished inside a write transaction.");
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return signed.AsSpan().SequenceEqual(digestBytes)
                ? new SignDecision(SignOutcome.SameDigestAgain, ToHex(signed))
                : new SignDecision(SignOutcome.RefusedDifferentDigest, ToHex(signed));
        }
    }

    /// <summary>The digest signed for a (pool, epoch), if any.</summary>
    /// <param name="poolId">The pool.</param>
    /// <param name="epoch">The epoch.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns><c>0x</c> hex of the digest, or <see langword="null"/>.</returns>
    public async Task<string?> GetSignedDigestAsync(PoolId poolId, ulong epoch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(poolId);
        var connection = await this.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var digest = await ReadDigestAsync(connection, null, poolId, ToStoredEpoch(epoch), cancellationToken).ConfigureAwait(false);
            return digest is null ? null : ToHex(digest);
        }
    }

    /// <summary>The persisted observation of a (pool, epoch), if any.</summary>
    /// <param name="poolId">The pool.</param>
    /// <param name="epoch">The epoch.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The observation with its totals, or <see langword="null"/>.</returns>
    public async Task<PersistedObservation?> GetObservationAsync(PoolId poolId, ulong epoch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(poolId);
        var connection = await this.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ReadObservationAsync(connection, null, poolId, "epoch = $epoch", ToStoredEpoch(epoch), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A pool's latest persisted observation, if any: where its next epoch and cumulative totals go on from.</summary>
    /// <param name="poolId">The pool.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The latest observation with its totals, or <see langword="null"/>.</returns>
    public async Task<PersistedObservation?> GetLatestObservationAsync(PoolId poolId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(poolId);
        var connection = await this.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ReadObservationAsync(connection, null, poolId, "epoch = (SELECT MAX(epoch) FROM observations WHERE pool_id = $pool)", null, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(this.connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = string.Create(
                CultureInfo.InvariantCulture,
                $"PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000}; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
            await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // IMMEDIATE: the write lock is taken at BEGIN, so what a transaction reads cannot change before it writes.
    private static SqliteTransaction BeginImmediate(SqliteConnection connection) => connection.BeginTransaction(deferred: false);

    private static long ToStoredEpoch(ulong epoch) =>
        epoch <= long.MaxValue ? (long)epoch : throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "The safety store keeps epochs up to 2^63 - 1.");

    private static string ToHex(byte[] digest) => "0x" + Convert.ToHexStringLower(digest);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, PoolId poolId, long? epoch)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$pool", poolId.Hex);
        if (epoch is { } value)
        {
            command.Parameters.AddWithValue("$epoch", value);
        }

        return command;
    }

    private static async Task<byte[]?> ReadDigestAsync(SqliteConnection connection, SqliteTransaction? transaction, PoolId poolId, long epoch, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, "SELECT digest FROM signatures WHERE pool_id = $pool AND epoch = $epoch;", poolId, epoch);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[];
    }

    private static async Task<PersistedObservation?> ReadObservationAsync(SqliteConnection connection, SqliteTransaction? transaction, PoolId poolId, string epochCondition, long? epoch, CancellationToken cancellationToken)
    {
        using var command = Command(
            connection,
            transaction,
            "SELECT epoch, window_start_ticks, window_end_ticks, gpu_count, utilization_bps, uptime_bps, up_gpu_ms, delivered_gpu_ms, energy_mj, curtailed_gpu_ms, "
            + "total_delivered_gpu_ms, total_energy_mj, total_curtailed_gpu_ms, recorded_at_ticks FROM observations WHERE pool_id = $pool AND " + epochCondition + ";",
            poolId,
            epoch);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var storedEpoch = (ulong)reader.GetInt64(0);
        var observation = new EpochObservation(
            poolId,
            storedEpoch,
            new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero),
            new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero),
            reader.GetInt32(3),
            (ushort)reader.GetInt32(4),
            (ushort)reader.GetInt32(5),
            ParseUInt64(reader.GetString(6)),
            ParseUInt64(reader.GetString(7)),
            ParseUInt64(reader.GetString(8)),
            ParseUInt64(reader.GetString(9)));
        var totals = new CumulativeTotals(
            poolId,
            storedEpoch,
            ParseUInt64(reader.GetString(10)),
            UInt128.Parse(reader.GetString(11), NumberStyles.None, CultureInfo.InvariantCulture),
            ParseUInt64(reader.GetString(12)));
        return new PersistedObservation(observation, totals, new DateTimeOffset(reader.GetInt64(13), TimeSpan.Zero));
    }

    private static async Task InsertObservationAsync(SqliteConnection connection, SqliteTransaction transaction, PersistedObservation persisted, CancellationToken cancellationToken)
    {
        var (observation, totals) = (persisted.Observation, persisted.Totals);
        using var command = Command(
            connection,
            transaction,
            "INSERT INTO observations (pool_id, epoch, window_start_ticks, window_end_ticks, gpu_count, utilization_bps, uptime_bps, up_gpu_ms, delivered_gpu_ms, "
            + "energy_mj, curtailed_gpu_ms, total_delivered_gpu_ms, total_energy_mj, total_curtailed_gpu_ms, recorded_at_ticks) VALUES ($pool, $epoch, $start, $end, "
            + "$gpus, $utilization, $uptime, $up, $delivered, $energy, $curtailed, $totalDelivered, $totalEnergy, $totalCurtailed, $recordedAt);",
            observation.PoolId,
            ToStoredEpoch(observation.Epoch));
        var parameters = command.Parameters;
        parameters.AddWithValue("$start", observation.WindowStart.UtcTicks);
        parameters.AddWithValue("$end", observation.WindowEnd.UtcTicks);
        parameters.AddWithValue("$gpus", observation.GpuCount);
        parameters.AddWithValue("$utilization", (int)observation.UtilizationBps);
        parameters.AddWithValue("$uptime", (int)observation.UptimeBps);
        parameters.AddWithValue("$up", Text(observation.UpGpuMilliseconds));
        parameters.AddWithValue("$delivered", Text(observation.DeliveredGpuMilliseconds));
        parameters.AddWithValue("$energy", Text(observation.EnergyMillijoules));
        parameters.AddWithValue("$curtailed", Text(observation.CurtailedGpuMilliseconds));
        parameters.AddWithValue("$totalDelivered", Text(totals.DeliveredGpuMilliseconds));
        parameters.AddWithValue("$totalEnergy", totals.EnergyMillijoules.ToString(CultureInfo.InvariantCulture));
        parameters.AddWithValue("$totalCurtailed", Text(totals.CurtailedGpuMilliseconds));
        parameters.AddWithValue("$recordedAt", persisted.RecordedAt.UtcTicks);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Text(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static ulong ParseUInt64(string text) => ulong.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
}
