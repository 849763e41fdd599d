using Nethereum.Hex.HexConvertors.Extensions;
using RwaCompute.CodeGen.Tests.Golden.CodegenFixture;
using RwaCompute.Contracts.Runtime;
using Xunit;

namespace RwaCompute.CodeGen.Tests.Runtime;

/// <summary>EIP-712 hashing of the runtime against the specification's own example, and the generated type strings.</summary>
public sealed class Eip712EncoderTests
{
    /// <summary>The "Mail" example of EIP-712 (https://eips.ethereum.org/EIPS/eip-712, Example.js): a nested struct
    /// and strings, with the hashes the specification publishes.</summary>
    private const string MailType = "Mail(Person from,Person to,string contents)Person(string name,address wallet)";

    [Fact]
    public void TypeHash_SpecificationMail_MatchesThePublishedValue() =>
        Assert.Equal("0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2", Eip712Encoder.TypeHash(MailType).ToHex(true));

    [Fact]
    public void HashStruct_SpecificationMail_MatchesThePublishedValue()
    {
        const string person = "Person(string name,address wallet)";
        var from = new Person(person, "Cow", "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826");
        var to = new Person(person, "Bob", "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB");

        var hash = Eip712Encoder.HashStruct(MailType, ("Person", from), ("Person", to), ("string", "Hello, Bob!"));

        Assert.Equal("0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e", hash.ToHex(true));
    }

    [Fact]
    public void GeneratedType_ReferencedStructsAppendedOnce() =>
        Assert.Equal(
            "Outer(Inner inner,Inner[] items,Inner[2] pair,uint256[2][] grid,string[] labels,bytes blob)Inner(uint64 amount,bytes32 tag,int8 delta)",
            Outer.Eip712Type);

    [Fact]
    public void EncodeField_ValueOfTheWrongShape_ArgumentException() =>
        Assert.Throws<ArgumentException>(() => Eip712Encoder.EncodeField("uint256[]", 5));

    private sealed class Person(string type, string name, string wallet) : IEip712Struct
    {
        public string Eip712EncodedType => type;

        public byte[] Eip712HashStruct() => Eip712Encoder.HashStruct(type, ("string", name), ("address", wallet));
    }
}
