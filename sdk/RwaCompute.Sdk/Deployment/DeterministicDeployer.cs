using System.Text;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;

namespace RwaCompute.Sdk.Deployment;

/// <summary>
/// The standard deterministic CREATE2 deployer (Arachnid's proxy at
/// <c>0x4e59b44847b379578588920ca78fbf26c0b4956c</c>, present on anvil and most EVM chains) and the address
/// arithmetic of contracts deployed through it.
/// </summary>
/// <remarks>The proxy takes calldata <c>salt (32 bytes) ‖ init code</c> and creates the contract at
/// <c>keccak256(0xff ‖ proxy ‖ salt ‖ keccak256(init code))[12:]</c>. The same salt and init code give the same address
/// on every chain, and a second deployment of them reverts: a contract is never deployed twice.</remarks>
public static class DeterministicDeployer
{
    /// <summary>The proxy's address, EIP-55 checksummed.</summary>
    public const string Address = "0x4e59b44847b379578588920cA78FbF26c0B4956C";

    /// <summary>The salt of one contract of the suite: <c>keccak256(utf8(saltNamespace + ":" + contractName))</c>.</summary>
    /// <param name="saltNamespace">The namespace (<see cref="DeployConfig.Salt"/>, e.g. <c>rwacompute-v1</c>).</param>
    /// <param name="contractName">The contract (a <see cref="ManifestContractNames"/> key).</param>
    /// <returns>The 32-byte salt.</returns>
    public static byte[] ComputeSalt(string saltNamespace, string contractName)
    {
        ArgumentNullException.ThrowIfNull(saltNamespace);
        ArgumentNullException.ThrowIfNull(contractName);
        return EthereumHex.Keccak(Encoding.UTF8.GetBytes(saltNamespace + ":" + contractName));
    }

    /// <summary>The address the proxy creates for <paramref name="salt"/> and an init code of hash
    /// <paramref name="initCodeHash"/>.</summary>
    /// <param name="salt">The 32-byte salt.</param>
    /// <param name="initCodeHash">Keccak-256 of the init code (bytecode ‖ constructor arguments).</param>
    /// <returns>The address, EIP-55 checksummed.</returns>
    /// <exception cref="ArgumentException">A value is not 32 bytes long.</exception>
    public static string ComputeAddress(byte[] salt, byte[] initCodeHash)
    {
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentNullException.ThrowIfNull(initCodeHash);
        if (salt.Length != 32)
        {
            throw new ArgumentException("The salt must be 32 bytes.", nameof(salt));
        }

        if (initCodeHash.Length != 32)
        {
            throw new ArgumentException("The init code hash must be 32 bytes.", nameof(initCodeHash));
        }

        var preimage = new byte[1 + 20 + 32 + 32];
        preimage[0] = 0xff;
        Address.HexToByteArray().CopyTo(preimage, 1);
        salt.CopyTo(preimage, 21);
        initCodeHash.CopyTo(preimage, 53);
        var hash = EthereumHex.Keccak(preimage);
        return AddressUtil.Current.ConvertToChecksumAddress(hash.AsSpan(12).ToArray().ToHex(true));
    }

    /// <summary>The proxy's calldata: <c>salt ‖ initCode</c>.</summary>
    /// <param name="salt">The 32-byte salt.</param>
    /// <param name="initCode">The init code.</param>
    /// <returns>The calldata.</returns>
    public static byte[] BuildCalldata(byte[] salt, byte[] initCode)
    {
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentNullException.ThrowIfNull(initCode);
        if (salt.Length != 32)
        {
            throw new ArgumentException("The salt must be 32 bytes.", nameof(salt));
        }

        var data = new byte[32 + initCode.Length];
        salt.CopyTo(data, 0);
        initCode.CopyTo(data, 32);
        return data;
    }
}
