using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NBitcoin;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.KeyStore;
using Nethereum.KeyStore.Crypto;
using Nethereum.KeyStore.Model;
using Nethereum.Model;
using Nethereum.Signer;
using Nethereum.Util;
using RwaCompute.Sdk.Errors;

namespace RwaCompute.Sdk.Wallets;

/// <summary>
/// An Ethereum signing key: created from a hex private key, a BIP-39 mnemonic (BIP-32/44 derivation) or a
/// Web3 Secret Storage keystore, it signs EIP-1559 transactions and raw 32-byte digests offline.
/// </summary>
/// <remarks>
/// The key never leaves the instance except through <see cref="ToAccount"/> and <see cref="ToKeystoreJson(string)"/>;
/// <see cref="ToString"/> and every exception message show the address or the source only, never the key,
/// the mnemonic or a password. Instances are immutable and thread-safe.
/// </remarks>
/// <example>
/// <code>
/// var signer = RwaSigner.FromMnemonic("test test test test test test test test test test test junk", accountIndex: 1);
/// Console.WriteLine(signer); // RwaSigner(0x70997970C51812dc3A010C7d01b50e0d17dc79C8)
/// byte[] signature = signer.SignDigest(digest); // r || s || v, v = 27 or 28
/// </code>
/// </example>
public sealed class RwaSigner
{
    /// <summary>The default Ethereum derivation path without the account index (BIP-44, coin type 60).</summary>
    private const string DefaultPathPrefix = "m/44'/60'/0'/0/";

    private const int PrivateKeyLength = 32;

    /// <summary>The order n of the secp256k1 group: a private key must lie in [1, n - 1].</summary>
    private static readonly BigInteger CurveOrder = BigInteger.Parse(
        "0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private readonly EthECKey? key;

    // libsecp256k1 (NBitcoin's managed port) signs recoverably in one step: ~10x faster than Nethereum's default
    // BouncyCastle signing, which then recovers v by trial. Both use RFC 6979 nonces and low s: the bytes are the same.
    private readonly NBitcoin.Secp256k1.ECPrivKey? fastKey;

    private readonly IExternalSigner? external;

    private RwaSigner(IExternalSigner external)
    {
        this.external = external;
        Address = AddressUtil.Current.ConvertToChecksumAddress(external.Address);
    }

    private RwaSigner(byte[] privateKey)
    {
        key = new EthECKey(privateKey, true);
        fastKey = NBitcoin.Secp256k1.Context.Instance.CreateECPrivKey(privateKey);
        Address = AddressUtil.Current.ConvertToChecksumAddress(key.GetPublicAddress());
    }

    /// <summary>The signer's address, EIP-55 checksummed.</summary>
    public string Address { get; }

    /// <summary>Whether the key lives outside the process (<see cref="FromExternal"/>): only the asynchronous signing
    /// methods work, and the key cannot be exported.</summary>
    public bool IsExternal => external is not null;

    /// <summary>Wraps a key the SDK never sees (KMS, HSM, hardware wallet, remote service). Every transaction the SDK
    /// sends with it is signed through <see cref="IExternalSigner.SignHashAsync"/>.</summary>
    /// <param name="signer">The external signer.</param>
    /// <returns>The signer.</returns>
    /// <exception cref="SignerException">Its address is not a valid address.</exception>
    public static RwaSigner FromExternal(IExternalSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        if (!AddressUtil.Current.IsValidEthereumAddressHexFormat(signer.Address))
        {
            throw new SignerException($"The external signer's address '{signer.Address}' is not a 20-byte hex address.");
        }

        return new RwaSigner(signer);
    }

    /// <summary>Creates a signer from a hex private key.</summary>
    /// <param name="privateKeyHex">64 hex digits, with or without a <c>0x</c> prefix (surrounding whitespace ignored).</param>
    /// <returns>The signer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="privateKeyHex"/> is <see langword="null"/>.</exception>
    /// <exception cref="SignerException">The key has the wrong length, is not hex, is zero or is not below the
    /// secp256k1 group order.</exception>
    public static RwaSigner FromPrivateKey(string privateKeyHex)
    {
        ArgumentNullException.ThrowIfNull(privateKeyHex);
        var hex = privateKeyHex.Trim();
        if (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            hex = hex[2..];
        }

        if (hex.Length != PrivateKeyLength * 2)
        {
            throw new SignerException(string.Create(
                CultureInfo.InvariantCulture,
                $"The private key must be {PrivateKeyLength} bytes ({PrivateKeyLength * 2} hex digits, optionally 0x-prefixed); got {hex.Length} hex digits."));
        }

        foreach (var c in hex)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                throw new SignerException("The private key contains a character that is not a hex digit.");
            }
        }

        var bytes = Convert.FromHexString(hex);
        try
        {
            return FromPrivateKeyBytes(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>
    /// Creates a signer from a BIP-39 mnemonic at the standard Ethereum path <c>m/44'/60'/0'/0/{accountIndex}</c>
    /// (the path of MetaMask, Ledger Live, anvil and hardhat).
    /// </summary>
    /// <param name="mnemonic">The mnemonic (12–24 words; extra whitespace and upper case are tolerated).</param>
    /// <param name="accountIndex">The account index (last path component); non-negative.</param>
    /// <param name="passphrase">The optional BIP-39 passphrase ("25th word").</param>
    /// <returns>The signer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mnemonic"/> is <see langword="null"/>.</exception>
    /// <exception cref="SignerException">The mnemonic is invalid (word count, unknown word, checksum) or the index is negative.</exception>
    /// <example>
    /// <code>
    /// var account0 = RwaSigner.FromMnemonic("test test test test test test test test test test test junk");
    /// // account0.Address == "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
    /// </code>
    /// </example>
    public static RwaSigner FromMnemonic(string mnemonic, int accountIndex = 0, string? passphrase = null)
    {
        if (accountIndex < 0)
        {
            throw new SignerException(string.Create(
                CultureInfo.InvariantCulture, $"The account index must be non-negative; got {accountIndex}."));
        }

        return FromMnemonic(mnemonic, DefaultPathPrefix + accountIndex.ToString(CultureInfo.InvariantCulture), passphrase);
    }

    /// <summary>Creates a signer from a BIP-39 mnemonic at an explicit BIP-32 derivation path.</summary>
    /// <param name="mnemonic">The mnemonic (12–24 words; extra whitespace and upper case are tolerated).</param>
    /// <param name="derivationPath">The path, e.g. <c>m/44'/60'/0'/0/0</c> (<c>'</c> or <c>h</c> marks hardened steps).</param>
    /// <param name="passphrase">The optional BIP-39 passphrase ("25th word").</param>
    /// <returns>The signer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mnemonic"/> or <paramref name="derivationPath"/> is <see langword="null"/>.</exception>
    /// <exception cref="SignerException">The mnemonic or the path is invalid.</exception>
    public static RwaSigner FromMnemonic(string mnemonic, string derivationPath, string? passphrase = null)
    {
        ArgumentNullException.ThrowIfNull(mnemonic);
        ArgumentNullException.ThrowIfNull(derivationPath);

        KeyPath path;
        try
        {
            path = KeyPath.Parse(derivationPath.Trim());
        }
        catch (FormatException ex)
        {
            throw new SignerException($"The derivation path '{derivationPath}' is not a valid BIP-32 path (expected e.g. m/44'/60'/0'/0/0).", ex);
        }

        var parsed = ParseMnemonic(mnemonic);
        var seedKey = parsed.DeriveExtKey(passphrase);
        var derived = seedKey.Derive(path);
        var bytes = derived.PrivateKey.ToBytes();
        try
        {
            return FromPrivateKeyBytes(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Creates a signer from a Web3 Secret Storage (v3) keystore, scrypt or PBKDF2.</summary>
    /// <param name="keystoreJson">The keystore JSON.</param>
    /// <param name="password">The password it was encrypted with.</param>
    /// <returns>The signer.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="SignerException">The password is wrong, the JSON is not a keystore, or its <c>address</c>
    /// field does not match the decrypted key.</exception>
    public static RwaSigner FromKeystoreJson(string keystoreJson, string password)
    {
        ArgumentNullException.ThrowIfNull(keystoreJson);
        ArgumentNullException.ThrowIfNull(password);

        var declaredAddress = ReadKeystoreAddress(keystoreJson);
        byte[] bytes;
        try
        {
            bytes = new KeyStoreService().DecryptKeyStoreFromJson(password, keystoreJson);
        }
        catch (DecryptionException)
        {
            // The inner exception is dropped on purpose: nothing of the password may travel with the error.
            throw new SignerException("Could not decrypt the keystore: the password is wrong (the MAC does not match).");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not SignerException)
        {
            throw new SignerException("The keystore is not a supported Web3 Secret Storage (v3) document (scrypt or pbkdf2, aes-128-ctr).", ex);
        }

        RwaSigner signer;
        try
        {
            signer = FromPrivateKeyBytes(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }

        if (declaredAddress is not null
            && !string.Equals(declaredAddress.RemoveHexPrefix(), signer.Address.RemoveHexPrefix(), StringComparison.OrdinalIgnoreCase))
        {
            throw new SignerException(
                $"The keystore's address field (0x{declaredAddress.RemoveHexPrefix()}) does not match its decrypted key ({signer.Address}).");
        }

        return signer;
    }

    /// <summary>Reads a Web3 Secret Storage (v3) keystore file and creates a signer from it.</summary>
    /// <param name="path">The keystore file.</param>
    /// <param name="password">The password it was encrypted with.</param>
    /// <param name="cancellationToken">Cancels reading the file.</param>
    /// <returns>The signer.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="SignerException">The file is missing or unreadable (the message names it), or see
    /// <see cref="FromKeystoreJson"/>.</exception>
    public static async Task<RwaSigner> FromKeystoreFileAsync(string path, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(password);
        var json = await ReadSourceFileAsync(path, "keystore", cancellationToken).ConfigureAwait(false);
        try
        {
            return FromKeystoreJson(json, password);
        }
        catch (SignerException ex)
        {
            throw new SignerException($"Keystore file '{path}': {ex.Message}", ex.InnerException);
        }
    }

    /// <summary>
    /// Encrypts the key as a Web3 Secret Storage (v3) keystore with scrypt at Nethereum's default cost
    /// (the geth-compatible "standard" parameters).
    /// </summary>
    /// <param name="password">The password to encrypt with.</param>
    /// <returns>The keystore JSON (address lower-case, without 0x, as geth writes it).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="password"/> is <see langword="null"/>.</exception>
    public string ToKeystoreJson(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var service = new KeyStoreScryptService();
        var bytes = LocalKey.GetPrivateKeyAsBytes();
        try
        {
            return service.EncryptAndGenerateKeyStoreAsJson(password, bytes, KeystoreAddress());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>
    /// Encrypts the key as a Web3 Secret Storage (v3) keystore with explicit scrypt cost parameters. Small values make
    /// test keystores fast to open (and cheap to brute-force): use the one-argument overload for real keys.
    /// </summary>
    /// <param name="password">The password to encrypt with.</param>
    /// <param name="scryptN">The CPU/memory cost N: a power of two, at least 2 (geth "light" is 4096, "standard" 262144).</param>
    /// <param name="scryptR">The block size r; positive (usually 8).</param>
    /// <param name="scryptP">The parallelization p; positive (usually 1).</param>
    /// <returns>The keystore JSON.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="password"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A cost parameter is out of range.</exception>
    public string ToKeystoreJson(string password, int scryptN, int scryptR, int scryptP)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (scryptN < 2 || !BitOperations.IsPow2(scryptN))
        {
            throw new ArgumentOutOfRangeException(nameof(scryptN), scryptN, "scrypt N must be a power of two, at least 2.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scryptR);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scryptP);

        var parameters = new ScryptParams { N = scryptN, R = scryptR, P = scryptP, Dklen = 32 };
        var bytes = LocalKey.GetPrivateKeyAsBytes();
        try
        {
            return new KeyStoreScryptService().EncryptAndGenerateKeyStoreAsJson(password, bytes, KeystoreAddress(), parameters);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>A Nethereum account for this key, to give to <c>new Web3(account, url)</c>.</summary>
    /// <param name="chainId">The chain id the account signs for (EIP-155).</param>
    /// <returns>A new account (it carries the key: do not log it).</returns>
    public Nethereum.Web3.Accounts.Account ToAccount(BigInteger chainId) => new(LocalKey, chainId);

    /// <summary>Signs an EIP-1559 (type 2) transaction offline.</summary>
    /// <param name="request">The transaction.</param>
    /// <returns>The raw signed transaction, 0x-prefixed hex (<c>0x02…</c>), ready for <c>eth_sendRawTransaction</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A field is out of range (negative amount, non-positive chain id or gas
    /// limit, tip above the fee cap) or <see cref="Eip1559TransactionRequest.To"/>/<see cref="Eip1559TransactionRequest.Data"/>
    /// is malformed.</exception>
    public string SignTransaction(Eip1559TransactionRequest request)
    {
        var transaction = Unsigned(request);
        var (r, sValue, recoveryId) = SignRecoverable(Sha3Keccack.Current.CalculateHash(transaction.GetRLPEncodedRaw()));
        return Encode(transaction, r, sValue, recoveryId);
    }

    /// <summary>Signs an EIP-1559 transaction with a local key or through an <see cref="IExternalSigner"/>.</summary>
    /// <param name="request">The transaction.</param>
    /// <param name="cancellationToken">Cancels an external signer's request.</param>
    /// <returns>The raw signed transaction, 0x-prefixed hex.</returns>
    /// <exception cref="SignerException">The external signer's signature does not recover to its address.</exception>
    public async Task<string> SignTransactionAsync(Eip1559TransactionRequest request, CancellationToken cancellationToken = default)
    {
        if (external is null)
        {
            return SignTransaction(request);
        }

        var transaction = Unsigned(request);
        var (r, sValue, recoveryId) = await SignExternallyAsync(Sha3Keccack.Current.CalculateHash(transaction.GetRLPEncodedRaw()), cancellationToken).ConfigureAwait(false);
        return Encode(transaction, r, sValue, recoveryId);
    }

    /// <summary>Signs a 32-byte digest (see <see cref="SignDigest"/>) with a local key or through an
    /// <see cref="IExternalSigner"/>.</summary>
    /// <param name="digest">The 32-byte digest.</param>
    /// <param name="cancellationToken">Cancels an external signer's request.</param>
    /// <returns>65 bytes <c>r ‖ s ‖ v</c>, low s, v = 27 or 28.</returns>
    public async Task<byte[]> SignDigestAsync(byte[] digest, CancellationToken cancellationToken = default)
    {
        if (external is null)
        {
            return SignDigest(digest);
        }

        CheckDigest(digest);
        var (r, sValue, recoveryId) = await SignExternallyAsync(digest, cancellationToken).ConfigureAwait(false);
        return Compact(r, sValue, recoveryId);
    }

    /// <summary>
    /// Signs a 32-byte digest as is (no <c>"\x19Ethereum Signed Message"</c> prefix), e.g. an EIP-712 digest.
    /// </summary>
    /// <param name="digest">The 32-byte digest.</param>
    /// <returns>65 bytes <c>r ‖ s ‖ v</c> with a low <c>s</c> and <c>v</c> = 27 or 28, as OpenZeppelin's ECDSA expects.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="digest"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="digest"/> is not 32 bytes.</exception>
    public byte[] SignDigest(byte[] digest)
    {
        CheckDigest(digest);
        var (r, sValue, recoveryId) = SignRecoverable(digest);
        return Compact(r, sValue, recoveryId);
    }

    /// <summary>Signs a 32-byte hash: r and s as 32 big-endian bytes each (s low), and the recovery id (0 or 1).</summary>
    private (byte[] R, byte[] S, int RecoveryId) SignRecoverable(byte[] hash)
    {
        if (fastKey is null)
        {
            throw new SignerException($"The signer {Address} is external: use the asynchronous signing methods (SignTransactionAsync, SignDigestAsync).");
        }

        if (!fastKey.TrySignRecoverable(hash, out var signature) || signature is null)
        {
            throw new InvalidOperationException("secp256k1 signing failed.");
        }

        signature.Deconstruct(out var r, out var sValue, out var recoveryId);
        var rBytes = new byte[32];
        var sBytes = new byte[32];
        r.WriteToSpan(rBytes);
        sValue.WriteToSpan(sBytes);
        return (rBytes, sBytes, recoveryId);
    }

    private EthECKey LocalKey => key ?? throw new SignerException($"The signer {Address} is external: its key cannot be exported or used outside its device.");

    private static void CheckDigest(byte[] digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        if (digest.Length != 32)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The digest must be 32 bytes; got {digest.Length}."), nameof(digest));
        }
    }

    private static byte[] Compact(byte[] r, byte[] sValue, int recoveryId)
    {
        var result = new byte[65];
        r.CopyTo(result, 0);
        sValue.CopyTo(result, 32);
        result[64] = (byte)(27 + recoveryId);
        return result;
    }

    private static Transaction1559 Unsigned(Eip1559TransactionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        var data = string.IsNullOrEmpty(request.Data) ? "0x" : request.Data.EnsureHexPrefix();
        return new Transaction1559(request.ChainId, request.Nonce, request.MaxPriorityFeePerGas, request.MaxFeePerGas, request.GasLimit, request.To, request.Value, data, []);
    }

    private static string Encode(Transaction1559 transaction, byte[] r, byte[] sValue, int recoveryId)
    {
        transaction.SetSignature(new Signature(r, sValue, recoveryId == 0 ? [] : [(byte)recoveryId]));
        return transaction.GetRLPEncoded().ToHex(true);
    }

    private static byte[] Word(byte[] value, string name)
    {
        if (value is null || value.Length > 32)
        {
            throw new SignerException($"The external signer returned a malformed {name} ({value?.Length ?? 0} bytes; expected at most 32).");
        }

        var word = new byte[32];
        value.CopyTo(word, 32 - value.Length);
        return word;
    }

    /// <summary>Asks the external signer, then normalizes: low s (flipping the recovery id), and the recovery id that
    /// recovers <see cref="Address"/> — a signature from another key is refused here, never sent.</summary>
    private async Task<(byte[] R, byte[] S, int RecoveryId)> SignExternallyAsync(byte[] hash, CancellationToken cancellationToken)
    {
        var signature = await external!.SignHashAsync(hash, cancellationToken).ConfigureAwait(false)
            ?? throw new SignerException("The external signer returned no signature.");
        var r = Word(signature.R, "r");
        var sValue = Word(signature.S, "s");
        int? recoveryId = signature.RecoveryId is { } id ? (id >= 27 ? id - 27 : id) : null;
        var sNumber = new BigInteger(sValue, isUnsigned: true, isBigEndian: true);
        if (sNumber > CurveOrder / 2)
        {
            sValue = Word((CurveOrder - sNumber).ToByteArray(isUnsigned: true, isBigEndian: true), "s");
            recoveryId = recoveryId is { } flipped ? flipped ^ 1 : null;
        }

        foreach (var candidate in recoveryId is { } known ? [known] : new[] { 0, 1 })
        {
            if (candidate is not (0 or 1))
            {
                break;
            }

            var recovered = EthECKey.RecoverFromSignature(EthECDSASignatureFactory.FromComponents(r, sValue, (byte)(27 + candidate)), hash);
            if (recovered is not null && string.Equals(recovered.GetPublicAddress(), Address, StringComparison.OrdinalIgnoreCase))
            {
                return (r, sValue, candidate);
            }
        }

        throw new SignerException($"The external signer's signature does not recover to its address {Address}: wrong key, or a signature over another hash.");
    }

    /// <summary>The address only: <c>RwaSigner(0x…)</c>.</summary>
    /// <returns>A description without any secret.</returns>
    public override string ToString() => "RwaSigner(" + Address + ")";

    /// <summary>Reads a file that holds a signing secret, naming only the path on failure.</summary>
    internal static async Task<string> ReadSourceFileAsync(string path, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SignerException($"The {what} file '{path}' does not exist.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new SignerException($"The {what} file '{path}' could not be read: {ex.Message}", ex);
        }
    }

    private static RwaSigner FromPrivateKeyBytes(byte[] bytes)
    {
        if (bytes.Length != PrivateKeyLength)
        {
            throw new SignerException(string.Create(
                CultureInfo.InvariantCulture, $"The private key must be {PrivateKeyLength} bytes; got {bytes.Length}."));
        }

        var scalar = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        if (scalar.IsZero)
        {
            throw new SignerException("The private key is zero, which is not a valid secp256k1 key.");
        }

        if (scalar >= CurveOrder)
        {
            throw new SignerException("The private key is not below the secp256k1 group order, which is not a valid key.");
        }

        return new RwaSigner(bytes);
    }

    private static Mnemonic ParseMnemonic(string mnemonic)
    {
        // Words are never echoed: NBitcoin's own messages name the offending word, so they are not passed on.
        var words = mnemonic.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length is not (12 or 15 or 18 or 21 or 24))
        {
            throw new SignerException(string.Create(
                CultureInfo.InvariantCulture, $"The mnemonic must have 12, 15, 18, 21 or 24 words; got {words.Length}."));
        }

#pragma warning disable CA1308 // BIP-39 word lists are lower case: normalizing to upper case would not match them.
        var normalized = string.Join(' ', words).ToLowerInvariant();
#pragma warning restore CA1308

        Mnemonic parsed;
        try
        {
            parsed = new Mnemonic(normalized, Wordlist.English);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or NotSupportedException)
        {
            throw new SignerException("The mnemonic contains a word that is not in the BIP-39 English word list.");
        }

        if (!parsed.IsValidChecksum)
        {
            throw new SignerException("The mnemonic's BIP-39 checksum is invalid (a word is wrong or the words are out of order).");
        }

        return parsed;
    }

    private static string? ReadKeystoreAddress(string keystoreJson)
    {
        try
        {
            using var document = JsonDocument.Parse(keystoreJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new SignerException("The keystore is not a JSON object.");
            }

            return document.RootElement.TryGetProperty("address", out var address) && address.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(address.GetString())
                ? address.GetString()
                : null;
        }
        catch (JsonException ex)
        {
            throw new SignerException("The keystore is not valid JSON.", ex);
        }
    }

    private static void Validate(Eip1559TransactionRequest request)
    {
        if (request.ChainId.Sign <= 0)
        {
            throw new ArgumentException("The chain id must be positive.", nameof(request));
        }

        if (request.Nonce.Sign < 0 || request.MaxPriorityFeePerGas.Sign < 0 || request.MaxFeePerGas.Sign < 0 || request.Value.Sign < 0)
        {
            throw new ArgumentException("The nonce, the fees and the value must be non-negative.", nameof(request));
        }

        if (request.GasLimit.Sign <= 0)
        {
            throw new ArgumentException("The gas limit must be positive.", nameof(request));
        }

        if (request.MaxPriorityFeePerGas > request.MaxFeePerGas)
        {
            throw new ArgumentException("The max priority fee per gas must not exceed the max fee per gas.", nameof(request));
        }

        if (request.To is not null && !AddressUtil.Current.IsValidEthereumAddressHexFormat(request.To))
        {
            throw new ArgumentException($"The recipient '{request.To}' is not an address (0x + 40 hex digits).", nameof(request));
        }

        if (!string.IsNullOrEmpty(request.Data))
        {
            var hex = request.Data.RemoveHexPrefix();
            if (hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit))
            {
                throw new ArgumentException("The data must be hex with an even number of digits.", nameof(request));
            }
        }
    }

    private static void CopyLeftPadded(byte[] source, Span<byte> destination)
    {
        // R and S are minimal big-endian integers: a leading zero byte is dropped, so pad them back to 32 bytes.
        var trimmed = source.AsSpan();
        while (trimmed.Length > destination.Length && trimmed[0] == 0)
        {
            trimmed = trimmed[1..];
        }

        destination.Clear();
        trimmed.CopyTo(destination[(destination.Length - trimmed.Length)..]);
    }

#pragma warning disable CA1308 // geth writes the keystore address in lower case.
    private string KeystoreAddress() => Address.RemoveHexPrefix().ToLowerInvariant();
#pragma warning restore CA1308
}
