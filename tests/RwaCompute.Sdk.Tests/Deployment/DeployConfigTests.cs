using RwaCompute.Sdk.Deployment;
using Xunit;

namespace RwaCompute.Sdk.Tests.Deployment;

public sealed class DeployConfigTests
{
    private const string Minimal = """
        {
          // comments and trailing commas are allowed: the file is written by hand
          "stablecoin": "0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9",
          "reporters": ["0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"],
        }
        """;

    [Fact]
    public void Parse_Minimal_AppliesTheDefaults()
    {
        var config = DeployConfig.Parse(Minimal);

        Assert.Equal(2, config.Quorum);
        Assert.Equal(86400UL, config.OracleMaxAgeSeconds);
        Assert.Equal(604800UL, config.DeliveryGraceSeconds);
        Assert.Equal(5000, config.DefaultLtvBps);
        Assert.Equal("https://metadata.rwacompute.local/lots/{id}.json", config.BaseUri);
        Assert.Equal("rwacompute-v1", config.Salt);
        Assert.Empty(config.Roles);
    }

    [Fact]
    public void Parse_Roles_AreRead()
    {
        var config = DeployConfig.Parse(Minimal.Replace("],\n}", """
            ],
            "roles": [{ "contract": "ComputeCapacityToken", "role": "REGISTRAR_ROLE", "account": "0x90F79bf6EB2c4f870365E785982E1f101E93b906" }]
            }
            """, StringComparison.Ordinal));

        var role = Assert.Single(config.Roles);
        Assert.Equal(ManifestContractNames.Token, role.Contract);
        Assert.Equal("REGISTRAR_ROLE", role.Role);
    }

    [Fact]
    public void Parse_UnknownField_IsRejected()
    {
        var error = Assert.Throws<DeployConfigException>(() => DeployConfig.Parse("""{ "reporters": ["0x70997970C51812dc3A010C7d01b50e0d17dc79C8"], "quorom": 1 }"""));

        Assert.Contains("quorom", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_MissingFile_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<DeployConfigException>(() => DeployConfig.LoadAsync(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "deploy.json")));

        Assert.Contains("not found", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, DeployConfig> Invalid() => new()
    {
        { "reporters", Valid() with { Reporters = [] } },
        { "reporters[1]", Valid() with { Reporters = [ManifestSamples.Reporter1, "0x12"] } },
        { "repeats", Valid() with { Reporters = [ManifestSamples.Reporter1, ManifestSamples.Reporter1] } },
        { "quorum", Valid() with { Quorum = 3 } },
        { "quorum", Valid() with { Quorum = 0 } },
        { "oracleMaxAgeSeconds", Valid() with { OracleMaxAgeSeconds = 0 } },
        { "deliveryGraceSeconds", Valid() with { DeliveryGraceSeconds = 1UL << 40 } },
        { "defaultLtvBps", Valid() with { DefaultLtvBps = 10_001 } },
        { "salt", Valid() with { Salt = " " } },
        { "stablecoin", Valid() with { Stablecoin = "0x0000000000000000000000000000000000000000" } },
        { "roles[0].contract", Valid() with { Roles = [new RoleAssignment { Contract = "Stablecoin", Role = "MINTER_ROLE", Account = ManifestSamples.Admin }] } },
        { "roles[0].role", Valid() with { Roles = [new RoleAssignment { Contract = ManifestContractNames.Token, Role = "grantRole(bytes32)", Account = ManifestSamples.Admin }] } },
        { "roles[0].account", Valid() with { Roles = [new RoleAssignment { Contract = ManifestContractNames.Token, Role = "PAUSER_ROLE", Account = "nobody" }] } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_InvalidValue_NamesIt(string field, DeployConfig config)
    {
        var error = Assert.Throws<DeployConfigException>(config.Validate);

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RoleIdAsHex_IsAccepted()
    {
        var config = Valid() with { Roles = [new RoleAssignment { Contract = ManifestContractNames.Escrow, Role = ManifestSamples.Hash1, Account = ManifestSamples.Admin }] };

        config.Validate();
    }

    private static DeployConfig Valid() => new()
    {
        Stablecoin = ManifestSamples.StablecoinAddress,
        Reporters = [ManifestSamples.Reporter1, ManifestSamples.Reporter2],
    };
}
