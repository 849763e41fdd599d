using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using RwaCompute.Sdk.Errors;

namespace RwaCompute.Sdk.Deployment;

/// <summary>
/// What a deployment produced on one chain (<c>deployments/&lt;chainId&gt;.json</c>): every contract's address,
/// creation transaction, block, code hashes, CREATE2 salt and constructor arguments, the roles granted, the oracle's
/// settings and the toolkit version. Written by <see cref="SuiteDeployer"/> after every completed step.
/// </summary>
/// <example>
/// <code>
/// var manifest = await DeploymentManifest.LoadAsync(DeploymentManifest.DefaultPath("deployments", 31337));
/// var token = new ComputeCapacityTokenService(web3, manifest.TokenAddress);
/// </code>
/// </example>
public sealed record DeploymentManifest
{
    /// <summary>The schema version this toolkit reads and writes.</summary>
    public const int CurrentSchemaVersion = 4;

    /// <summary>The manifest's schema version (<see cref="CurrentSchemaVersion"/>).</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The chain the contracts live on (EIP-155 chain id, positive).</summary>
    public long ChainId { get; init; }

    /// <summary>The informational version of the SDK that last wrote the manifest.</summary>
    public string ToolkitVersion { get; init; } = CurrentToolkitVersion;

    /// <summary>The deploying account (the first admin of every contract, until a configured hand-over is accepted),
    /// EIP-55 checksummed.</summary>
    public string? Deployer { get; init; }

    /// <summary>When the manifest was last written.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The contracts, keyed by <see cref="ManifestContractNames"/> (<see cref="ManifestContractNames.All"/>,
    /// plus the optional <see cref="ManifestContractNames.Timelock"/>). A partial deployment lists only the contracts
    /// deployed so far.</summary>
    public IReadOnlyDictionary<string, ContractDeployment> Contracts { get; init; } = new Dictionary<string, ContractDeployment>(StringComparer.Ordinal);

    /// <summary>The roles granted by the deployment (the escrow's <c>ESCROW_ROLE</c> on the token, then the extra
    /// grants of the configuration).</summary>
    public IReadOnlyList<RoleGrant> Roles { get; init; } = [];

    /// <summary>The oracle's configuration at deployment, once the oracle is deployed.</summary>
    public OracleSettings? Oracle { get; init; }

    /// <summary>The token's address.</summary>
    /// <exception cref="ManifestException">The manifest does not list the token.</exception>
    [JsonIgnore]
    public string TokenAddress => AddressOf(ManifestContractNames.Token);

    /// <summary>The oracle's address.</summary>
    /// <exception cref="ManifestException">The manifest does not list the oracle.</exception>
    [JsonIgnore]
    public string OracleAddress => AddressOf(ManifestContractNames.Oracle);

    /// <summary>The escrow's address.</summary>
    /// <exception cref="ManifestException">The manifest does not list the escrow.</exception>
    [JsonIgnore]
    public string EscrowAddress => AddressOf(ManifestContractNames.Escrow);

    /// <summary>The market's address.</summary>
    /// <exception cref="ManifestException">The manifest does not list the market.</exception>
    [JsonIgnore]
    public string MarketAddress => AddressOf(ManifestContractNames.Market);

    /// <summary>The lending module's address.</summary>
    /// <exception cref="ManifestException">The manifest does not list the lending module.</exception>
    [JsonIgnore]
    public string LendingAddress => AddressOf(ManifestContractNames.Lending);

    /// <summary>The curtailment module's address (interruptible lots).</summary>
    /// <exception cref="ManifestException">The manifest does not list it (an interrupted deployment).</exception>
    [JsonIgnore]
    public string CurtailmentAddress => AddressOf(ManifestContractNames.Curtailment);

    /// <summary>The stablecoin's address.</summary>
    /// <exception cref="ManifestException">The manifest does not list the stablecoin.</exception>
    [JsonIgnore]
    public string StablecoinAddress => AddressOf(ManifestContractNames.Stablecoin);

    /// <summary>The <c>SuiteTimelock</c>'s address, or <see langword="null"/> when the manifest lists none (no
    /// timelocked governance was configured, or a manifest older than it).</summary>
    [JsonIgnore]
    public string? TimelockAddress => Contracts.TryGetValue(ManifestContractNames.Timelock, out var timelock) ? timelock.Address : null;

    /// <summary>Whether every contract of <see cref="ManifestContractNames.All"/> is listed (an interrupted
    /// deployment leaves a partial manifest: re-run the deployer to complete it).</summary>
    [JsonIgnore]
    public bool IsComplete => ManifestContractNames.All.All(name => Contracts.ContainsKey(name));

    /// <summary>The file the manifest was loaded from, if any (used in error messages).</summary>
    [JsonIgnore]
    internal string? SourcePath { get; init; }

    /// <summary>The informational version of this SDK assembly.</summary>
    internal static string CurrentToolkitVersion { get; } =
        typeof(DeploymentManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(DeploymentManifest).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>The manifest path of a chain: <c>&lt;directory&gt;/&lt;chainId&gt;.json</c>.</summary>
    /// <param name="directory">The deployments directory.</param>
    /// <param name="chainId">The chain id.</param>
    /// <returns>The path.</returns>
    public static string DefaultPath(string directory, long chainId)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return System.IO.Path.Combine(directory, chainId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".json");
    }

    /// <summary>Parses and validates a manifest.</summary>
    /// <param name="json">The manifest's JSON.</param>
    /// <param name="path">Where it came from, for error messages.</param>
    /// <returns>The manifest, with every address EIP-55 checksummed.</returns>
    /// <exception cref="ManifestException">The JSON is malformed, of another schema version, misses a field, or holds
    /// a bad address, hash, chain id or contract key; the message names the field.</exception>
    public static DeploymentManifest Parse(string json, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ManifestException(path, $"is not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}): {ex.Message}", ex);
        }

        DeploymentManifest? manifest;
        using (document)
        {
            ManifestValidator.CheckShape(document.RootElement, path);
            try
            {
                manifest = document.RootElement.Deserialize(ManifestJsonContext.Default.DeploymentManifest);
            }
            catch (JsonException ex)
            {
                throw new ManifestException(path, $"field '{ex.Path}' has the wrong type: {ex.Message}", ex);
            }
        }

        if (manifest is null)
        {
            throw new ManifestException(path, "is empty (null)");
        }

        return ManifestValidator.Validate(manifest, path) with { SourcePath = path };
    }

    /// <summary>Reads, parses and validates a manifest file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="ManifestException">The file is not found or unreadable, or <see cref="Parse"/> rejects it.</exception>
    public static async Task<DeploymentManifest> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ManifestException(path, "not found (deploy first, or check the deployments directory and chain id)", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ManifestException(path, "could not be read: " + ex.Message, ex);
        }

        return Parse(json, path);
    }

    /// <summary>Serializes the manifest (camelCase, indented).</summary>
    /// <returns>The JSON.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, ManifestJsonContext.Default.DeploymentManifest);

    /// <summary>Writes the manifest atomically: to a temporary file in the same directory, flushed to disk, then
    /// renamed over <paramref name="path"/> (a crash leaves either the old or the new manifest, never half of one).</summary>
    /// <param name="path">The file (its directory is created if missing).</param>
    /// <param name="cancellationToken">Cancels the write (before the rename).</param>
    /// <returns>Completes when the file is in place.</returns>
    /// <exception cref="ManifestException">The manifest is invalid (it is validated before writing).</exception>
    public async Task SaveAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ManifestValidator.Validate(this, path);
        var json = ToJson() + "\n";
        var full = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(directory);
        var temporary = System.IO.Path.Combine(directory, "." + System.IO.Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                var bytes = new UTF8Encoding(false).GetBytes(json);
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private string AddressOf(string name) =>
        Contracts.TryGetValue(name, out var contract)
            ? contract.Address
            : throw new ManifestException(SourcePath, $"does not list {name} (an incomplete deployment: re-run the deployer)");
}
