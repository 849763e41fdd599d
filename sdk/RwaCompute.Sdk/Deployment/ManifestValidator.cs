using System.Globalization;
using System.Text.Json;
using RwaCompute.Sdk.Errors;

namespace RwaCompute.Sdk.Deployment;

/// <summary>Checks a manifest field by field; every failure is a <see cref="ManifestException"/> naming the
/// field.</summary>
internal static class ManifestValidator
{
    private static readonly string[] RequiredFields = ["schemaVersion", "chainId", "toolkitVersion", "updatedAt", "contracts"];

    /// <summary>Checks what must be true before deserializing: an object, the supported schema version (checked first,
    /// so a newer manifest is reported as such rather than as a field error), the required fields.</summary>
    public static void CheckShape(JsonElement root, string? path)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ManifestException(path, $"must be a JSON object, not {root.ValueKind}");
        }

        if (root.TryGetProperty("schemaVersion", out var version))
        {
            if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var value))
            {
                throw new ManifestException(path, "field 'schemaVersion' must be an integer");
            }

            if (value != DeploymentManifest.CurrentSchemaVersion)
            {
                throw new ManifestException(path, $"has schema version {value}; this toolkit reads version {DeploymentManifest.CurrentSchemaVersion} (upgrade the toolkit or migrate the manifest)");
            }
        }

        foreach (var field in RequiredFields)
        {
            if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                throw new ManifestException(path, $"is missing the required field '{field}'");
            }
        }

        if (root.GetProperty("contracts").ValueKind != JsonValueKind.Object)
        {
            throw new ManifestException(path, "field 'contracts' must be an object keyed by contract name");
        }
    }

    /// <summary>Validates every field and returns the manifest with its addresses checksummed.</summary>
    public static DeploymentManifest Validate(DeploymentManifest manifest, string? path)
    {
        if (manifest.SchemaVersion != DeploymentManifest.CurrentSchemaVersion)
        {
            throw new ManifestException(path, $"has schema version {manifest.SchemaVersion}; this toolkit reads version {DeploymentManifest.CurrentSchemaVersion}");
        }

        if (manifest.ChainId <= 0)
        {
            throw new ManifestException(path, $"field 'chainId' must be a positive chain id, not {manifest.ChainId.ToString(CultureInfo.InvariantCulture)}");
        }

        if (string.IsNullOrWhiteSpace(manifest.ToolkitVersion))
        {
            throw new ManifestException(path, "is missing the required field 'toolkitVersion'");
        }

        if (manifest.UpdatedAt == default)
        {
            throw new ManifestException(path, "is missing the required field 'updatedAt'");
        }

        string? deployer = null;
        if (manifest.Deployer is not null)
        {
            deployer = Address(manifest.Deployer, "deployer", path);
        }

        if (manifest.Contracts is null)
        {
            throw new ManifestException(path, "is missing the required field 'contracts'");
        }

        var contracts = new Dictionary<string, ContractDeployment>(StringComparer.Ordinal);
        foreach (var name in manifest.Contracts.Keys.OrderBy(OrderOf))
        {
            if (!ManifestContractNames.IsKnown(name))
            {
                throw new ManifestException(path, $"lists an unknown contract '{name}' (expected one of {string.Join(", ", ManifestContractNames.All.Concat(ManifestContractNames.Optional))})");
            }

            contracts[name] = Contract(manifest.Contracts[name], name, path);
        }

        var roles = new List<RoleGrant>();
        var index = 0;
        foreach (var grant in manifest.Roles ?? [])
        {
            roles.Add(Role(grant, $"roles[{index.ToString(CultureInfo.InvariantCulture)}]", path));
            index++;
        }

        OracleSettings? oracle = null;
        if (manifest.Oracle is { } settings)
        {
            oracle = Oracle(settings, path);
        }

        return manifest with { Deployer = deployer, Contracts = contracts, Roles = roles, Oracle = oracle };
    }

    private static int OrderOf(string name)
    {
        var position = ManifestContractNames.All.Concat(ManifestContractNames.Optional).ToList().IndexOf(name);
        return position < 0 ? int.MaxValue : position;
    }

    private static ContractDeployment Contract(ContractDeployment? contract, string name, string? path)
    {
        var field = "contracts." + name;
        if (contract is null)
        {
            throw new ManifestException(path, $"field '{field}' is null");
        }

        var address = Address(contract.Address, field + ".address", path);
        if (contract.TransactionHash is not null)
        {
            Hash(contract.TransactionHash, field + ".transactionHash", path);
        }

        if (contract.BlockNumber is < 0)
        {
            throw new ManifestException(path, $"field '{field}.blockNumber' must not be negative");
        }

        if (contract.CreationCodeHash is null)
        {
            if (!contract.External)
            {
                throw new ManifestException(path, $"is missing the required field '{field}.creationCodeHash'");
            }
        }
        else
        {
            Hash(contract.CreationCodeHash, field + ".creationCodeHash", path);
        }

        if (contract.RuntimeCodeHash is not null)
        {
            Hash(contract.RuntimeCodeHash, field + ".runtimeCodeHash", path);
        }

        if (contract.Salt is not null)
        {
            Hash(contract.Salt, field + ".salt", path);
        }

        if (contract.ConstructorArguments is null || contract.ConstructorArguments.Any(argument => argument is null))
        {
            throw new ManifestException(path, $"field '{field}.constructorArguments' must be an array of strings");
        }

        return contract with { Address = address };
    }

    private static RoleGrant Role(RoleGrant? grant, string field, string? path)
    {
        if (grant is null)
        {
            throw new ManifestException(path, $"field '{field}' is null");
        }

        if (!ManifestContractNames.IsKnown(grant.Contract))
        {
            throw new ManifestException(path, $"field '{field}.contract' names an unknown contract '{grant.Contract}'");
        }

        if (string.IsNullOrWhiteSpace(grant.Role))
        {
            throw new ManifestException(path, $"is missing the required field '{field}.role'");
        }

        var account = Address(grant.Account, field + ".account", path);
        if (grant.TransactionHash is not null)
        {
            Hash(grant.TransactionHash, field + ".transactionHash", path);
        }

        return grant with { Account = account };
    }

    private static OracleSettings Oracle(OracleSettings settings, string? path)
    {
        if (settings.Reporters is null || settings.Reporters.Count == 0)
        {
            throw new ManifestException(path, "field 'oracle.reporters' must list at least one reporter");
        }

        var reporters = settings.Reporters.Select((reporter, i) => Address(reporter, $"oracle.reporters[{i.ToString(CultureInfo.InvariantCulture)}]", path)).ToList();
        if (settings.Quorum < 1 || settings.Quorum > reporters.Count)
        {
            throw new ManifestException(path, $"field 'oracle.quorum' must be between 1 and {reporters.Count.ToString(CultureInfo.InvariantCulture)}, not {settings.Quorum.ToString(CultureInfo.InvariantCulture)}");
        }

        if (settings.MaxAgeSeconds == 0)
        {
            throw new ManifestException(path, "field 'oracle.maxAgeSeconds' must be positive");
        }

        return settings with { Reporters = reporters };
    }

    private static string Address(string? value, string field, string? path) =>
        EthereumHex.TryNormalizeAddress(value, out var checksummed, out var reason)
            ? checksummed
            : throw new ManifestException(path, $"field '{field}' {(value is null || value.Length == 0 ? "is missing" : "has a bad address: " + reason)}");

    private static void Hash(string value, string field, string? path)
    {
        if (!EthereumHex.IsHash32(value))
        {
            throw new ManifestException(path, $"field '{field}' must be 0x followed by 64 hex digits, not '{value}'");
        }
    }
}
