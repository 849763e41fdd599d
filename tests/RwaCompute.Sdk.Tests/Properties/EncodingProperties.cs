using System.Buffers.Binary;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Nethereum.Util;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Validation;

namespace RwaCompute.Sdk.Tests.Properties;

/// <summary>
/// Property-based specifications (FsCheck, NBitcoin's habit) of everything the SDK encodes or hashes by itself:
/// lot ids, fixed-size text fields and amount bounds. Each property runs hundreds of generated cases and shrinks a
/// failure to its smallest counter-example; the seeds are random per run, so CI keeps exploring.
/// </summary>
public sealed class EncodingProperties
{
    private const int Runs = 300;

    /// <summary>The lot id is <c>endsAt &lt;&lt; 216 | low216(keccak256(abi.encode(spec)))</c>, computed here word by
    /// word (every LotSpec field is a static type: one right-aligned 32-byte word each) independently of Nethereum's
    /// encoder, which <see cref="LotIds.Compute"/> uses.</summary>
    [Property(MaxTest = Runs)]
    public bool LotId_MatchesAHandWrittenAbiEncoding(byte[] seed, ulong endsAt, ulong price)
    {
        var spec = Spec(seed, endsAt, price);
        var words = new byte[12 * 32];
        Address(spec.Provider).CopyTo(words, 12);
        spec.PoolId.CopyTo(words, 32);
        spec.GpuModel.CopyTo(words, 64); // bytes16: left-aligned
        spec.Region.CopyTo(words, 96);
        WriteUInt(words, 4, spec.StartsAt);
        WriteUInt(words, 5, spec.EndsAt);
        WriteUInt(words, 6, spec.ReferencePrice);
        WriteUInt(words, 7, spec.SlaUptimeBps);
        WriteUInt(words, 8, spec.BondCoverageBps);
        WriteUInt(words, 9, spec.EnergyWhPerGpuHour);
        spec.MetadataHash.CopyTo(words, 320);
        Address(spec.Currency).CopyTo(words, (11 * 32) + 12);
        var hash = new BigInteger(Sha3Keccack.Current.CalculateHash(words), isUnsigned: true, isBigEndian: true);
        var expected = (new BigInteger(spec.EndsAt) << 216) | (hash & ((BigInteger.One << 216) - 1));
        return LotIds.Compute(spec) == expected;
    }

    /// <summary>An id tells its expiry, and fits a uint256.</summary>
    [Property(MaxTest = Runs)]
    public bool LotId_CarriesEndsAtAndFitsUint256(byte[] seed, ulong endsAt, ulong price)
    {
        var spec = Spec(seed, endsAt, price);
        var id = LotIds.Compute(spec);
        return id.Sign >= 0 && id < (BigInteger.One << 256) && (ulong)(id >> 216) == spec.EndsAt
            && LotIds.EndsAt(id).ToUnixTimeSeconds() == (long)spec.EndsAt;
    }

    /// <summary>Any field that defines the lot changes its id (different terms never share an id).</summary>
    [Property(MaxTest = Runs)]
    public bool LotId_ChangesWithCoverageOrMetadata(byte[] seed, ulong endsAt, ulong price, byte bit)
    {
        var spec = Spec(seed, endsAt, price);
        var id = LotIds.Compute(spec);
        var otherCoverage = Spec(seed, endsAt, price);
        otherCoverage.BondCoverageBps = (ushort)(spec.BondCoverageBps == 10_000 ? 1 : spec.BondCoverageBps + 1);
        var otherHash = Spec(seed, endsAt, price);
        otherHash.MetadataHash = (byte[])spec.MetadataHash.Clone();
        otherHash.MetadataHash[bit % 32] ^= (byte)(1 << (bit % 8));
        return LotIds.Compute(otherCoverage) != id && LotIds.Compute(otherHash) != id;
    }

    /// <summary>Any 32-byte field survives Format then Parse (labels stay labels, everything else is hex).</summary>
    [Property(MaxTest = Runs)]
    public bool Bytes32Text_FormatThenParse_RoundTrips(byte[] raw)
    {
        var value = new byte[32];
        (raw ?? []).AsSpan(0, Math.Min(32, raw?.Length ?? 0)).CopyTo(value);
        if (value.All(b => b == 0))
        {
            value[31] = 1; // an all-zero field formats as hex, which Parse accepts; keep the case non-trivial
        }

        return Bytes32Text.Parse(Bytes32Text.Format(value), "field").AsSpan().SequenceEqual(value);
    }

    /// <summary>A printable label of at most 16 UTF-8 bytes is stored left-aligned and shown as itself.</summary>
    [Property(MaxTest = Runs)]
    public Property Bytes32Text_Label_RoundTrips(NonEmptyString text)
    {
        var label = new string(text.Get.Where(c => !char.IsControl(c) && !char.IsSurrogate(c)).Take(16).ToArray()).TrimEnd('\0');
        var fits = label.Length > 0 && System.Text.Encoding.UTF8.GetByteCount(label) <= 16
            && !label.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        return Prop.When(fits, () => Bytes32Text.Format(Bytes32Text.Parse(label, "gpuModel", 16)) == label);
    }

    /// <summary><see cref="Guard.Amount"/> accepts exactly [1 or 0, 2^bits − 1] and otherwise throws its own typed
    /// error, never another exception.</summary>
    [Property(MaxTest = Runs)]
    public bool Amount_AcceptsExactlyTheSolidityRange(ulong low, ulong high, sbyte shift, byte width, bool allowZero)
    {
        var bits = 8 * ((width % 32) + 1);
        var value = ((new BigInteger(high) << 64) | low) << Math.Abs((int)shift) % 200;
        if (shift < 0)
        {
            value = -value;
        }

        var max = (BigInteger.One << bits) - 1;
        var inRange = value >= (allowZero ? 0 : 1) && value <= max;
        try
        {
            return Guard.Amount(value, "amount", bits, allowZero) == value && inRange;
        }
        catch (AmountOutOfRangeException)
        {
            return !inRange;
        }
    }

    private static LotSpec Spec(byte[]? seed, ulong endsAt, ulong price)
    {
        var bytes = Sha3Keccack.Current.CalculateHash(seed ?? []);
        var more = Sha3Keccack.Current.CalculateHash(bytes);
        var end = (endsAt % ((1UL << 40) - 2)) + 1;
        return new LotSpec
        {
            Provider = AddressUtil.Current.ConvertToChecksumAddress("0x" + Convert.ToHexStringLower(bytes.AsSpan(0, 20))),
            PoolId = more,
            GpuModel = bytes.AsSpan(0, 16).ToArray(),
            Region = bytes.AsSpan(16, 16).ToArray(),
            StartsAt = end - 1,
            EndsAt = end,
            ReferencePrice = (new BigInteger(price) << 32) | bytes[0],
            SlaUptimeBps = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(more) % 10_001),
            BondCoverageBps = (ushort)((BinaryPrimitives.ReadUInt16BigEndian(more.AsSpan(2)) % 10_000) + 1),
            EnergyWhPerGpuHour = BinaryPrimitives.ReadUInt32BigEndian(more.AsSpan(4)),
            MetadataHash = Sha3Keccack.Current.CalculateHash(more),
            Currency = AddressUtil.Current.ConvertToChecksumAddress("0x" + Convert.ToHexStringLower(more.AsSpan(8, 20))),
        };
    }

    private static byte[] Address(string address) => Convert.FromHexString(address[2..]);

    private static void WriteUInt(byte[] words, int word, BigInteger value)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        bytes.CopyTo(words, ((word + 1) * 32) - bytes.Length);
    }
}
