using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using RwaCompute.Sdk.Errors;

namespace RwaCompute.Sdk.Deployment;

/// <summary>Checks a manifest field by field; every failure is a <see cref="ManifestException"/> naming the
/// field.</summary>
internal static partial class ManifestValidator
{
    private static readonly string[] RequiredFields = ["schemaVersion", "chainId", "toolkitVersion", "updatedAt", "contracts"];

    // The fields of schema version 1, from the serializer's own metadata: a field the records do not declare is refused
    // (a new field needs a new schema version, so an older toolkit never silently ignores what a newer one relies on).
    private static readonly HashSet<string> ManifestFields = FieldsOf(ManifestJsonContext.Default.DeploymentManifest);
    private static readonly HashSet<string> ContractFields = FieldsOf(ManifestJsonContext.Default.ContractDeployment);
    private static readonly HashSet<string> RoleFields = FieldsOf(ManifestJsonContext.Default.RoleGrant);
    private static readonly HashSet<string> OracleFields = FieldsOf(ManifestJsonContext.Default.OracleSettings);

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

        CheckFields(root, ManifestFields, string.Empty, path);
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

        foreach (var contract in root.GetProperty("contracts").EnumerateObject())
        {
            CheckFields(contract.Value, ContractFields, "contracts." + contract.Name + ".", path);
        }

        if (root.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var role in roles.EnumerateArray())
            {
                CheckFields(role, RoleFields, $"roles[{index.ToString(CultureInfo.InvariantCulture)}].", path);
                index++;
            }
        }

        if (root.TryGetProperty("oracle", out var oracle))
        {
            CheckFields(oracle, OracleFields, "oracle.", path);
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

    /// <summary>Refuses a field the schema does not declare, and a field given twice (the deserializer would keep
    /// only one of them, silently).</summary>
    private static void CheckFields(JsonElement element, HashSet<string> known, string prefix, string? path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                throw new ManifestException(path, $"has an unknown field '{prefix}{property.Name}' (schema version {DeploymentManifest.CurrentSchemaVersion.ToString(CultureInfo.InvariantCulture)} has no such field: an edited manifest, or one a newer toolkit wrote)");
            }

            if (!seen.Add(property.Name))
            {
                throw new ManifestException(path, $"gives the field '{prefix}{property.Name}' twice");
            }
        }
    }

    /// <summary>The JSON names of a record's settable properties (the computed, <c>[JsonIgnore]</c>d ones have no
    /// setter).</summary>
    private static HashSet<string> FieldsOf(JsonTypeInfo info) =>
        info.Properties.Where(property => property.Set is not null).Select(property => property.Name).ToHashSet(StringComparer.Ordinal);

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

        // Only the stablecoin is pre-existing: every other entry is a contract this toolkit created through CREATE2,
        // whose salt and init code bind the entry to its name (checked against the chain by SuiteDeployer.VerifyAsync).
        var external = name == ManifestContractNames.Stablecoin;
        if (contract.External != external)
        {
            throw new ManifestException(path, $"field '{field}.external' must be {(external ? "true" : "false")}: {(external ? "the stablecoin is the one pre-existing contract" : "only the stablecoin is pre-existing")}");
        }

        if (contract.CreationCodeHash is null)
        {
            if (!external)
            {
                throw new ManifestException(path, $"is missing the required field '{field}.creationCodeHash'");
            }
        }
        else
        {
            Hash(contract.CreationCodeHash, field + ".creationCodeHash", path);
        }

        if (contract.Salt is null && !external)
        {
            throw new ManifestException(path, $"is missing the required field '{field}.salt'");
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

        if (!ManifestContractNames.Administered.Contains(grant.Contract, StringComparer.Ordinal))
        {
            throw new ManifestException(path, $"field '{field}.contract' names an unknown contract '{grant.Contract}' (roles are granted on {string.Join(", ", ManifestContractNames.Administered)})");
        }

        if (string.IsNullOrWhiteSpace(grant.Role))
        {
            throw new ManifestException(path, $"is missing the required field '{field}.role'");
        }

        if (!RoleName().IsMatch(grant.Role) && !EthereumHex.IsHash32(grant.Role))
        {
            throw new ManifestException(path, $"field '{field}.role' must be a role constant's name (ESCROW_ROLE) or a 0x role id, not '{grant.Role}'");
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

    [GeneratedRegex("^[A-Z][A-Z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleName();
}
