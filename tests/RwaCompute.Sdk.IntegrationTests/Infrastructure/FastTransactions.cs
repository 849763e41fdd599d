using RwaCompute.Sdk.Transactions;

namespace RwaCompute.Sdk.IntegrationTests.Infrastructure;

/// <summary>Transaction settings for tests on a local anvil: quick receipt polls, a generous receipt timeout (slow CI
/// machines), and a short "missing receipt" check so drops and gaps are handled within the test.</summary>
internal static class FastTransactions
{
    /// <summary>The settings.</summary>
    public static TransactionOptions Options { get; } = new()
    {
        InitialPollInterval = TimeSpan.FromMilliseconds(5),
        MaxPollInterval = TimeSpan.FromMilliseconds(100),
        ReceiptTimeout = TimeSpan.FromSeconds(60),
        DroppedAfter = TimeSpan.FromMilliseconds(200),
    };
}
