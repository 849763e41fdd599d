using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using Nethereum.Util;
using RwaCompute.Sdk.Contracts.ComputeMarket;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Validation;

namespace RwaCompute.Sdk.Orders;

/// <summary>
/// A market order with its maker's EIP-712 signature, as portable JSON (<c>rwacompute.order/v1</c>): written by
/// <c>rwa order ask|bid</c> or <see cref="Clients.MarketClient.SignAskAsync"/>, passed around off chain (a file, an
/// order book), and filled on chain by anyone (<c>rwa order fill FILE</c>, <see cref="Clients.MarketClient.FillAskAsync"/>).
/// Numbers are decimal strings, times unix seconds, ids and salts 0x-hex; the <c>hash</c> field is checked against
/// the order's digest on parse.
/// </summary>
public sealed class SignedOrder
{
    /// <summary>The <c>type</c> field of the JSON.</summary>
    public const string FormatName = "rwacompute.order/v1";

    /// <summary>secp256k1's order / 2: the largest <c>s</c> OpenZeppelin's ECDSA accepts.</summary>
    private static readonly BigInteger HalfOrder = BigInteger.Parse("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0", NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    private static readonly string[] EnvelopeFields = ["type", "kind", "chainId", "market", "hash", "order", "signature"];
    private static readonly string[] AskFields = ["seller", "lotId", "units", "pricePerUnit", "currency", "expiry", "salt", "counter"];
    private static readonly string[] BidFields = ["buyer", "gpuModel", "region", "deliveryFrom", "deliveryUntil", "minSlaBps", "maxWhPerGpuHour", "minUnitCover", "currency", "pricePerUnit", "units", "expiry", "salt", "counter"];

    private SignedOrder(OrderKind kind, OrderDomain domain, Ask? ask, Bid? bid, byte[] signature)
    {
        Kind = kind;
        Domain = domain with { Market = Guard.Address(domain.Market, "market") };
        Ask = ask;
        Bid = bid;
        Signature = signature;
        HashBytes = ask is not null ? OrderDigest.Compute(Domain, ask) : OrderDigest.Compute(Domain, bid!);
    }

    /// <summary>Ask or bid.</summary>
    public OrderKind Kind { get; }

    /// <summary>The chain and market it was signed for.</summary>
    public OrderDomain Domain { get; }

    /// <summary>The ask, when <see cref="Kind"/> is <see cref="OrderKind.Ask"/>.</summary>
    public Ask? Ask { get; }

    /// <summary>The bid, when <see cref="Kind"/> is <see cref="OrderKind.Bid"/>.</summary>
    public Bid? Bid { get; }

    /// <summary>The maker's signature: 65 bytes <c>r ‖ s ‖ v</c> for a key, or whatever an ERC-1271 wallet accepts.</summary>
    public byte[] Signature { get; }

    /// <summary>The order's EIP-712 digest, 0x-hex: its id on chain (<c>orderStatus</c>, events).</summary>
    public string Hash => HashBytes.ToHex(true);

    /// <summary>The maker: the ask's seller or the bid's buyer.</summary>
    public string Maker => Ask?.Seller ?? Bid!.Buyer;

    /// <summary>The units the order covers in total.</summary>
    public BigInteger Units => Ask?.Units ?? Bid!.Units;

    /// <summary>The price per unit, stablecoin base units.</summary>
    public BigInteger PricePerUnit => Ask?.PricePerUnit ?? Bid!.PricePerUnit;

    /// <summary>The settlement stablecoin.</summary>
    public string Currency => Ask?.Currency ?? Bid!.Currency;

    /// <summary>The maker's order counter when signing.</summary>
    public BigInteger Counter => Ask?.Counter ?? Bid!.Counter;

    /// <summary>When it can no longer be filled.</summary>
    public DateTimeOffset Expiry => Clients.SuiteContext.Time(Ask?.Expiry ?? Bid!.Expiry);

    internal byte[] HashBytes { get; }

    /// <summary>An ask with its signature.</summary>
    /// <param name="domain">The chain and market it was signed for.</param>
    /// <param name="ask">The ask.</param>
    /// <param name="signature">The seller's signature of its digest.</param>
    /// <returns>The signed order.</returns>
    public static SignedOrder ForAsk(OrderDomain domain, Ask ask, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(ask);
        ArgumentNullException.ThrowIfNull(signature);
        return new SignedOrder(OrderKind.Ask, domain, ask, null, signature);
    }

    /// <summary>A bid with its signature.</summary>
    /// <param name="domain">The chain and market it was signed for.</param>
    /// <param name="bid">The bid.</param>
    /// <param name="signature">The buyer's signature of its digest.</param>
    /// <returns>The signed order.</returns>
    public static SignedOrder ForBid(OrderDomain domain, Bid bid, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(bid);
        ArgumentNullException.ThrowIfNull(signature);
        // A label left empty means "any": 16 zero bytes, as the contract reads it.
        bid.GpuModel = bid.GpuModel is { Length: > 0 } ? bid.GpuModel : new byte[16];
        bid.Region = bid.Region is { Length: > 0 } ? bid.Region : new byte[16];
        return new SignedOrder(OrderKind.Bid, domain, null, bid, signature);
    }

    /// <summary>The address that produced <see cref="Signature"/> over the digest, as <c>ecrecover</c> would; another
    /// address than <see cref="Maker"/> when any field changed after signing.</summary>
    /// <returns>The EIP-55 address, or <see langword="null"/> when the signature is not a 65-byte ECDSA signature
    /// (for example an ERC-1271 wallet's).</returns>
    public string? RecoverSigner()
    {
        // As OpenZeppelin's ECDSA: 65 bytes, v 27 or 28, and a low s (its high-s twin is refused on chain).
        if (Signature.Length != 65 || Signature[64] is not (27 or 28) || new BigInteger(Signature.AsSpan(32, 32), isUnsigned: true, isBigEndian: true) > HalfOrder)
        {
            return null;
        }

        var components = EthECDSASignatureFactory.FromComponents(Signature[..32], Signature[32..64], Signature[64]);
        return AddressUtil.Current.ConvertToChecksumAddress(EthECKey.RecoverFromSignature(components, HashBytes).GetPublicAddress());
    }

    /// <summary>Whether the signature is an ECDSA signature by <see cref="Maker"/> (a contract wallet's signature is
    /// checked by the market on the first fill instead).</summary>
    /// <returns><see langword="true"/> when the maker's key signed exactly this order.</returns>
    public bool IsSignedByMakerKey() => string.Equals(RecoverSigner(), Maker, StringComparison.OrdinalIgnoreCase);

    /// <summary>The portable JSON.</summary>
    /// <returns>Indented JSON.</returns>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("type", FormatName);
            json.WriteString("kind", Kind == OrderKind.Ask ? "ask" : "bid");
            json.WriteString("chainId", Domain.ChainId.ToString(CultureInfo.InvariantCulture));
            json.WriteString("market", Domain.Market);
            json.WriteString("hash", Hash);
            json.WriteStartObject("order");
            if (Ask is { } ask)
            {
                json.WriteString("seller", Checksum(ask.Seller));
                json.WriteString("lotId", Hex32(ask.LotId));
                json.WriteString("units", Text(ask.Units));
                json.WriteString("pricePerUnit", Text(ask.PricePerUnit));
                json.WriteString("currency", Checksum(ask.Currency));
                json.WriteString("expiry", Text(ask.Expiry));
                json.WriteString("salt", Hex32(ask.Salt));
                json.WriteString("counter", Text(ask.Counter));
            }
            else
            {
                var bid = Bid!;
                json.WriteString("buyer", Checksum(bid.Buyer));
                Label(json, "gpuModel", bid.GpuModel);
                Label(json, "region", bid.Region);
                json.WriteString("deliveryFrom", Text(bid.DeliveryFrom));
                json.WriteString("deliveryUntil", Text(bid.DeliveryUntil));
                json.WriteString("minSlaBps", Text(bid.MinSlaBps));
                json.WriteString("maxWhPerGpuHour", Text(bid.MaxWhPerGpuHour));
                json.WriteString("minUnitCover", Text(bid.MinUnitCover));
                json.WriteString("currency", Checksum(bid.Currency));
                json.WriteString("pricePerUnit", Text(bid.PricePerUnit));
                json.WriteString("units", Text(bid.Units));
                json.WriteString("expiry", Text(bid.Expiry));
                json.WriteString("salt", Hex32(bid.Salt));
                json.WriteString("counter", Text(bid.Counter));
            }

            json.WriteEndObject();
            json.WriteString("signature", Signature.ToHex(true));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes <see cref="ToJson"/> to a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Completes when written.</returns>
    public Task SaveAsync(string path, CancellationToken cancellationToken = default) =>
        File.WriteAllTextAsync(path, ToJson() + "\n", cancellationToken);

    /// <summary>Reads a signed order from a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The order.</returns>
    /// <exception cref="OrderFormatException">The file is missing or its JSON is not a valid signed order.</exception>
    public static async Task<SignedOrder> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OrderFormatException(path, $"cannot be read ({ex.Message})", ex);
        }

        return Parse(text, path);
    }

    /// <summary>Parses the portable JSON and checks it: every field present and in range, addresses valid, and the
    /// <c>hash</c> field equal to the order's digest (a field edited after signing changes the digest).</summary>
    /// <param name="json">The JSON.</param>
    /// <param name="path">Where it came from, for messages.</param>
    /// <returns>The order.</returns>
    /// <exception cref="OrderFormatException">The JSON is malformed or inconsistent; the message names the field.</exception>
    public static SignedOrder Parse(string json, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            // Strict JSON: no comments, no trailing commas, no duplicate or unknown keys, so that every reader of the
            // file sees the same terms.
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new OrderFormatException(path, "is not a JSON object");
            }

            RequireExactly(root, EnvelopeFields, string.Empty, path);

            if (String(root, "type", path) != FormatName)
            {
                throw new OrderFormatException(path, $"field 'type' must be '{FormatName}'");
            }

            var kind = String(root, "kind", path) switch
            {
                "ask" => OrderKind.Ask,
                "bid" => OrderKind.Bid,
                var other => throw new OrderFormatException(path, $"field 'kind' must be 'ask' or 'bid', not '{other}'"),
            };
            var domain = new OrderDomain(Number(root, "chainId", path, 256), Address(root, "market", path));
            var signature = HexBytes(root, "signature", path);
            if (!root.TryGetProperty("order", out var order) || order.ValueKind != JsonValueKind.Object)
            {
                throw new OrderFormatException(path, "has no 'order' object");
            }

            RequireExactly(order, kind == OrderKind.Ask ? AskFields : BidFields, "order.", path);

            var signed = kind == OrderKind.Ask
                ? ForAsk(domain, new Ask
                {
                    Seller = Address(order, "seller", path),
                    LotId = Number(order, "lotId", path, 256),
                    Units = (ulong)Number(order, "units", path, 64),
                    PricePerUnit = Number(order, "pricePerUnit", path, 96),
                    Currency = Address(order, "currency", path),
                    Expiry = (ulong)Number(order, "expiry", path, 40),
                    Salt = Number(order, "salt", path, 256),
                    Counter = Number(order, "counter", path, 256),
                }, signature)
                : ForBid(domain, new Bid
                {
                    Buyer = Address(order, "buyer", path),
                    GpuModel = Label(order, "gpuModel", path),
                    Region = Label(order, "region", path),
                    DeliveryFrom = (ulong)Number(order, "deliveryFrom", path, 40),
                    DeliveryUntil = (ulong)Number(order, "deliveryUntil", path, 40),
                    MinSlaBps = (ushort)Number(order, "minSlaBps", path, 16),
                    MaxWhPerGpuHour = (uint)Number(order, "maxWhPerGpuHour", path, 32),
                    MinUnitCover = Number(order, "minUnitCover", path, 96),
                    Currency = Address(order, "currency", path),
                    PricePerUnit = Number(order, "pricePerUnit", path, 96),
                    Units = (ulong)Number(order, "units", path, 64),
                    Expiry = (ulong)Number(order, "expiry", path, 40),
                    Salt = Number(order, "salt", path, 256),
                    Counter = Number(order, "counter", path, 256),
                }, signature);
            var hash = Field(root, "hash", path);
            if (!string.Equals(hash.GetString(), signed.Hash, StringComparison.OrdinalIgnoreCase))
            {
                throw new OrderFormatException(path, $"field 'hash' is {hash.GetString()}, but the order's digest is {signed.Hash} (a field was changed after signing)");
            }

            return signed;
        }
        catch (JsonException ex)
        {
            throw new OrderFormatException(path, $"is not valid JSON ({ex.Message})", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new OrderFormatException(path, $"has a field of the wrong JSON type ({ex.Message})", ex);
        }
    }

    private static string Text<T>(T value)
        where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    private static string Hex32(BigInteger value) => "0x" + value.ToString("x64", CultureInfo.InvariantCulture)[^64..];

    private static string Checksum(string address) => AddressUtil.Current.ConvertToChecksumAddress(address);

    private static void Label(Utf8JsonWriter json, string name, byte[] value)
    {
        if (value is null || value.All(b => b == 0))
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, Bytes32Text.Format(value));
        }
    }

    private static void RequireExactly(JsonElement element, string[] fields, string prefix, string? path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw new OrderFormatException(path, $"has the field '{prefix}{property.Name}' twice");
            }

            if (!fields.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new OrderFormatException(path, $"has an unknown field '{prefix}{property.Name}'");
            }
        }

        foreach (var field in fields.Where(f => !seen.Contains(f)))
        {
            throw new OrderFormatException(path, $"has no field '{prefix}{field}'");
        }
    }

    private static JsonElement Field(JsonElement element, string name, string? path) =>
        element.TryGetProperty(name, out var value) ? value : throw new OrderFormatException(path, $"has no field '{name}'");

    private static string String(JsonElement element, string name, string? path) =>
        Field(element, name, path).GetString() ?? throw new OrderFormatException(path, $"field '{name}' is null");

    private static string Address(JsonElement element, string name, string? path)
    {
        try
        {
            return Guard.Address(String(element, name, path), name);
        }
        catch (InvalidAddressException ex)
        {
            throw new OrderFormatException(path, $"field '{name}': {ex.Message}", ex);
        }
    }

    private static BigInteger Number(JsonElement element, string name, string? path, int bits)
    {
        var text = String(element, name, path);
        BigInteger value;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && text.Length > 2 && text[2..].All(Uri.IsHexDigit))
        {
            value = BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }
        else if (text.Length == 0 || !text.All(char.IsAsciiDigit) || !BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            throw new OrderFormatException(path, $"field '{name}' must be a whole number as a decimal string (or 0x-hex), not '{text}'");
        }

        if (value >= BigInteger.One << bits)
        {
            throw new OrderFormatException(path, string.Create(CultureInfo.InvariantCulture, $"field '{name}' does not fit a uint{bits}"));
        }

        return value;
    }

    private static byte[] Label(JsonElement element, string name, string? path)
    {
        var value = Field(element, name, path);
        if (value.ValueKind == JsonValueKind.Null)
        {
            return new byte[16];
        }

        try
        {
            return Bytes32Text.Parse(value.GetString(), name, 16);
        }
        catch (InputValidationException ex)
        {
            throw new OrderFormatException(path, $"field '{name}': {ex.Message}", ex);
        }
    }

    private static byte[] HexBytes(JsonElement element, string name, string? path)
    {
        var text = String(element, name, path);
        if (!text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.Length % 2 != 0 || !text[2..].All(Uri.IsHexDigit))
        {
            throw new OrderFormatException(path, $"field '{name}' must be 0x-hex bytes");
        }

        return text.HexToByteArray();
    }
}
