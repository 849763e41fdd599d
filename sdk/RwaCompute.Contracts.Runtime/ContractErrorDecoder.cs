using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.JsonRpc.Client;

namespace RwaCompute.Contracts.Runtime;

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
