using RwaCompute.Sdk.Deployment;

namespace RwaCompute.Sdk.Tests.Deployment;

/// <summary>A complete, valid manifest and its JSON, edited by the bad-manifest cases.</summary>
internal static class ManifestSamples
{
    public const string Admin = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    public const string Reporter1 = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    public const string Reporter2 = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    public const string TokenAddress = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    public const string OracleAddress = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
    public const string EscrowAddress = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";
    public const string StablecoinAddress = "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9";
    public const string MarketAddress = "0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9";
    public const string LendingAddress = "0x5FC8d32690cc91D4c39d9d3abcBD16989F875707";
    public const string CurtailmentAddress = "0x0165878A594ca255338adfa4d48449f69242Eb8F";
    public const string Hash1 = "0x1111111111111111111111111111111111111111111111111111111111111111";
    public const string Hash2 = "0x2222222222222222222222222222222222222222222222222222222222222222";
    public const string Hash3 = "0x3333333333333333333333333333333333333333333333333333333333333333";

    public static DeploymentManifest Complete() => new()
    {
        SchemaVersion = DeploymentManifest.CurrentSchemaVersion,
        ChainId = 31337,
        ToolkitVersion = "0.1.0",
        Deployer = Admin,
        UpdatedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Contracts = new Dictionary<string, ContractDeployment>
        {
            [ManifestContractNames.Token] = Contract(TokenAddress, 5, [Admin, "https://metadata.rwacompute.local/lots/{id}.json"]),
            [ManifestContractNames.Oracle] = Contract(OracleAddress, 6, [Admin, $"[{Reporter1},{Reporter2}]", "2", "86400"]),
            [ManifestContractNames.Escrow] = Contract(EscrowAddress, 7, [Admin, TokenAddress, StablecoinAddress, OracleAddress, "604800"]),
            [ManifestContractNames.Market] = Contract(MarketAddress, 8, [Admin, "0", EscrowAddress, "604800"]),
            [ManifestContractNames.Lending] = Contract(LendingAddress, 9, [Admin, "0", EscrowAddress, "5000"]),
            [ManifestContractNames.Curtailment] = Contract(CurtailmentAddress, 10, [TokenAddress, EscrowAddress, OracleAddress]),
            [ManifestContractNames.Stablecoin] = new ContractDeployment { Address = StablecoinAddress, External = true, RuntimeCodeHash = Hash3 },
        },
        Roles = [new RoleGrant { Contract = ManifestContractNames.Token, Role = "ESCROW_ROLE", Account = EscrowAddress, TransactionHash = Hash1 }],
        Oracle = new OracleSettings { Reporters = [Reporter1, Reporter2], Quorum = 2, MaxAgeSeconds = 86400 },
    };

    public static string CompleteJson() => Complete().ToJson();

    private static ContractDeployment Contract(string address, long block, IReadOnlyList<string> arguments) => new()
    {
        Address = address,
        TransactionHash = Hash1,
        BlockNumber = block,
        CreationCodeHash = Hash2,
        RuntimeCodeHash = Hash3,
        Salt = Hash1,
        ConstructorArguments = arguments,
    };
}
