using RwaCompute.CodeGen.Naming;

namespace RwaCompute.CodeGen.Emitting;

/// <summary>
/// Emits the contract-independent runtime types once into the root namespace: the typed revert exceptions, the
/// revert decoder base and the service base. They are generated (not a package) so that bindings need nothing but
/// Nethereum.
/// </summary>
public static class RuntimeEmitter
{
    /// <summary>The folder (under the output folder) that holds the runtime files.</summary>
    public const string Folder = "Runtime";

    /// <summary>Emits the runtime files.</summary>
    /// <param name="rootNamespace">The namespace the user chose.</param>
    /// <returns>The files, in a fixed order.</returns>
    public static IReadOnlyList<GeneratedFile> Emit(string rootNamespace)
    {
        ArgumentNullException.ThrowIfNull(rootNamespace);
        return
        [
            File(RuntimeTypeNames.RevertException, rootNamespace, ["System"], RevertException),
            File(RuntimeTypeNames.CustomErrorException, rootNamespace, ["System", "System.Collections", "System.Globalization", "System.Linq", "System.Numerics", "System.Reflection", "Nethereum.ABI.FunctionEncoding.Attributes"], CustomErrorException),
            File(RuntimeTypeNames.CustomErrorException + "OfT", rootNamespace, ["System", "Nethereum.ABI.FunctionEncoding.Attributes"], CustomErrorExceptionOfT),
            File(RuntimeTypeNames.ReasonException, rootNamespace, ["System"], ReasonException),
            File(RuntimeTypeNames.PanicException, rootNamespace, ["System", "System.Globalization", "System.Numerics"], PanicException),
            File(RuntimeTypeNames.UnknownRevertException, rootNamespace, ["System"], UnknownRevertException),
            File(RuntimeTypeNames.ErrorDecoder, rootNamespace, ["System", "System.Diagnostics.CodeAnalysis", "System.Numerics", "Nethereum.ABI.FunctionEncoding", "Nethereum.ABI.FunctionEncoding.Attributes", "Nethereum.Contracts", "Nethereum.Hex.HexConvertors.Extensions", "Nethereum.JsonRpc.Client"], ErrorDecoder),
            File(RuntimeTypeNames.ServiceBase, rootNamespace, ["System", "System.Collections.Generic", "System.Linq", "System.Threading", "System.Threading.Tasks", "Nethereum.ABI.FunctionEncoding.Attributes", "Nethereum.ABI.Model", "Nethereum.Contracts", "Nethereum.Hex.HexConvertors.Extensions", "Nethereum.RPC.Eth.DTOs", "Nethereum.Web3"], ServiceBase),
        ];
    }

    private static GeneratedFile File(string typeName, string rootNamespace, string[] usings, string body)
    {
        var writer = new CodeWriter();
        FileHeader.WriteRuntime(writer, usings, rootNamespace);
        foreach (var line in body.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'))
        {
            writer.Line(line);
        }

        return new GeneratedFile(Folder + "/" + typeName + ".g.cs", writer.ToString());
    }

    private const string RevertException = """
/// <summary>
/// A contract call, transaction or deployment reverted. The derived type says how: a custom error
/// (<see cref="ContractCustomErrorException"/> and the typed exception generated per error),
/// <c>Error(string)</c> (<see cref="ContractRevertReasonException"/>), <c>Panic(uint256)</c>
/// (<see cref="ContractPanicException"/>) or data no decoder knows (<see cref="ContractUnknownRevertException"/>).
/// </summary>
public abstract class ContractRevertException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="revertData">The raw revert data, 0x-prefixed hex.</param>
    /// <param name="innerException">The Nethereum or RPC exception the revert arrived in, if any.</param>
    protected ContractRevertException(string message, string revertData, Exception? innerException)
        : base(message, innerException)
    {
        RevertData = revertData;
    }

    /// <summary>The raw revert data, 0x-prefixed lower-case hex (<c>0x</c> when the revert carried none).</summary>
    public string RevertData { get; }

    /// <summary>The first four bytes of <see cref="RevertData"/> (0x-prefixed), or <see langword="null"/> when the
    /// data is shorter.</summary>
    public string? Selector => RevertData.Length >= 10 ? RevertData.Substring(0, 10) : null;
}
""";

    private const string CustomErrorException = """
/// <summary>
/// A contract reverted with a custom error its ABI declares. Catch the generated per-error exception
/// (<c>…Exception</c>) to get the error's typed arguments, or this class to handle every custom error.
/// </summary>
public abstract class ContractCustomErrorException : ContractRevertException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="signature">The error's canonical signature, e.g. <c>InsufficientBalance(address,uint256)</c>.</param>
    /// <param name="message">The message.</param>
    /// <param name="revertData">The raw revert data, 0x-prefixed hex.</param>
    /// <param name="innerException">The exception the revert arrived in, if any.</param>
    protected ContractCustomErrorException(string signature, string message, string revertData, Exception? innerException)
        : base(message, revertData, innerException)
    {
        Signature = signature;
    }

    /// <summary>The error's canonical signature.</summary>
    public string Signature { get; }

    /// <summary>The decoded error (the generated error DTO), untyped.</summary>
    public abstract IErrorDTO ErrorData { get; }

    /// <summary>Formats decoded arguments for messages: <c>(lotId: 7, account: 0xabc…)</c>.</summary>
    /// <param name="error">A decoded error DTO.</param>
    /// <returns>The arguments in declaration order.</returns>
    protected static string FormatArguments(object error)
    {
        if (error is null)
        {
            throw new ArgumentNullException(nameof(error));
        }

        return "(" + string.Join(", ", Fields(error).Select(f => f.Name + ": " + FormatValue(f.Value))) + ")";
    }

    private static (string Name, object? Value)[] Fields(object value) =>
        value.GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<ParameterAttribute>(inherit: true)))
            .Where(p => p.Attribute is not null)
            .OrderBy(p => p.Attribute!.Order)
            .Select(p => (string.IsNullOrEmpty(p.Attribute!.Name) ? p.Property.Name : p.Attribute.Name, p.Property.GetValue(value)))
            .ToArray();

    private static string FormatValue(object? value) => value switch
    {
        null => "null",
        string text => text,
        byte[] bytes => "0x" + Convert.ToHexString(bytes).ToLowerInvariant(),
        bool flag => flag ? "true" : "false",
        BigInteger number => number.ToString(CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(FormatValue)) + "]",
        _ => "{" + string.Join(", ", Fields(value).Select(f => f.Name + ": " + FormatValue(f.Value))) + "}",
    };
}
""";

    private const string CustomErrorExceptionOfT = """
/// <summary>A contract reverted with the custom error <typeparamref name="TError"/>.</summary>
/// <typeparam name="TError">The generated error DTO.</typeparam>
public abstract class ContractCustomErrorException<TError> : ContractCustomErrorException
    where TError : IErrorDTO
{
    /// <summary>Creates the exception.</summary>
    /// <param name="signature">The error's canonical signature.</param>
    /// <param name="error">The decoded error.</param>
    /// <param name="revertData">The raw revert data, 0x-prefixed hex.</param>
    /// <param name="innerException">The exception the revert arrived in, if any.</param>
    protected ContractCustomErrorException(string signature, TError error, string revertData, Exception? innerException)
        : base(signature, "The contract reverted with " + signature.Substring(0, signature.IndexOf('(')) + FormatArguments(error!) + ".", revertData, innerException)
    {
        Error = error;
    }

    /// <summary>The decoded error with its typed arguments.</summary>
    public TError Error { get; }

    /// <inheritdoc/>
    public override IErrorDTO ErrorData => Error;
}
""";

    private const string ReasonException = """
/// <summary>A contract reverted with <c>Error(string)</c>: <c>require(condition, "reason")</c> or
/// <c>revert("reason")</c>.</summary>
public class ContractRevertReasonException : ContractRevertException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">The decoded reason string.</param>
    /// <param name="revertData">The raw revert data, 0x-prefixed hex.</param>
    /// <param name="innerException">The exception the revert arrived in, if any.</param>
    public ContractRevertReasonException(string reason, string revertData, Exception? innerException)
        : base("The contract reverted: " + reason, revertData, innerException)
    {
        Reason = reason;
    }

    /// <summary>The reason string.</summary>
    public string Reason { get; }
}
""";

    private const string PanicException = """
/// <summary>A contract reverted with <c>Panic(uint256)</c>: a failed <c>assert</c>, an arithmetic overflow, a
/// division by zero, an array index out of bounds…; <see cref="Meaning"/> says which.</summary>
public class ContractPanicException : ContractRevertException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">The panic code.</param>
    /// <param name="revertData">The raw revert data, 0x-prefixed hex.</param>
    /// <param name="innerException">The exception the revert arrived in, if any.</param>
    public ContractPanicException(BigInteger code, string revertData, Exception? innerException)
        : base("The contract panicked with code 0x" + code.ToString("x2", CultureInfo.InvariantCulture) + ": " + Describe(code) + ".", revertData, innerException)
    {
        Code = code;
        Meaning = Describe(code);
    }

    /// <summary>The panic code (0x01 assert, 0x11 overflow, 0x12 division by zero, 0x32 index out of bounds…).</summary>
    public BigInteger Code { get; }

    /// <summary>What the code means, per the Solidity documentation.</summary>
    public string Meaning { get; }

    /// <summary>What a panic code means.</summary>
    /// <param name="code">The code.</param>
    /// <returns>A short description.</returns>
    public static string Describe(BigInteger code)
    {
        if (code > 0xff)
        {
            return "unknown panic code";
        }

        return (int)code switch
        {
            0x00 => "generic compiler-inserted panic",
            0x01 => "assertion failed (assert)",
            0x11 => "arithmetic overflow or underflow",
            0x12 => "division or modulo by zero",
            0x21 => "conversion of an out-of-range value to an enum",
            0x22 => "access to an incorrectly encoded storage byte array",
            0x31 => "pop() on an empty array",
            0x32 => "array index out of bounds",
            0x41 => "too much memory allocated, or an array too large",
            0x51 => "call to a zero-initialized internal function",
            _ => "unknown panic code",
        };
    }
}
""";

    private const string UnknownRevertException = """
/// <summary>A contract reverted with data no decoder knows (an error declared by another contract, a bare
/// <c>revert()</c>, a malformed payload); <see cref="ContractRevertException.RevertData"/> keeps it raw.</summary>
public class ContractUnknownRevertException : ContractRevertException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="revertData">The raw revert data, 0x-prefixed hex.</param>
    /// <param name="innerException">The exception the revert arrived in, if any.</param>
    public ContractUnknownRevertException(string revertData, Exception? innerException)
        : base(revertData.Length > 2 ? "The contract reverted with unknown data " + revertData + "." : "The contract reverted without data.", revertData, innerException)
    {
    }
}
""";

    private const string ErrorDecoder = """
/// <summary>
/// Maps revert data to a typed <see cref="ContractRevertException"/>: the generated per-contract decoder knows the
/// contract's custom errors by selector; this base handles <c>Error(string)</c>, <c>Panic(uint256)</c> and keeps
/// anything else raw.
/// </summary>
public abstract class ContractErrorDecoder
{
    /// <summary>The selector of <c>Error(string)</c>.</summary>
    public const string ReasonSelector = "0x08c379a0";

    /// <summary>The selector of <c>Panic(uint256)</c>.</summary>
    public const string PanicSelector = "0x4e487b71";

    /// <summary>Decodes revert data.</summary>
    /// <param name="revertData">The revert data as hex (with or without 0x); <see langword="null"/> or empty for a
    /// revert without data.</param>
    /// <param name="innerException">The exception the revert arrived in, if any.</param>
    /// <returns>The typed exception (never <see langword="null"/>).</returns>
    public ContractRevertException Decode(string? revertData, Exception? innerException = null)
    {
        var data = Normalize(revertData);
        if (data.Length < 10)
        {
            return new ContractUnknownRevertException(data, innerException);
        }

        var selector = data.Substring(0, 10);
        try
        {
            var custom = DecodeCustomError(selector, data, innerException);
            if (custom is not null)
            {
                return custom;
            }

            // Error(string) needs at least an offset and a length word; Panic(uint256) exactly one word.
            if (selector == ReasonSelector && data.Length >= 138 && data.DecodeExceptionEncodedData<ReasonError>() is { } reason)
            {
                return new ContractRevertReasonException(reason.Reason, data, innerException);
            }

            if (selector == PanicSelector && data.Length == 74 && data.DecodeExceptionEncodedData<PanicError>() is { } panic)
            {
                return new ContractPanicException(panic.Code, data, innerException);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or IndexOutOfRangeException or InvalidOperationException or OverflowException or NotSupportedException)
        {
            // A known selector with a malformed payload: keep the data raw rather than fail.
        }

        return new ContractUnknownRevertException(data, innerException);
    }

    /// <summary>Decodes revert data given as bytes.</summary>
    /// <param name="revertData">The revert data.</param>
    /// <param name="innerException">The exception the revert arrived in, if any.</param>
    /// <returns>The typed exception.</returns>
    public ContractRevertException Decode(byte[] revertData, Exception? innerException = null) =>
        Decode(revertData is null ? null : revertData.ToHex(true), innerException);

    /// <summary>
    /// Turns an exception thrown by Nethereum for a revert (<c>SmartContractCustomErrorRevertException</c>,
    /// <c>SmartContractRevertException</c>, or an <c>RpcResponseException</c> carrying revert data) into the typed
    /// exception.
    /// </summary>
    /// <param name="exception">The exception caught.</param>
    /// <param name="revert">The typed exception, when this returns <see langword="true"/>.</param>
    /// <returns>Whether <paramref name="exception"/> was a revert.</returns>
    public bool TryTranslate(Exception exception, [NotNullWhen(true)] out ContractRevertException? revert)
    {
        var data = ExtractRevertData(exception);
        revert = data is null ? null : Decode(data, exception);
        return revert is not null;
    }

    /// <summary>The revert data an exception from Nethereum carries, if it is (or wraps) a revert.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>The data as hex, or <see langword="null"/> when the exception is not a revert.</returns>
    public static string? ExtractRevertData(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case ContractRevertException:
                    return null;
                case SmartContractCustomErrorRevertException custom:
                    return custom.ExceptionEncodedData ?? "0x";
                case SmartContractRevertException reason:
                    return reason.EncodedData ?? "0x";
                case RpcResponseException rpc when rpc.RpcError?.Data is not null:
                    var text = rpc.RpcError.GetDataAsString();
                    if (text is not null && text.IsHex())
                    {
                        return text;
                    }

                    break;
            }
        }

        return null;
    }

    /// <summary>Decodes the contract's custom errors; the generated decoder implements it with one case per error.</summary>
    /// <param name="selector">The first four bytes, 0x-prefixed lower-case hex.</param>
    /// <param name="revertData">The whole revert data, 0x-prefixed lower-case hex.</param>
    /// <param name="innerException">The exception the revert arrived in, if any.</param>
    /// <returns>The typed exception, or <see langword="null"/> when the selector is not one of the contract's errors.</returns>
    protected abstract ContractRevertException? DecodeCustomError(string selector, string revertData, Exception? innerException);

    /// <summary>Decodes revert data into an error DTO.</summary>
    /// <typeparam name="TError">The generated error DTO.</typeparam>
    /// <param name="revertData">The revert data.</param>
    /// <returns>The decoded error.</returns>
    protected static TError DecodeError<TError>(string revertData)
        where TError : class, IErrorDTO, new() =>
        revertData.DecodeExceptionEncodedData<TError>()
        ?? throw new FormatException("Revert data does not match " + typeof(TError).Name + ".");

    private static string Normalize(string? revertData)
    {
        var hex = (revertData ?? string.Empty).Trim();
        if (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            hex = hex.Substring(2);
        }

        return "0x" + hex.ToLowerInvariant();
    }

    [Error("Error")]
    private sealed class ReasonError : IErrorDTO
    {
        [Parameter("string", "reason", 1)]
        public string Reason { get; set; } = string.Empty;
    }

    [Error("Panic")]
    private sealed class PanicError : IErrorDTO
    {
        [Parameter("uint256", "code", 1)]
        public BigInteger Code { get; set; }
    }
}
""";

    private const string ServiceBase = """
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
        if (select is null)
        {
            throw new ArgumentNullException(nameof(select));
        }

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
        if (indexedFilters is null)
        {
            throw new ArgumentNullException(nameof(indexedFilters));
        }

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
        if (receipt is null)
        {
            throw new ArgumentNullException(nameof(receipt));
        }

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
        if (web3 is null)
        {
            throw new ArgumentNullException(nameof(web3));
        }

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
        if (web3 is null)
        {
            throw new ArgumentNullException(nameof(web3));
        }

        return RunAsync(() => web3.Eth.GetContractDeploymentHandler<TDeployment>().SendRequestAsync(deployment), errorDecoder, cancellationToken);
    }

    /// <summary>The address a deployment receipt reports, or an exception if the deployment failed.</summary>
    /// <param name="receipt">The deployment receipt.</param>
    /// <returns>The new contract's address.</returns>
    protected static string DeployedAddress(TransactionReceipt receipt)
    {
        if (receipt is null)
        {
            throw new ArgumentNullException(nameof(receipt));
        }

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
        if (call is null)
        {
            throw new ArgumentNullException(nameof(call));
        }

        if (errorDecoder is null)
        {
            throw new ArgumentNullException(nameof(errorDecoder));
        }

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
        var hashed = type == "string" || type == "bytes" || type.EndsWith("]", StringComparison.Ordinal) || type.StartsWith("tuple", StringComparison.Ordinal);
        return hashed ? value : parameter.ABIType.Encode(value).ToHex(true);
    }
}
""";
}
