using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.ABI.Model;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace RwaCompute.Contracts.Runtime;

/// <summary>
/// Base of the generated contract services: runs Nethereum's contract handler with cancellation, and turns
/// reverts into the typed exceptions of the contract's <see cref="ContractErrorDecoder"/>.
/// </summary>
/// <remarks>
/// Nethereum's queries and sends take no cancellation token: cancelling stops the wait and throws
/// <see cref="OperationCanceledException"/>, but an RPC request already sent is not recalled. Receipt waits
/// (<c>…RequestAndWaitForReceiptAsync</c>) honour the token fully.
/// </remarks>
public abstract class TypedContractServiceBase : ContractWeb3ServiceBase
{
    /// <summary>Creates the service.</summary>
    /// <param name="web3">The Web3 instance (its account signs transactions).</param>
    /// <param name="contractAddress">The contract's address.</param>
    /// <param name="errorDecoder">The contract's revert decoder.</param>
    protected TypedContractServiceBase(IWeb3 web3, string contractAddress, ContractErrorDecoder errorDecoder)
        : base(web3, contractAddress)
    {
        ErrorDecoder = errorDecoder ?? throw new ArgumentNullException(nameof(errorDecoder));
    }

    /// <summary>Decodes this contract's reverts into typed exceptions.</summary>
    public ContractErrorDecoder ErrorDecoder { get; }

    /// <summary>Calls a function with <c>eth_call</c> and decodes a single return value.</summary>
    /// <typeparam name="TFunction">The function message.</typeparam>
    /// <typeparam name="TResult">The return type.</typeparam>
    /// <param name="message">The call.</param>
    /// <param name="blockParameter">The block to call at (latest when <see langword="null"/>).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The decoded value.</returns>
    protected Task<TResult> QueryAsync<TFunction, TResult>(TFunction message, BlockParameter? blockParameter, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new() =>
        RunAsync(() => ContractHandler.QueryAsync<TFunction, TResult>(message, blockParameter), ErrorDecoder, cancellationToken);

    /// <summary>Calls a function with <c>eth_call</c> for its effect on success or revert (it returns nothing).</summary>
    /// <typeparam name="TFunction">The function message.</typeparam>
    /// <param name="message">The call.</param>
    /// <param name="blockParameter">The block to call at (latest when <see langword="null"/>).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Completes when the call succeeds.</returns>
    protected Task CallAsync<TFunction>(TFunction message, BlockParameter? blockParameter, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new() =>
        RunAsync(() => ContractHandler.QueryRawAsync<TFunction>(message, blockParameter), ErrorDecoder, cancellationToken);

    /// <summary>Calls a function with <c>eth_call</c> and decodes its output DTO.</summary>
    /// <typeparam name="TFunction">The function message.</typeparam>
    /// <typeparam name="TOutput">The output DTO.</typeparam>
    /// <param name="message">The call.</param>
    /// <param name="blockParameter">The block to call at (latest when <see langword="null"/>).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The decoded outputs.</returns>
    protected Task<TOutput> QueryOutputAsync<TFunction, TOutput>(TFunction message, BlockParameter? blockParameter, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
        where TOutput : IFunctionOutputDTO, new() =>
        RunAsync(() => ContractHandler.QueryDeserializingToObjectAsync<TFunction, TOutput>(message, blockParameter), ErrorDecoder, cancellationToken);

    /// <summary>Calls a function with <c>eth_call</c> and decodes one value through its output DTO.</summary>
    /// <typeparam name="TFunction">The function message.</typeparam>
    /// <typeparam name="TOutput">The output DTO.</typeparam>
    /// <typeparam name="TResult">The value's type.</typeparam>
    /// <param name="message">The call.</param>
    /// <param name="select">Picks the value out of the DTO.</param>
    /// <param name="blockParameter">The block to call at (latest when <see langword="null"/>).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The decoded value.</returns>
    protected async Task<TResult> QueryOutputAsync<TFunction, TOutput, TResult>(TFunction message, Func<TOutput, TResult> select, BlockParameter? blockParameter, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
        where TOutput : IFunctionOutputDTO, new()
    {
        ArgumentNullException.ThrowIfNull(select);

        var output = await QueryOutputAsync<TFunction, TOutput>(message, blockParameter, cancellationToken).ConfigureAwait(false);
        return select(output);
    }

    /// <summary>Signs and sends a transaction (gas estimated by Nethereum); returns its hash.</summary>
    /// <typeparam name="TFunction">The function message.</typeparam>
    /// <param name="message">The transaction.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction hash.</returns>
    protected Task<string> SendAsync<TFunction>(TFunction message, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new() =>
        RunAsync(() => ContractHandler.SendRequestAsync(message), ErrorDecoder, cancellationToken);

    /// <summary>Signs and sends a transaction, then waits for its receipt.</summary>
    /// <typeparam name="TFunction">The function message.</typeparam>
    /// <param name="message">The transaction.</param>
    /// <param name="cancellationToken">Cancels the wait for the receipt.</param>
    /// <returns>The receipt (check <c>Status</c>: a transaction sent with an explicit gas limit can be mined
    /// reverted).</returns>
    protected Task<TransactionReceipt> SendAndWaitForReceiptAsync<TFunction>(TFunction message, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new() =>
        RunAsync(() => ContractHandler.SendRequestAndWaitForReceiptAsync(message, cancellationToken), ErrorDecoder, cancellationToken);

    /// <summary>Fetches this contract's logs of one event (<c>eth_getLogs</c>), optionally filtered on indexed
    /// parameters.</summary>
    /// <typeparam name="TEvent">The event DTO.</typeparam>
    /// <param name="indexedFilters">One value per indexed parameter, in order: <see langword="null"/> matches
    /// anything; a hashed (reference-type) parameter takes the 0x topic hash.</param>
    /// <param name="fromBlock">First block (earliest when <see langword="null"/>).</param>
    /// <param name="toBlock">Last block (latest when <see langword="null"/>).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The decoded logs.</returns>
    protected Task<List<EventLog<TEvent>>> GetEventsAsync<TEvent>(object?[] indexedFilters, BlockParameter? fromBlock, BlockParameter? toBlock, CancellationToken cancellationToken)
        where TEvent : IEventDTO, new()
    {
        ArgumentNullException.ThrowIfNull(indexedFilters);

        var handler = ContractHandler.GetEvent<TEvent>();
        var filter = handler.CreateFilterInput(fromBlock, toBlock);
        if (indexedFilters.Any(value => value is not null))
        {
            // Nethereum's topic builder assumes the indexed parameters come first; build the topics from the ABI.
            var indexed = Event<TEvent>.GetEventABI().InputParameters.Where(p => p.Indexed).OrderBy(p => p.Order).ToArray();
            var topics = new object?[1 + indexed.Length];
            topics[0] = filter.Topics[0];
            for (var i = 0; i < indexed.Length && i < indexedFilters.Length; i++)
            {
                topics[i + 1] = indexedFilters[i] is { } value ? EncodeTopic(indexed[i], value) : null;
            }

            filter.Topics = topics;
        }

        return RunAsync(() => handler.GetAllChangesAsync(filter), ErrorDecoder, cancellationToken);
    }

    /// <summary>Decodes the logs of one event that this contract emitted in a transaction.</summary>
    /// <typeparam name="TEvent">The event DTO.</typeparam>
    /// <param name="receipt">The transaction receipt.</param>
    /// <returns>The decoded logs, in log order.</returns>
    protected List<EventLog<TEvent>> DecodeEvents<TEvent>(TransactionReceipt receipt)
        where TEvent : IEventDTO, new()
    {
        ArgumentNullException.ThrowIfNull(receipt);

        return receipt.DecodeAllEvents<TEvent>()
            .Where(e => string.Equals(e.Log.Address, ContractAddress, StringComparison.OrdinalIgnoreCase))
            .ToList();
    }

    /// <summary>Deploys a contract and waits for the receipt; reverts become typed exceptions.</summary>
    /// <typeparam name="TDeployment">The deployment message.</typeparam>
    /// <param name="web3">The Web3 instance.</param>
    /// <param name="deployment">Creation bytecode and constructor arguments.</param>
    /// <param name="errorDecoder">The contract's revert decoder.</param>
    /// <param name="cancellationToken">Cancels the wait for the receipt.</param>
    /// <returns>The receipt.</returns>
    protected static Task<TransactionReceipt> DeployAndWaitForReceiptAsync<TDeployment>(IWeb3 web3, TDeployment deployment, ContractErrorDecoder errorDecoder, CancellationToken cancellationToken)
        where TDeployment : ContractDeploymentMessage, new()
    {
        ArgumentNullException.ThrowIfNull(web3);

        return RunAsync(() => web3.Eth.GetContractDeploymentHandler<TDeployment>().SendRequestAndWaitForReceiptAsync(deployment, cancellationToken), errorDecoder, cancellationToken);
    }

    /// <summary>Sends a deployment transaction; returns its hash.</summary>
    /// <typeparam name="TDeployment">The deployment message.</typeparam>
    /// <param name="web3">The Web3 instance.</param>
    /// <param name="deployment">Creation bytecode and constructor arguments.</param>
    /// <param name="errorDecoder">The contract's revert decoder.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction hash.</returns>
    protected static Task<string> DeployAsync<TDeployment>(IWeb3 web3, TDeployment deployment, ContractErrorDecoder errorDecoder, CancellationToken cancellationToken)
        where TDeployment : ContractDeploymentMessage, new()
    {
        ArgumentNullException.ThrowIfNull(web3);

        return RunAsync(() => web3.Eth.GetContractDeploymentHandler<TDeployment>().SendRequestAsync(deployment), errorDecoder, cancellationToken);
    }

    /// <summary>The address a deployment receipt reports, or an exception if the deployment failed.</summary>
    /// <param name="receipt">The deployment receipt.</param>
    /// <returns>The new contract's address.</returns>
    protected static string DeployedAddress(TransactionReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);

        if (receipt.Status?.Value == 0 || string.IsNullOrEmpty(receipt.ContractAddress))
        {
            throw new InvalidOperationException("Deployment transaction " + receipt.TransactionHash + " failed (status 0, no contract address).");
        }

        return receipt.ContractAddress;
    }

    /// <summary>Awaits a Nethereum call with cancellation and translates reverts.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="call">Starts the call.</param>
    /// <param name="errorDecoder">The contract's revert decoder.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The call's result.</returns>
    protected static async Task<T> RunAsync<T>(Func<Task<T>> call, ContractErrorDecoder errorDecoder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);

        ArgumentNullException.ThrowIfNull(errorDecoder);

        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await call().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (errorDecoder.TryTranslate(ex, out var revert))
        {
            throw revert;
        }
    }

    private static object EncodeTopic(Parameter parameter, object value)
    {
        var type = parameter.Type;
        var hashed = type == "string" || type == "bytes" || type.EndsWith(']') || type.StartsWith("tuple", StringComparison.Ordinal);
        return hashed ? value : parameter.ABIType.Encode(value).ToHex(true);
    }
}
