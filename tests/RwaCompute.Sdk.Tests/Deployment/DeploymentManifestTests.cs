using System.Text.Json;
using System.Text.Json.Nodes;
using RwaCompute.Sdk.Deployment;
using RwaCompute.Sdk.Errors;
using Xunit;

namespace RwaCompute.Sdk.Tests.Deployment;

public sealed class DeploymentManifestTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "rwa-manifest-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task SaveThenLoad_RoundTripsEveryField()
    {
        var manifest = ManifestSamples.Complete();
        var path = DeploymentManifest.DefaultPath(directory, manifest.ChainId);

        await manifest.SaveAsync(path);
        var loaded = await DeploymentManifest.LoadAsync(path);

        Assert.Equal(manifest.ToJson(), loaded.ToJson());
        Assert.Equal(ManifestSamples.TokenAddress, loaded.TokenAddress);
        Assert.Equal(ManifestSamples.OracleAddress, loaded.OracleAddress);
        Assert.Equal(ManifestSamples.EscrowAddress, loaded.EscrowAddress);
        Assert.Equal(ManifestSamples.StablecoinAddress, loaded.StablecoinAddress);
        Assert.Equal(7, loaded.Contracts[ManifestContractNames.Escrow].BlockNumber);
        Assert.Equal(["0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"], loaded.Oracle!.Reporters);
        Assert.Equal("ESCROW_ROLE", Assert.Single(loaded.Roles).Role);
        Assert.True(loaded.IsComplete);
        Assert.Equal(manifest.UpdatedAt, loaded.UpdatedAt);
    }

    [Fact]
    public void ToJson_IsCamelCaseIndentedWithNumbersAsNumbers()
    {
        var json = ManifestSamples.CompleteJson();
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        Assert.Contains("\n  \"schemaVersion\": 4", json, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("chainId").ValueKind);
        Assert.Equal(31337, root.GetProperty("chainId").GetInt64());
        var token = root.GetProperty("contracts").GetProperty("ComputeCapacityToken");
        Assert.Equal(JsonValueKind.Number, token.GetProperty("blockNumber").ValueKind);
        Assert.Equal(JsonValueKind.Array, token.GetProperty("constructorArguments").ValueKind);
        Assert.False(root.TryGetProperty("tokenAddress", out _));
        Assert.False(root.TryGetProperty("isComplete", out _));
        Assert.Equal(86400, root.GetProperty("oracle").GetProperty("maxAgeSeconds").GetInt64());
    }

    [Fact]
    public async Task LoadAsync_MissingFile_ThrowsNotFound()
    {
        var path = Path.Combine(directory, "31337.json");

        var error = await Assert.ThrowsAsync<ManifestException>(() => DeploymentManifest.LoadAsync(path));

        Assert.Contains("not found", error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void Parse_MalformedJson_ThrowsNotValidJson()
    {
        var error = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse("{ \"schemaVersion\": 1,", "m.json"));

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("m.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WrongSchemaVersion_NamesTheVersion()
    {
        // Version 1 is a manifest of the suite before the market module: its escrow still sold offers itself.
        var error = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse(Edit(root => root["schemaVersion"] = 1)));

        Assert.Contains("schema version 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0x1234")]
    [InlineData("5FbDB2315678afecb367f032d93F642f64180aa3")]
    [InlineData("0xZZbDB2315678afecb367f032d93F642f64180aa3")]
    public void Parse_BadAddress_NamesTheField(string address)
    {
        var json = Edit(root => root["contracts"]!["ComputeEscrow"]!["address"] = address);

        var error = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse(json));

        Assert.Contains("contracts.ComputeEscrow.address", error.Message, StringComparison.Ordinal);
        Assert.Contains("bad address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadChecksum_IsRejected()
    {
        // One letter's case flipped: a hand-edited typo.
        var json = Edit(root => root["contracts"]!["ComputeEscrow"]!["address"] = "0x9Fe46736679d2D9a65F0992F2272dE9f3c7fa6e0");

        var error = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse(json));

        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LowercaseAddress_IsChecksummed()
    {
        var json = Edit(root => root["contracts"]!["ComputeEscrow"]!["address"] = "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0");

        var manifest = DeploymentManifest.Parse(json);

        Assert.Equal(ManifestSamples.EscrowAddress, manifest.EscrowAddress);
    }

    [Fact]
    public void Parse_MissingContract_IsPartialAndItsAddressThrows()
    {
        var json = Edit(root => root["contracts"]!.AsObject().Remove("ComputeEscrow"));

        var manifest = DeploymentManifest.Parse(json, "deployments/31337.json");

        Assert.False(manifest.IsComplete);
        var error = Assert.Throws<ManifestException>(() => manifest.EscrowAddress);
        Assert.Contains("does not list ComputeEscrow", error.Message, StringComparison.Ordinal);
        Assert.Equal("deployments/31337.json", error.Path);
    }

    [Fact]
    public async Task SaveThenLoad_WithSuiteTimelock_KeepsItAfterTheSuiteAndExposesItsAddress()
    {
        var manifest = ManifestSamples.Complete();
        var contracts = new Dictionary<string, ContractDeployment>(manifest.Contracts)
        {
            [ManifestContractNames.Timelock] = manifest.Contracts[ManifestContractNames.Escrow] with
            {
                Address = "0xa513E6E4b8f2a923D98304ec87F64353C4D5C853",
                ConstructorArguments = ["172800", $"[{ManifestSamples.Admin}]", $"[{ManifestSamples.Admin}]", "0x0000000000000000000000000000000000000000"],
            },
        };
        var path = DeploymentManifest.DefaultPath(directory, manifest.ChainId);

        await (manifest with { Contracts = contracts }).SaveAsync(path);
        var loaded = await DeploymentManifest.LoadAsync(path);

        Assert.True(loaded.IsComplete);
        Assert.Equal("0xa513E6E4b8f2a923D98304ec87F64353C4D5C853", loaded.TimelockAddress);
        Assert.Equal(["ComputeCapacityToken", "UtilizationOracle", "ComputeEscrow", "ComputeMarket", "ComputeLending", "ComputeCurtailment", "Stablecoin", "SuiteTimelock"], loaded.Contracts.Keys);
    }

    [Fact]
    public void Parse_ManifestWithoutTimelock_LoadsWithNoTimelockAddress()
    {
        // Every manifest written before the governance release (and every one without governance.timelock).
        var manifest = DeploymentManifest.Parse(ManifestSamples.CompleteJson());

        Assert.True(manifest.IsComplete);
        Assert.Null(manifest.TimelockAddress);
    }

    [Fact]
    public void Parse_UnknownContractKey_IsRejected()
    {
        var json = Edit(root => root["contracts"]!["Vault"] = root["contracts"]!["ComputeEscrow"]!.DeepClone());

        var error = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse(json));

        Assert.Contains("unknown contract 'Vault'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Parse_NonPositiveChainId_IsRejected(long chainId)
    {
        var error = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse(Edit(root => root["chainId"] = chainId)));

        Assert.Contains("'chainId'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("schemaVersion")]
    [InlineData("chainId")]
    [InlineData("toolkitVersion")]
    [InlineData("updatedAt")]
    [InlineData("contracts")]
    public void Parse_MissingRequiredField_NamesIt(string field)
    {
        var error = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse(Edit(root => root.AsObject().Remove(field))));

        Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingCreationCodeHash_IsRejectedForDeployedContracts()
    {
        var json = Edit(root => root["contracts"]!["ComputeCapacityToken"]!.AsObject().Remove("creationCodeHash"));

        var error = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse(json));

        Assert.Contains("contracts.ComputeCapacityToken.creationCodeHash", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadHash_NamesTheField()
    {
        var json = Edit(root => root["contracts"]!["UtilizationOracle"]!["runtimeCodeHash"] = "0x1234");

        var error = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse(json));

        Assert.Contains("contracts.UtilizationOracle.runtimeCodeHash", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WrongType_NamesTheField()
    {
        var json = Edit(root => root["contracts"]!["UtilizationOracle"]!["blockNumber"] = "six");

        var error = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse(json));

        Assert.Contains("blockNumber", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_QuorumAboveReporters_IsRejected()
    {
        var error = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse(Edit(root => root["oracle"]!["quorum"] = 3)));

        Assert.Contains("oracle.quorum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RoleOnUnknownContract_IsRejected()
    {
        var error = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse(Edit(root => root["roles"]![0]!["contract"] = "Nope")));

        Assert.Contains("roles[0].contract", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "comment")]
    [InlineData("contracts.ComputeEscrow.", "proxyOf")]
    [InlineData("contracts.Stablecoin.", "decimals")]
    [InlineData("roles[0].", "note")]
    [InlineData("oracle.", "reporterWeights")]
    public void R5_UnknownField_IsRefusedNamingIt(string prefix, string field)
    {
        var json = Edit(root =>
        {
            var target = prefix switch
            {
                "" => root,
                "roles[0]." => root["roles"]![0]!,
                "oracle." => root["oracle"]!,
                _ => root["contracts"]![prefix.Split('.')[1]]!,
            };
            target[field] = "x";
        });

        var error = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse(json));

        Assert.Contains($"unknown field '{prefix}{field}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R5_FieldNamesAreCaseSensitive_AWrongCaseIsUnknown()
    {
        var json = ManifestSamples.CompleteJson().Replace("\"toolkitVersion\"", "\"ToolkitVersion\"", StringComparison.Ordinal);

        var error = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse(json));

        Assert.Contains("'ToolkitVersion'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R5_FieldGivenTwice_IsRefused()
    {
        // The deserializer would keep one of them silently; which one is checked would be an accident.
        var json = ManifestSamples.CompleteJson().Replace(
            "\"address\": \"" + ManifestSamples.EscrowAddress + "\",",
            "\"address\": \"" + ManifestSamples.EscrowAddress + "\", \"address\": \"" + ManifestSamples.OracleAddress + "\",",
            StringComparison.Ordinal);

        var error = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse(json));

        Assert.Contains("'contracts.ComputeEscrow.address' twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R5_SchemaVersion4_DeclaresExactlyTheseFields()
    {
        // Adding a field to the manifest records changes what version 3 accepts: bump CurrentSchemaVersion with it, so an
        // older toolkit refuses the new manifest by its version instead of by an unknown field. (Version 3 added the
        // ComputeLending entry, version 4 the ComputeCurtailment entry: an older manifest lacks a module this toolkit
        // needs, and its escrow cannot route interruptible lots.)
        var fields = (System.Text.Json.Serialization.Metadata.JsonTypeInfo info) => string.Join(",", info.Properties.Where(p => p.Set is not null).Select(p => p.Name).Order(StringComparer.Ordinal));

        Assert.Equal(4, DeploymentManifest.CurrentSchemaVersion);
        Assert.Equal("chainId,contracts,deployer,oracle,roles,schemaVersion,toolkitVersion,updatedAt", fields(ManifestJsonContext.Default.DeploymentManifest));
        Assert.Equal("address,blockNumber,constructorArguments,creationCodeHash,external,runtimeCodeHash,salt,transactionHash", fields(ManifestJsonContext.Default.ContractDeployment));
        Assert.Equal("account,contract,role,transactionHash", fields(ManifestJsonContext.Default.RoleGrant));
        Assert.Equal("maxAgeSeconds,quorum,reporters", fields(ManifestJsonContext.Default.OracleSettings));
    }

    [Fact]
    public void R5_OlderOrNewerSchemaVersion_IsTheSchemaVersionMessage_NotAFieldError()
    {
        var json = Edit(root =>
        {
            root["schemaVersion"] = 0;
            root["legacyField"] = true;
        });

        var error = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse(json));

        Assert.Contains("has schema version 0; this toolkit reads version 4", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ComputeCapacityToken", true)]
    [InlineData("Stablecoin", false)]
    public void R5_OnlyTheStablecoinIsExternal(string contract, bool external)
    {
        // A deployed contract marked external would skip the binding of its entry to its init code.
        var json = Edit(root => root["contracts"]![contract]!["external"] = external);

        var error = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse(json));

        Assert.Contains($"contracts.{contract}.external", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R5_DeployedContractWithoutSalt_IsRefused()
    {
        var json = Edit(root => root["contracts"]!["ComputeEscrow"]!.AsObject().Remove("salt"));

        var error = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse(json));

        Assert.Contains("contracts.ComputeEscrow.salt", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("contract", "Stablecoin", "roles[0].contract")]
    [InlineData("contract", "SuiteTimelock", "roles[0].contract")]
    [InlineData("role", "escrow_role", "roles[0].role")]
    [InlineData("role", "ESCROW_ROLE()", "roles[0].role")]
    public void R5_TamperedRoleEntry_IsRefusedNamingTheField(string field, string value, string named)
    {
        var error = Assert.Throws<ManifestException>(() => DeploymentManifest.Parse(Edit(root => root["roles"]![0]![field] = value)));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsync_OverwritesAtomicallyAndLeavesNoTemporaryFile()
    {
        var path = DeploymentManifest.DefaultPath(directory, 31337);
        await ManifestSamples.Complete().SaveAsync(path);

        await (ManifestSamples.Complete() with { ToolkitVersion = "9.9.9" }).SaveAsync(path);

        Assert.Equal("9.9.9", (await DeploymentManifest.LoadAsync(path)).ToolkitVersion);
        Assert.Equal(["31337.json"], Directory.GetFiles(directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task SaveAsync_InvalidManifest_ThrowsAndWritesNothing()
    {
        var path = DeploymentManifest.DefaultPath(directory, 31337);

        await Assert.ThrowsAsync<ManifestException>(() => (ManifestSamples.Complete() with { ChainId = 0 }).SaveAsync(path));

        Assert.False(File.Exists(path));
    }

    [Fact]
    public void DefaultPath_IsChainIdDotJson()
    {
        Assert.Equal(Path.Combine("deployments", "8453.json"), DeploymentManifest.DefaultPath("deployments", 8453));
    }

    private static string Edit(Action<JsonNode> edit)
    {
        var root = JsonNode.Parse(ManifestSamples.CompleteJson())!;
        edit(root);
        return root.ToJsonString();
    }
}
