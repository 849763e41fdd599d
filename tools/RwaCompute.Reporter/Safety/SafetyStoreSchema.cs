using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RwaCompute.Reporter.Safety;

/// <summary>
/// The safety database's schema and its migrations. <c>schema_version</c> holds one row, the version the file is
/// at; opening applies the missing migrations in one transaction and refuses a file of a newer version.
/// </summary>
/// <remarks>
/// Unsigned 64-bit quantities are stored as decimal TEXT (SQLite integers are signed 64-bit; 128-bit energy totals
/// fit nowhere else); epochs as INTEGER (the store accepts epochs up to 2^63 − 1); instants as UTC ticks. Triggers
/// make observations and signatures append-only: no code path, buggy or not, can rewrite what was signed.
/// </remarks>
internal static class SafetyStoreSchema
{
    /// <summary>The version this code writes.</summary>
    public const int CurrentVersion = 1;

    private static readonly string[] Migrations =
    [
        // 1: observations with running totals, signatures, both append-only.
        """
        CREATE TABLE observations (
            pool_id TEXT NOT NULL,
            epoch INTEGER NOT NULL CHECK (epoch >= 0),
            window_start_ticks INTEGER NOT NULL,
            window_end_ticks INTEGER NOT NULL,
            gpu_count INTEGER NOT NULL,
            utilization_bps INTEGER NOT NULL CHECK (utilization_bps BETWEEN 0 AND 10000),
            uptime_bps INTEGER NOT NULL CHECK (uptime_bps BETWEEN 0 AND 10000),
            up_gpu_ms TEXT NOT NULL,
            delivered_gpu_ms TEXT NOT NULL,
            energy_mj TEXT NOT NULL,
            curtailed_gpu_ms TEXT NOT NULL,
            total_delivered_gpu_ms TEXT NOT NULL,
            total_energy_mj TEXT NOT NULL,
            total_curtailed_gpu_ms TEXT NOT NULL,
            recorded_at_ticks INTEGER NOT NULL,
            PRIMARY KEY (pool_id, epoch)
        ) WITHOUT ROWID;
        CREATE TABLE signatures (
            pool_id TEXT NOT NULL,
            epoch INTEGER NOT NULL,
            digest BLOB NOT NULL CHECK (length(digest) = 32),
            signed_at_ticks INTEGER NOT NULL,
            PRIMARY KEY (pool_id, epoch),
            FOREIGN KEY (pool_id, epoch) REFERENCES observations (pool_id, epoch)
        ) WITHOUT ROWID;
        CREATE TRIGGER observations_no_update BEFORE UPDATE ON observations BEGIN SELECT RAISE(ABORT, 'observations are append-only'); END;
        CREATE TRIGGER observations_no_delete BEFORE DELETE ON observations BEGIN SELECT RAISE(ABORT, 'observations are append-only'); END;
        CREATE TRIGGER signatures_no_update BEFORE UPDATE ON signatures BEGIN SELECT RAISE(ABORT, 'signatures are append-only'); END;
        CREATE TRIGGER signatures_no_delete BEFORE DELETE ON signatures BEGIN SELECT RAISE(ABORT, 'signatures are append-only'); END;
        """,
    ];

    /// <summary>Brings the database to <see cref="CurrentVersion"/> inside the caller's transaction.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="transaction">An immediate (write) transaction.</param>
    /// <param name="cancellationToken">Cancels the migration.</param>
    /// <returns>The version the file was at before.</returns>
    /// <exception cref="SafetyStoreSchemaException">The file is newer than this code.</exception>
    public static async Task<int> MigrateAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);", cancellationToken).ConfigureAwait(false);
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT version FROM schema_version WHERE id = 1;";
        var found = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        var version = found is null ? 0 : Convert.ToInt32(found, CultureInfo.InvariantCulture);
        if (version > CurrentVersion)
        {
            throw new SafetyStoreSchemaException($"The safety database is at schema version {version}; this reporter knows versions up to {CurrentVersion}. Upgrade the reporter; never downgrade a node's database.");
        }

        for (var next = version + 1; next <= CurrentVersion; next++)
        {
            await ExecuteAsync(connection, transaction, Migrations[next - 1], cancellationToken).ConfigureAwait(false);
        }

        if (version < CurrentVersion)
        {
            using var write = connection.CreateCommand();
            write.Transaction = transaction;
            write.CommandText = "INSERT INTO schema_version (id, version) VALUES (1, $version) ON CONFLICT (id) DO UPDATE SET version = excluded.version;";
            write.Parameters.AddWithValue("$version", CurrentVersion);
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return version;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
