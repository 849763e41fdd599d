using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Reflection;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace RwaCompute.Contracts.Runtime;

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
        ArgumentNullException.ThrowIfNull(error);

        return "(" + string.Join(", ", Fields(error).Select(f => f.Name + ": " + FormatField(f.Name, f.Value))) + ")";
    }

    private static (string Name, object? Value)[] Fields(object value) =>
        value.GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<ParameterAttribute>(inherit: true)))
            .Where(p => p.Attribute is not null)
            .OrderBy(p => p.Attribute!.Order)
            .Select(p => (string.IsNullOrEmpty(p.Attribute!.Name) ? p.Property.Name : p.Attribute.Name, p.Property.GetValue(value)))
            .ToArray();

    /// <summary>A lot id (a uint256 packing the lot's end time and a hash) reads as the CLI prints it: 0x + 64 hex digits.
    /// Other values as <see cref="FormatValue"/>.</summary>
    private static string FormatField(string name, object? value) =>
        value is BigInteger { Sign: >= 0 } id && (name.Equals("lotId", StringComparison.OrdinalIgnoreCase) || name.Equals("id", StringComparison.Ordinal))
            ? "0x" + id.ToString("x64", CultureInfo.InvariantCulture)[^64..]
            : FormatValue(value);

    private static string FormatValue(object? value) => value switch
    {
        null => "null",
        string text => text,
        byte[] bytes => "0x" + Convert.ToHexString(bytes).ToLowerInvariant(),
        bool flag => flag ? "true" : "false",
        BigInteger number => number.ToString(CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(FormatValue)) + "]",
        _ => "{" + string.Join(", ", Fields(value).Select(f => f.Name + ": " + FormatField(f.Name, f.Value))) + "}",
    };
}
