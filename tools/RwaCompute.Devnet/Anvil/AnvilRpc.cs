using System.Globalization;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;

namespace RwaCompute.Devnet.Anvil;

/// <summary>anvil's test-only JSON-RPC methods (time travel, snapshots, mining control, fault injection).</summary>
public sealed class AnvilRpc
{
    private readonly RpcClient client;

    /// <summary>Creates the helper.</summary>
    /// <param name="rpcUrl">anvil's URL.</param>
    public AnvilRpc(string rpcUrl)
    {
        client = new RpcClient(new Uri(rpcUrl));
    }

    /// <summary>Moves the chain's clock forward and mines a block at the new time.</summary>
    /// <param name="by">How far.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Completes when mined.</returns>
    public async Task IncreaseTimeAsync(TimeSpan by, CancellationToken cancellationToken = default)
    {
        await SendAsync<object>("evm_increaseTime", cancellationToken, (long)by.TotalSeconds).ConfigureAwait(false);
        await MineAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Mines one block.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Completes when mined.</returns>
    public Task MineAsync(CancellationToken cancellationToken = default) => SendAsync<object>("evm_mine", cancellationToken);

    /// <summary>Takes a snapshot of the chain state.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The snapshot id.</returns>
    public Task<string> SnapshotAsync(CancellationToken cancellationToken = default) => SendAsync<string>("evm_snapshot", cancellationToken);

    /// <summary>Reverts to a snapshot (which is consumed).</summary>
    /// <param name="snapshotId">The id.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Whether it reverted.</returns>
    public Task<bool> RevertAsync(string snapshotId, CancellationToken cancellationToken = default) => SendAsync<bool>("evm_revert", cancellationToken, snapshotId);

    /// <summary>Turns mining on every transaction on or off.</summary>
    /// <param name="enabled">On or off.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Completes when set.</returns>
    public Task SetAutomineAsync(bool enabled, CancellationToken cancellationToken = default) => SendAsync<object>("evm_setAutomine", cancellationToken, enabled);

    /// <summary>Removes a pending transaction from the pool.</summary>
    /// <param name="transactionHash">The transaction.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Completes when dropped.</returns>
    public Task DropTransactionAsync(string transactionHash, CancellationToken cancellationToken = default) => SendAsync<object>("anvil_dropTransaction", cancellationToken, transactionHash);

    /// <summary>Replaces the last <paramref name="depth"/> blocks with empty ones (a reorg).</summary>
    /// <param name="depth">How many blocks.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Completes when reorganised.</returns>
    public Task ReorgAsync(int depth, CancellationToken cancellationToken = default) =>
        SendAsync<object>("anvil_reorg", cancellationToken, depth, Array.Empty<object>());

    /// <summary>The whole chain state as a hex blob (<c>anvil_dumpState</c>).</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The state.</returns>
    public Task<string> DumpStateAsync(CancellationToken cancellationToken = default) => SendAsync<string>("anvil_dumpState", cancellationToken);

    /// <summary>Loads a state from <see cref="DumpStateAsync"/>.</summary>
    /// <param name="state">The state.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Completes when loaded.</returns>
    public Task LoadStateAsync(string state, CancellationToken cancellationToken = default) => SendAsync<object>("anvil_loadState", cancellationToken, state);

    /// <summary>The latest block number.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The number.</returns>
    public async Task<long> BlockNumberAsync(CancellationToken cancellationToken = default) =>
        (long)(await SendAsync<HexBigInteger>("eth_blockNumber", cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>An account's nonce at the latest block.</summary>
    /// <param name="address">The account.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The nonce.</returns>
    public async Task<long> NonceAsync(string address, CancellationToken cancellationToken = default) =>
        (long)(await SendAsync<HexBigInteger>("eth_getTransactionCount", cancellationToken, address, "latest").ConfigureAwait(false)).Value;

    private Task<T> SendAsync<T>(string method, CancellationToken cancellationToken, params object[] parameters) =>
        client.SendRequestAsync<T>(method, null, parameters).WaitAsync(cancellationToken);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"AnvilRpc({client})");
}
