using System.Globalization;
using System.Numerics;
using Nethereum.Contracts;
using Nethereum.Contracts.MessageEncodingServices;
using Nethereum.Hex.HexConvertors.Extensions;
using RwaCompute.Sdk.Contracts.ComputeCapacityToken;
using RwaCompute.Sdk.Contracts.ComputeCurtailment;
using RwaCompute.Sdk.Contracts.ComputeEscrow;
using RwaCompute.Sdk.Contracts.ComputeLending;
using RwaCompute.Sdk.Contracts.ComputeMarket;
using RwaCompute.Sdk.Contracts.SuiteTimelock;
using RwaCompute.Sdk.Contracts.UtilizationOracle;
using RwaCompute.Sdk.Errors;

namespace RwaCompute.Sdk.Deployment;

/// <summary>
/// Rebuilds the init code of a manifest entry from its name and its recorded constructor arguments, with this toolkit's
/// creation bytecode (the generated <c>XDeployment.DefaultByteCode</c>). An entry is bound to its name when keccak256 of
/// that init code is its <see cref="ContractDeployment.CreationCodeHash"/> and the CREATE2 address of its salt and that
/// hash is its address: the code at the address can then only be that contract, created with those arguments. A
/// swapped entry (the token's address recorded as the escrow's, with every field moved along) fails, because the
/// escrow's bytecode with the token's arguments is not what was deployed there.
/// </summary>
internal static class SuiteInitCode
{
    /// <summary>The init code of the contract <paramref name="name"/> with these arguments, in the manifest's
    /// human-readable form (addresses, decimal numbers, arrays as <c>[a,b]</c>).</summary>
    /// <param name="name">A key of <see cref="ManifestContractNames.Deployed"/> or <see cref="ManifestContractNames.Timelock"/>.</param>
    /// <param name="arguments">The recorded constructor arguments.</param>
    /// <returns>The creation bytecode followed by the ABI-encoded arguments.</returns>
    /// <exception cref="DeploymentException">The arguments do not fit the contract's constructor (their number or a
    /// value's form), or the name is not a contract this toolkit deploys; the message names the contract.</exception>
    public static byte[] For(string name, IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        switch (name)
        {
            case ManifestContractNames.Token:
                Count(name, arguments, 3);
                return Encode(new ComputeCapacityTokenDeployment
                {
                    Admin = Address(name, arguments, 0),
                    AdminDelay = Number<ulong>(name, arguments, 1),
                    BaseUri = arguments[2],
                });
            case ManifestContractNames.Oracle:
                Count(name, arguments, 5);
                return Encode(new UtilizationOracleDeployment
                {
                    Admin = Address(name, arguments, 0),
                    AdminDelay = Number<ulong>(name, arguments, 1),
                    Reporters = Addresses(name, arguments, 2),
                    Quorum = Number<byte>(name, arguments, 3),
                    MaxAge = Number<ulong>(name, arguments, 4),
                });
            case ManifestContractNames.Escrow:
                Count(name, arguments, 6);
                return Encode(new ComputeEscrowDeployment
                {
                    Admin = Address(name, arguments, 0),
                    AdminDelay = Number<ulong>(name, arguments, 1),
                    Token = Address(name, arguments, 2),
                    Stablecoin = Address(name, arguments, 3),
                    Oracle = Address(name, arguments, 4),
                    DeliveryGrace = Number<ulong>(name, arguments, 5),
                });
            case ManifestContractNames.Market:
                Count(name, arguments, 4);
                return Encode(new ComputeMarketDeployment
                {
                    Admin = Address(name, arguments, 0),
                    AdminDelay = Number<ulong>(name, arguments, 1),
                    Escrow = Address(name, arguments, 2),
                    IndexWindowSeconds = Number<uint>(name, arguments, 3),
                });
            case ManifestContractNames.Lending:
                Count(name, arguments, 4);
                return Encode(new ComputeLendingDeployment
                {
                    Admin = Address(name, arguments, 0),
                    AdminDelay = Number<ulong>(name, arguments, 1),
                    Escrow = Address(name, arguments, 2),
                    DefaultLtvBps = Number<ushort>(name, arguments, 3),
                });
            case ManifestContractNames.Curtailment:
                Count(name, arguments, 3);
                return Encode(new ComputeCurtailmentDeployment
                {
                    Token = Address(name, arguments, 0),
                    Escrow = Address(name, arguments, 1),
                    Oracle = Address(name, arguments, 2),
                });
            case ManifestContractNames.Timelock:
                Count(name, arguments, 4);
                return Encode(new SuiteTimelockDeployment
                {
                    MinDelay = Number<BigInteger>(name, arguments, 0),
                    Proposers = Addresses(name, arguments, 1),
                    Executors = Addresses(name, arguments, 2),
                    Admin = Address(name, arguments, 3),
                });
            default:
                throw new DeploymentException(name, "is not a contract this toolkit deploys, so it has no init code");
        }
    }

    /// <summary>The escrow's constructor arguments that name the other contracts: (token, stablecoin, oracle).</summary>
    /// <param name="arguments">The escrow's recorded constructor arguments (already checked by <see cref="For"/>).</param>
    /// <returns>The three addresses, checksummed.</returns>
    public static (string Token, string Stablecoin, string Oracle) EscrowReferences(IReadOnlyList<string> arguments) =>
        (Address(ManifestContractNames.Escrow, arguments, 2), Address(ManifestContractNames.Escrow, arguments, 3), Address(ManifestContractNames.Escrow, arguments, 4));

    /// <summary>The market's constructor argument that names the escrow.</summary>
    /// <param name="arguments">The market's recorded constructor arguments (already checked by <see cref="For"/>).</param>
    /// <returns>The escrow's address, checksummed.</returns>
    public static string MarketEscrow(IReadOnlyList<string> arguments) => Address(ManifestContractNames.Market, arguments, 2);

    /// <summary>The lending module's constructor argument that names the escrow.</summary>
    /// <param name="arguments">The lending module's recorded constructor arguments (already checked by <see cref="For"/>).</param>
    /// <returns>The escrow's address, checksummed.</returns>
    public static string LendingEscrow(IReadOnlyList<string> arguments) => Address(ManifestContractNames.Lending, arguments, 2);

    /// <summary>The curtailment module's constructor arguments: (token, escrow, oracle).</summary>
    /// <param name="arguments">The module's recorded constructor arguments (already checked by <see cref="For"/>).</param>
    /// <returns>The three addresses, checksummed.</returns>
    public static (string Token, string Escrow, string Oracle) CurtailmentReferences(IReadOnlyList<string> arguments) =>
        (Address(ManifestContractNames.Curtailment, arguments, 0), Address(ManifestContractNames.Curtailment, arguments, 1), Address(ManifestContractNames.Curtailment, arguments, 2));

    private static byte[] Encode<TDeployment>(TDeployment deployment)
        where TDeployment : ContractDeploymentMessage, new() =>
        new DeploymentMessageEncodingService<TDeployment>().GetDeploymentData(deployment).HexToByteArray();

    private static void Count(string name, IReadOnlyList<string> arguments, int expected)
    {
        if (arguments.Count != expected)
        {
            throw new DeploymentException(name, $"the manifest records {arguments.Count.ToString(CultureInfo.InvariantCulture)} constructor arguments, but {name}'s constructor takes {expected.ToString(CultureInfo.InvariantCulture)}: the entry is not a {name} (an edited or swapped manifest entry)");
        }
    }

    private static string Address(string name, IReadOnlyList<string> arguments, int index) =>
        AddressText(name, arguments[index], index);

    private static string AddressText(string name, string text, int index) =>
        EthereumHex.TryNormalizeAddress(text, out var address, out var reason)
            ? address
            : throw Bad(name, index, $"'{text}' is not an address ({reason})");

    private static List<string> Addresses(string name, IReadOnlyList<string> arguments, int index)
    {
        var text = arguments[index];
        if (text.Length < 2 || text[0] != '[' || text[^1] != ']')
        {
            throw Bad(name, index, $"'{text}' is not a list [a,b]");
        }

        var inner = text[1..^1];
        return inner.Length == 0 ? [] : [.. inner.Split(',').Select(item => AddressText(name, item, index))];
    }

    private static T Number<T>(string name, IReadOnlyList<string> arguments, int index)
        where T : IBinaryInteger<T> =>
        T.TryParse(arguments[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Bad(name, index, $"'{arguments[index]}' is not a whole number of the constructor's type");

    private static DeploymentException Bad(string name, int index, string reason) =>
        new(name, $"constructor argument {index.ToString(CultureInfo.InvariantCulture)} of the manifest: {reason} (an edited or swapped manifest entry)");
}
