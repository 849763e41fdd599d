namespace RwaCompute.Sdk.Deployment;

/// <summary>One contract of a <see cref="DeploymentManifest"/>: where it is and how it was created.</summary>
public sealed record ContractDeployment
{
    /// <summary>The contract's address, EIP-55 checksummed.</summary>
    public string Address { get; init; } = string.Empty;

    /// <summary>The transaction that created it (a call to the CREATE2 deployer), when known; <see langword="null"/>
    /// for an <see cref="External"/> contract or one adopted from the chain without a journaled transaction.</summary>
    public string? TransactionHash { get; init; }

    /// <summary>The block of <see cref="TransactionHash"/>, when known.</summary>
    public long? BlockNumber { get; init; }

    /// <summary>Keccak-256 of the init code (creation bytecode followed by the ABI-encoded constructor arguments),
    /// 0x-prefixed. Required unless <see cref="External"/>.</summary>
    public string? CreationCodeHash { get; init; }

    /// <summary>Keccak-256 of the code on chain (<c>eth_getCode</c>), 0x-prefixed, when recorded.</summary>
    public string? RuntimeCodeHash { get; init; }

    /// <summary>The 32-byte CREATE2 salt, 0x-prefixed, when the contract was deployed through the deterministic
    /// deployer.</summary>
    public string? Salt { get; init; }

    /// <summary>The constructor arguments in human-readable form (addresses checksummed, numbers in decimal, arrays as
    /// <c>[a,b]</c>), in declaration order.</summary>
    public IReadOnlyList<string> ConstructorArguments { get; init; } = [];

    /// <summary><see langword="true"/> for a pre-existing contract the toolkit did not deploy (the stablecoin).</summary>
    public bool External { get; init; }
}
