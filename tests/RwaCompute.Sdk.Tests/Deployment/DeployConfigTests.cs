using RwaCompute.Sdk.Errors;
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
        Assert.Equal(86400UL, config.AdminDelaySeconds);
        Assert.Null(config.Governance);
    }

    [Fact]
    public void Parse_GovernanceAdmin_IsReadAndChecksummedForTheDeployer()
    {
        var config = DeployConfig.Parse(WithFields("""
            "adminDelaySeconds": 0,
            "governance": { "admin": "0x90f79bf6eb2c4f870365e785982e1f101e93b906" }
            """));

        Assert.Equal(0UL, config.AdminDelaySeconds);
        Assert.Equal("0x90f79bf6eb2c4f870365e785982e1f101e93b906", config.Governance!.Admin);
        Assert.Null(config.Governance.Timelock);
        Assert.Equal(Operator, config.Normalized().Governance!.Admin);
    }

    [Fact]
    public void Parse_GovernanceTimelock_IsRead()
    {
        var config = DeployConfig.Parse(WithFields("""
            "governance": { "timelock": {
              "minDelaySeconds": 172800,
              "proposers": ["0x90F79bf6EB2c4f870365E785982E1f101E93b906"],
              "executors": ["0x0000000000000000000000000000000000000000"],
            } }
            """));

        var timelock = config.Governance!.Timelock!;
        Assert.Null(config.Governance.Admin);
        Assert.Equal(172800UL, timelock.MinDelaySeconds);
        Assert.Equal([Operator], timelock.Proposers);
        Assert.Equal([Zero], timelock.Executors);
    }

    public static TheoryData<string, string> InvalidGovernance() => new()
    {
        { """ "governance": {} """, "exactly one of 'admin'" },
        { $$""" "governance": { "admin": "{{Operator}}", "timelock": { "minDelaySeconds": 60, "proposers": ["{{Operator}}"], "executors": ["{{Operator}}"] } } """, "exactly one of 'admin'" },
        { """ "governance": { "admin": "0x90F79bf6EB2c4f870365E785982E1f101E93b907" } """, "'governance.admin'" },
        { $$""" "governance": { "admin": "{{Zero}}" } """, "'governance.admin' must not be the zero address" },
        { $$""" "governance": { "timelock": { "proposers": ["{{Operator}}"], "executors": ["{{Operator}}"] } } """, "'governance.timelock.minDelaySeconds' is required" },
        { $$""" "governance": { "timelock": { "minDelaySeconds": 0, "proposers": ["{{Operator}}"], "executors": ["{{Operator}}"] } } """, "'governance.timelock.minDelaySeconds'" },
        { $$""" "governance": { "timelock": { "minDelaySeconds": 281474976710656, "proposers": ["{{Operator}}"], "executors": ["{{Operator}}"] } } """, "'governance.timelock.minDelaySeconds'" },
        { $$""" "governance": { "timelock": { "minDelaySeconds": -1, "proposers": ["{{Operator}}"], "executors": ["{{Operator}}"] } } """, "minDelaySeconds" },
        { $$""" "governance": { "timelock": { "minDelaySeconds": 1.5, "proposers": ["{{Operator}}"], "executors": ["{{Operator}}"] } } """, "minDelaySeconds" },
        { $$""" "governance": { "timelock": { "minDelaySeconds": 60, "proposers": [], "executors": ["{{Operator}}"] } } """, "'governance.timelock.proposers'" },
        { $$""" "governance": { "timelock": { "minDelaySeconds": 60, "executors": ["{{Operator}}"] } } """, "'governance.timelock.proposers'" },
        { $$""" "governance": { "timelock": { "minDelaySeconds": 60, "proposers": ["{{Zero}}"], "executors": ["{{Operator}}"] } } """, "'governance.timelock.proposers[0]' must not be the zero address" },
        { $$""" "governance": { "timelock": { "minDelaySeconds": 60, "proposers": ["{{Operator}}", "{{Operator.ToLowerInvariant()}}"], "executors": ["{{Operator}}"] } } """, "'governance.timelock.proposers[1]' repeats" },
        { $$""" "governance": { "timelock": { "minDelaySeconds": 60, "proposers": ["{{Operator}}"] } } """, "'governance.timelock.executors'" },
        { $$""" "governance": { "timelock": { "minDelaySeconds": 60, "proposers": ["{{Operator}}"], "executors": ["0x1234"] } } """, "'governance.timelock.executors[0]'" },
        { $$""" "governance": { "timelock": { "minDelaySeconds": 60, "proposer": ["{{Operator}}"], "executors": ["{{Operator}}"] } } """, "proposer" },
        { $$""" "governance": { "multisig": "{{Operator}}" } """, "multisig" },
        { """ "adminDelaySeconds": 281474976710656 """, "'adminDelaySeconds' must fit a uint48" },
        { """ "adminDelaySeconds": "1d" """, "adminDelaySeconds" },
    };

    [Theory]
    [MemberData(nameof(InvalidGovernance))]
    public void Parse_InvalidGovernanceOrAdminDelay_ThrowsNamingTheField(string fields, string expected)
    {
        var error = Assert.Throws<DeployConfigException>(() => DeployConfig.Parse(WithFields(fields)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LargestUint48AdminDelayAndOpenExecutors_AreAccepted()
    {
        var config = Valid() with
        {
            AdminDelaySeconds = (1UL << 48) - 1,
            Governance = new GovernanceConfig { Timelock = new TimelockConfig { MinDelaySeconds = 1, Proposers = [Operator], Executors = [Zero, Operator] } },
        };

        config.Validate();
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

    [Theory]
    [InlineData(1, 0, 1, 1)]
    [InlineData(2, 0, 2, 2)]
    [InlineData(3, 0, 2, 3)]
    [InlineData(4, 1, 3, 3)]
    [InlineData(5, 1, 3, 4)]
    [InlineData(7, 2, 5, 5)]
    [InlineData(10, 3, 7, 7)]
    [InlineData(32, 10, 21, 22)]
    public void QuorumBounds_FollowTheFaultModel(int reporters, int faults, int minimum, int maximum) =>
        Assert.Equal((faults, minimum, maximum), DeployConfig.QuorumBounds(reporters));

    [Fact]
    public void Validate_WeakQuorumAllowedExplicitly_Passes()
    {
        // O-1: one of two reporters must not decide alone, unless the operator says so.
        var weak = Valid() with { Quorum = 1 };

        Assert.Throws<DeployConfigException>(() => weak.Validate());
        (weak with { AllowWeakQuorum = true }).Validate();
    }

    public static TheoryData<string, DeployConfig> Invalid() => new()
    {
        { "reporters", Valid() with { Reporters = [] } },
        { "reporters[1]", Valid() with { Reporters = [ManifestSamples.Reporter1, "0x12"] } },
        { "repeats", Valid() with { Reporters = [ManifestSamples.Reporter1, ManifestSamples.Reporter1] } },
        { "quorum", Valid() with { Quorum = 3 } },
        { "quorum", Valid() with { Quorum = 0 } },
        { "fault model", Valid() with { Quorum = 1 } },
        { "oracleMaxAgeSeconds", Valid() with { OracleMaxAgeSeconds = 0 } },
        { "deliveryGraceSeconds", Valid() with { DeliveryGraceSeconds = 1UL << 40 } },
        { "defaultLtvBps", Valid() with { DefaultLtvBps = 10_001 } },
        { "salt", Valid() with { Salt = " " } },
        { "stablecoin", Valid() with { Stablecoin = "0x0000000000000000000000000000000000000000" } },
        { "roles[0].contract", Valid() with { Roles = [new RoleAssignment { Contract = "Stablecoin", Role = "MINTER_ROLE", Account = ManifestSamples.Admin }] } },
        { "roles[0].role", Valid() with { Roles = [new RoleAssignment { Contract = ManifestContractNames.Token, Role = "grantRole(bytes32)", Account = ManifestSamples.Admin }] } },
        { "'roles[0].role' is DEFAULT_ADMIN_ROLE", Valid() with { Roles = [new RoleAssignment { Contract = ManifestContractNames.Token, Role = "DEFAULT_ADMIN_ROLE", Account = ManifestSamples.Admin }] } },
        { "'roles[0].role' is DEFAULT_ADMIN_ROLE", Valid() with { Roles = [new RoleAssignment { Contract = ManifestContractNames.Oracle, Role = "0x" + new string('0', 64), Account = ManifestSamples.Admin }] } },
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

    private const string Operator = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
    private const string Zero = "0x0000000000000000000000000000000000000000";

    private static string WithFields(string fields) => Minimal.TrimEnd().TrimEnd('}') + fields + "\n}";

    private static DeployConfig Valid() => new()
    {
        Stablecoin = ManifestSamples.StablecoinAddress,
        Reporters = [ManifestSamples.Reporter1, ManifestSamples.Reporter2],
    };
}
