using System.Numerics;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using RwaCompute.CodeGen.Tests.Golden.CodegenFixture;
using RwaCompute.CodeGen.Tests.Infrastructure;
using Xunit;

namespace RwaCompute.CodeGen.Tests.Runtime;

/// <summary>
/// Calldata built from the generated messages equals what Foundry's <c>cast calldata</c> produces for the same
/// signature and values: selectors, tuple and nested-array encoding, signed and small integers.
/// </summary>
public sealed class CalldataParityTests
{
    private static readonly byte[] Tag1 = Word(1);
    private static readonly byte[] Tag2 = Word(2);
    private static readonly byte[] Tag3 = Word(3);
    private static readonly byte[] Tag4 = Word(4);

    [Fact]
    public async Task SetOuter_NestedStructWithTupleArraysFixedArraysAndUInt256PairArray_MatchesCast()
    {
        var message = new SetOuterFunction
        {
            Value = new Outer
            {
                Inner = new Inner { Amount = 1, Tag = Tag1, Delta = -1 },
                Items = [new Inner { Amount = 2, Tag = Tag2, Delta = 2 }],
                Pair = [new Inner { Amount = 3, Tag = Tag3, Delta = 3 }, new Inner { Amount = 4, Tag = Tag4, Delta = -4 }],
                Grid = [[5, 6], [7, 8]],
                Labels = ["x", "y z"],
                Blob = [0xca, 0xfe],
            },
        };

        await AssertSameAsCastAsync(
            message,
            "setOuter(((uint64,bytes32,int8),(uint64,bytes32,int8)[],(uint64,bytes32,int8)[2],uint256[2][],string[],bytes))",
            $"((1,{Hex32(1)},-1),[(2,{Hex32(2)},2)],[(3,{Hex32(3)},3),(4,{Hex32(4)},-4)],[[5,6],[7,8]],[\"x\",\"y z\"],0xcafe)");
    }

    [Fact]
    public async Task SumInners_TupleArrayAndFixedTupleArray_MatchesCast()
    {
        var message = new SumInnersFunction
        {
            Items = [new Inner { Amount = 1, Tag = Tag1, Delta = -1 }],
            Pair = [new Inner { Amount = 2, Tag = Tag2, Delta = 3 }, new Inner { Amount = 4, Tag = Tag3, Delta = sbyte.MinValue }],
        };

        await AssertSameAsCastAsync(
            message,
            "sumInners((uint64,bytes32,int8)[],(uint64,bytes32,int8)[2])",
            $"[(1,{Hex32(1)},-1)]",
            $"[(2,{Hex32(2)},3),(4,{Hex32(3)},-128)]");
    }

    [Fact]
    public async Task Transpose_UInt256FixedPairDynamicArray_MatchesCast() =>
        await AssertSameAsCastAsync(
            new TransposeFunction { Grid = [[1, 2], [3, BigInteger.Pow(2, 255)]] },
            "transpose(uint256[2][])",
            "[[1,2],[3," + BigInteger.Pow(2, 255) + "]]");

    [Fact]
    public async Task Negate_NegativeInt8_MatchesCast() =>
        await AssertSameAsCastAsync(new NegateFunction { X = -5 }, "negate(int8)", "--", "-5");

    [Fact]
    public async Task Describe_Bytes32ArrayBytesAndStringArray_MatchesCast() =>
        await AssertSameAsCastAsync(
            new DescribeFunction { Tags = [Tag1, Tag2], Blob = [0xde, 0xad, 0xbe, 0xef], Labels = ["a b", "c"] },
            "describe(bytes32[],bytes,string[])",
            $"[{Hex32(1)},{Hex32(2)}]",
            "0xdeadbeef",
            "[\"a b\",\"c\"]");

    [Fact]
    public async Task Keywords_KeywordNamedParameters_MatchesCast() =>
        await AssertSameAsCastAsync(
            new KeywordsFunction { Params = 7, Object = true, Base = AnvilFixture.Address, Namespace = "ns" },
            "keywords(uint256,bool,address,string)",
            "7",
            "true",
            AnvilFixture.Address,
            "ns");

    [Fact]
    public async Task DepositOverloads_EachMessageCarriesItsOwnSelector()
    {
        await AssertSameAsCastAsync(new DepositFunction { Amount = 9 }, "deposit(uint256)", "9");
        await AssertSameAsCastAsync(new DepositUint256AddressFunction { Amount = 9, To = AnvilFixture.Address }, "deposit(uint256,address)", "9", AnvilFixture.Address);
        await AssertSameAsCastAsync(
            new DepositAddressUint256BytesFunction { To = AnvilFixture.Address, Amount = 9, Data = [1, 2, 3] },
            "deposit(address,uint256,bytes)",
            AnvilFixture.Address,
            "9",
            "0x010203");
        await AssertSameAsCastAsync(new LookupBytes32Function { Key = Tag4 }, "lookup(bytes32)", Hex32(4));
    }

    [Fact]
    public async Task Fail_EnumArgument_MatchesCast() =>
        await AssertSameAsCastAsync(new FailFunction { Kind = FailureKind.Panic, Code = 12 }, "fail(uint8,uint256)", "3", "12");

    private static async Task AssertSameAsCastAsync<TMessage>(TMessage message, string signature, params string[] arguments)
        where TMessage : FunctionMessage
    {
        var expected = await ProcessRunner.CastAsync(["calldata", signature, .. arguments]);

        Assert.Equal(expected, message.GetCallData().ToHex(true));
    }

    private static byte[] Word(int value)
    {
        var word = new byte[32];
        word[31] = (byte)value;
        return word;
    }

    private static string Hex32(int value) => Word(value).ToHex(true);
}
