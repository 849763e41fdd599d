namespace RwaCompute.Sdk.Clients;

/// <summary>The token's last pause (<c>pauseWindow()</c>). A pause that starts within <c>PAUSE_CURE</c> of the previous
/// unpause continues it, so <see cref="PausedAt"/> is kept.</summary>
/// <param name="PausedAt">When it started; <see langword="null"/> if the token was never paused.</param>
/// <param name="UnpausedAt">When it ended; <see langword="null"/> while it lasts (or if never paused).</param>
public sealed record PauseWindow(DateTimeOffset? PausedAt, DateTimeOffset? UnpausedAt)
{
    /// <summary>Whether the pause is still on.</summary>
    public bool IsOngoing => PausedAt is not null && UnpausedAt is null;
}
