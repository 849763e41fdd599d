using System.Globalization;
using System.Numerics;

namespace RwaCompute.Contracts.Runtime;

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
