using Microsoft.Extensions.Logging;

namespace RwaCompute.Sdk.Deployment;

/// <summary>The deployer's log messages (addresses and transaction hashes only: never keys).</summary>
internal static partial class DeploymentLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Deploying to chain {ChainId} as {Deployer}; manifest {ManifestPath}")]
    public static partial void Starting(ILogger logger, long chainId, string deployer, string manifestPath);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Step}: sent {TransactionHash}")]
    public static partial void Sent(ILogger logger, string step, string transactionHash);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "{Step}: completed in block {Block} ({TransactionHash})")]
    public static partial void Completed(ILogger logger, string step, long block, string transactionHash);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "{Step}: already on chain ({Detail}), nothing sent")]
    public static partial void Skipped(ILogger logger, string step, string detail);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "{Step}: resuming journaled transaction {TransactionHash}")]
    public static partial void Resuming(ILogger logger, string step, string transactionHash);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Journal {JournalPath}: ignored {Count} unreadable line(s) (a torn write after a crash?)")]
    public static partial void TornJournal(ILogger logger, string journalPath, int count);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "{Step}: journaled transaction {TransactionHash} failed or was dropped; sending a new one")]
    public static partial void Resending(ILogger logger, string step, string transactionHash);
}
