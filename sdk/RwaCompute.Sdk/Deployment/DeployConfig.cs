using RwaCompute.Sdk.Errors;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RwaCompute.Sdk.Deployment;

/// <summary>
/// What to deploy (<c>deploy.json</c>): the constructor arguments of the suite, the CREATE2 salt namespace, the
/// extra role grants and the optional admin hand-over. The deploying account is the first admin of every contract; with
/// <see cref="Governance"/> it begins handing that role over once everything else is done.
/// </summary>
/// <example>
/// <code>
/// {
///   "stablecoin": "0x5FbDB2315678afecb367f032d93F642f64180aa3",
///   "reporters": ["0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"],
///   "quorum": 2,
///   "salt": "rwacompute-v1",
///   "roles": [{ "contract": "ComputeCapacityToken", "role": "REGISTRAR_ROLE", "account": "0x9065…" }],
///   "adminDelaySeconds": 86400,
///   "governance": { "admin": "0x…multisig" }
/// }
/// </code>
/// </example>
public sealed partial record DeployConfig
{
    /// <summary>The largest <c>uint40</c> (the escrow's <c>deliveryGrace</c>).</summary>
    private const ulong MaxUint40 = (1UL << 40) - 1;

    /// <summary>The largest <c>uint48</c> (the contracts' <c>adminDelay</c>).</summary>
    private const ulong MaxUint48 = (1UL << 48) - 1;

    /// <summary>The default <see cref="AdminDelaySeconds"/>: one day.</summary>
    public const ulong DefaultAdminDelaySeconds = 86_400;

    /// <summary>The address of an existing USDC-like stablecoin (required to deploy).</summary>
    public string? Stablecoin { get; init; }

    /// <summary>The oracle's initial reporters (1..32 distinct, non-zero addresses).</summary>
    public IReadOnlyList<string> Reporters { get; init; } = [];

    /// <summary>The oracle's quorum. Must meet the fault model (<see cref="QuorumBounds"/>) unless
    /// <see cref="AllowWeakQuorum"/>.</summary>
    public int Quorum { get; init; } = 2;

    /// <summary>Accept a quorum outside <see cref="QuorumBounds"/> (a test network, a deliberate trade-off). Off by
    /// default: with a weaker quorum, fewer reporters than the fault model assumes control reports.</summary>
    public bool AllowWeakQuorum { get; init; }

    /// <summary>The oracle's maximum observation age, in seconds (positive).</summary>
    public ulong OracleMaxAgeSeconds { get; init; } = 86400;

    /// <summary>The escrow's delivery grace after a lot's window, in seconds (fits <c>uint40</c>).</summary>
    public ulong DeliveryGraceSeconds { get; init; } = 604800;

    /// <summary>The escrow's default loan-to-value, in basis points (0..10 000).</summary>
    public int DefaultLtvBps { get; init; } = 5000;

    /// <summary>The market's price-index averaging window, in seconds (3 600..7 776 000: one hour to 90 days).</summary>
    public uint IndexWindowSeconds { get; init; } = 604800;

    /// <summary>The token's ERC-1155 metadata URI with the <c>{id}</c> placeholder.</summary>
    public string BaseUri { get; init; } = "https://metadata.rwacompute.local/lots/{id}.json";

    /// <summary>The namespace of the CREATE2 salts: contract <c>X</c> gets <c>keccak256(Salt + ":" + X)</c>. Change
    /// it to deploy a second, independent suite on the same chain.</summary>
    public string Salt { get; init; } = "rwacompute-v1";

    /// <summary>Extra role grants, made after the escrow receives the token's <c>ESCROW_ROLE</c>.</summary>
    public IReadOnlyList<RoleAssignment> Roles { get; init; } = [];

    /// <summary>The <c>adminDelay</c> of the token, the oracle and the escrow (OpenZeppelin's
    /// <c>AccessControlDefaultAdminRules</c>): seconds a default-admin hand-over must wait between
    /// <c>beginDefaultAdminTransfer</c> and <c>acceptDefaultAdminTransfer</c> (fits <c>uint48</c>). Default
    /// <see cref="DefaultAdminDelaySeconds"/> (one day), meant for real chains; the devnet uses 0. It is a constructor
    /// argument, so it is part of every CREATE2 address.</summary>
    public ulong AdminDelaySeconds { get; init; } = DefaultAdminDelaySeconds;

    /// <summary>The admin hand-over after the deployment, or <see langword="null"/> to keep the deploying account as
    /// the admin.</summary>
    public GovernanceConfig? Governance { get; init; }

    /// <summary>Reads and validates a configuration file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="DeployConfigException">The file is missing, malformed or invalid.</exception>
    public static async Task<DeployConfig> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DeployConfigException(path, "not found", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DeployConfigException(path, "could not be read: " + ex.Message, ex);
        }

        return Parse(json, path);
    }

    /// <summary>Parses and validates a configuration.</summary>
    /// <param name="json">The JSON.</param>
    /// <param name="path">Where it came from, for error messages.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="DeployConfigException">The JSON is malformed or the configuration invalid.</exception>
    public static DeployConfig Parse(string json, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        DeployConfigDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, DeployConfigJsonContext.Default.DeployConfigDocument);
        }
        catch (JsonException ex)
        {
            throw new DeployConfigException(path, $"is not valid (at '{ex.Path}', line {(ex.LineNumber + 1)?.ToString(CultureInfo.InvariantCulture)}): {ex.Message}", ex);
        }

        if (document is null)
        {
            throw new DeployConfigException(path, "is empty (null)");
        }

        var config = document.ToConfig();
        config.Validate(path);
        return config;
    }

    /// <summary>The quorums the oracle's fault model accepts for <paramref name="reporterCount"/> reporters: with
    /// f = ⌊(n − 1) / 3⌋ faulty reporters tolerated (n ≥ 3f + 1), a quorum of at least 2f + 1 and more than half
    /// (so f colluders never sign a report alone and two quorums always share an honest reporter), and at most n − f
    /// (so the honest reporters alone can reach it). docs/SPEC.md, "Oracle fault model".</summary>
    /// <param name="reporterCount">n, the number of reporters.</param>
    /// <returns>f, the smallest and the largest accepted quorum.</returns>
    public static (int Faults, int Minimum, int Maximum) QuorumBounds(int reporterCount)
    {
        var faults = Math.Max(0, (reporterCount - 1) / 3);
        return (faults, Math.Max((2 * faults) + 1, (reporterCount / 2) + 1), reporterCount - faults);
    }

    /// <summary>Checks every value (addresses, reporter count, quorum, bounds of the Solidity types, role
    /// names).</summary>
    /// <exception cref="DeployConfigException">A value is invalid; the message names it.</exception>
    public void Validate() => Validate(null);

    /// <summary>The stablecoin address checksummed, the reporters checksummed: the values the deployer uses.</summary>
    internal DeployConfig Normalized() => this with
    {
        Stablecoin = Stablecoin is null ? null : Checksummed(Stablecoin),
        Reporters = Reporters.Select(Checksummed).ToList(),
        Roles = Roles.Select(role => role with { Account = Checksummed(role.Account) }).ToList(),
        Governance = Governance is null ? null : new GovernanceConfig
        {
            Admin = Governance.Admin is null ? null : Checksummed(Governance.Admin),
            Timelock = Governance.Timelock is null ? null : Governance.Timelock with
            {
                Proposers = Governance.Timelock.Proposers.Select(Checksummed).ToList(),
                Executors = Governance.Timelock.Executors.Select(Checksummed).ToList(),
            },
        },
    };

    private static string Checksummed(string address) =>
        EthereumHex.TryNormalizeAddress(address, out var checksummed, out _) ? checksummed : address;

    private void Validate(string? path)
    {
        if (Stablecoin is not null)
        {
            RequireAddress(Stablecoin, "stablecoin", path);
        }

        if (Reporters is null || Reporters.Count == 0 || Reporters.Count > 32)
        {
            throw new DeployConfigException(path, $"'reporters' must list 1 to 32 addresses, not {(Reporters?.Count ?? 0).ToString(CultureInfo.InvariantCulture)}");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Reporters.Count; i++)
        {
            var field = $"reporters[{i.ToString(CultureInfo.InvariantCulture)}]";
            RequireAddress(Reporters[i], field, path);
            if (!seen.Add(Reporters[i]))
            {
                throw new DeployConfigException(path, $"'{field}' repeats {Reporters[i]}");
            }
        }

        if (Quorum < 1 || Quorum > Reporters.Count)
        {
            throw new DeployConfigException(path, $"'quorum' must be between 1 and the number of reporters ({Reporters.Count.ToString(CultureInfo.InvariantCulture)}), not {Quorum.ToString(CultureInfo.InvariantCulture)}");
        }

        var (faults, minimum, maximum) = QuorumBounds(Reporters.Count);
        if (!AllowWeakQuorum && (Quorum < minimum || Quorum > maximum))
        {
            throw new DeployConfigException(
                path,
                string.Create(CultureInfo.InvariantCulture, $"'quorum' {Quorum} does not meet the oracle's fault model: {Reporters.Count} reporters tolerate {faults} faulty one(s), which needs a quorum from {minimum} to {maximum} (quorum >= 2f + 1 and a majority, at most n - f so honest reporters alone reach it); set \"allowWeakQuorum\": true to deploy anyway"));
        }

        if (OracleMaxAgeSeconds == 0)
        {
            throw new DeployConfigException(path, "'oracleMaxAgeSeconds' must be positive");
        }

        if (DeliveryGraceSeconds > MaxUint40)
        {
            throw new DeployConfigException(path, $"'deliveryGraceSeconds' must fit a uint40 (at most {MaxUint40.ToString(CultureInfo.InvariantCulture)})");
        }

        if (DefaultLtvBps is < 0 or > 10_000)
        {
            throw new DeployConfigException(path, $"'defaultLtvBps' must be between 0 and 10000, not {DefaultLtvBps.ToString(CultureInfo.InvariantCulture)}");
        }

        if (IndexWindowSeconds is < 3600 or > 7_776_000)
        {
            throw new DeployConfigException(path, $"'indexWindowSeconds' must be between 3600 (one hour) and 7776000 (90 days), not {IndexWindowSeconds.ToString(CultureInfo.InvariantCulture)}");
        }

        if (BaseUri is null)
        {
            throw new DeployConfigException(path, "'baseUri' must not be null");
        }

        if (string.IsNullOrWhiteSpace(Salt))
        {
            throw new DeployConfigException(path, "'salt' must not be empty");
        }

        for (var i = 0; i < (Roles?.Count ?? 0); i++)
        {
            var field = $"roles[{i.ToString(CultureInfo.InvariantCulture)}]";
            var role = Roles![i] ?? throw new DeployConfigException(path, $"'{field}' is null");
            if (!ManifestContractNames.Administered.Contains(role.Contract, StringComparer.Ordinal))
            {
                throw new DeployConfigException(path, $"'{field}.contract' must be one of {string.Join(", ", ManifestContractNames.Administered)}, not '{role.Contract}'");
            }

            if (role.Role is null || !(RoleName().IsMatch(role.Role) || EthereumHex.IsHash32(role.Role)))
            {
                throw new DeployConfigException(path, $"'{field}.role' must be a role constant's name (like ESCROW_ROLE) or a 0x 32-byte id, not '{role.Role}'");
            }

            if (role.Role == "DEFAULT_ADMIN_ROLE" || (EthereumHex.IsHash32(role.Role) && EthereumHex.FromHex(role.Role).All(b => b == 0)))
            {
                throw new DeployConfigException(path, $"'{field}.role' is DEFAULT_ADMIN_ROLE, which the contracts never grant (AccessControlDefaultAdminRules): hand the admin over with 'governance' instead");
            }

            RequireAddress(role.Account, field + ".account", path);
        }

        if (AdminDelaySeconds > MaxUint48)
        {
            throw new DeployConfigException(path, $"'adminDelaySeconds' must fit a uint48 (at most {MaxUint48.ToString(CultureInfo.InvariantCulture)})");
        }

        if (Governance is not null)
        {
            ValidateGovernance(Governance, path);
        }
    }

    private static void ValidateGovernance(GovernanceConfig governance, string? path)
    {
        if ((governance.Admin is null) == (governance.Timelock is null))
        {
            throw new DeployConfigException(path, "'governance' must set exactly one of 'admin' (an account, such as the issuer's multisig) and 'timelock' (a SuiteTimelock to deploy)");
        }

        if (governance.Admin is not null)
        {
            RequireAddress(governance.Admin, "governance.admin", path);
            return;
        }

        var timelock = governance.Timelock!;
        if (timelock.MinDelaySeconds == 0 || timelock.MinDelaySeconds > MaxUint48)
        {
            throw new DeployConfigException(path, $"'governance.timelock.minDelaySeconds' is required and must be between 1 and {MaxUint48.ToString(CultureInfo.InvariantCulture)} (a timelock without a delay delays nothing; use 'governance.admin' instead)");
        }

        RequireAccounts(timelock.Proposers, "governance.timelock.proposers", allowZero: false, path);
        RequireAccounts(timelock.Executors, "governance.timelock.executors", allowZero: true, path);
    }

    private static void RequireAccounts(IReadOnlyList<string>? accounts, string field, bool allowZero, string? path)
    {
        if (accounts is null || accounts.Count == 0 || accounts.Count > 32)
        {
            throw new DeployConfigException(path, $"'{field}' must list 1 to 32 addresses, not {(accounts?.Count ?? 0).ToString(CultureInfo.InvariantCulture)}");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < accounts.Count; i++)
        {
            var item = $"{field}[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (allowZero && EthereumHex.TryNormalizeAddress(accounts[i], out var checksummed, out _) && checksummed == EthereumHex.ZeroAddress)
            {
                // The zero address as an executor: anyone may execute a ready operation (OpenZeppelin's open role).
            }
            else
            {
                RequireAddress(accounts[i], item, path);
            }

            if (!seen.Add(accounts[i]))
            {
                throw new DeployConfigException(path, $"'{item}' repeats {accounts[i]}");
            }
        }
    }

    private static void RequireAddress(string? value, string field, string? path)
    {
        if (!EthereumHex.TryNormalizeAddress(value, out var checksummed, out var reason))
        {
            throw new DeployConfigException(path, $"'{field}' {reason}");
        }

        if (string.Equals(checksummed, EthereumHex.ZeroAddress, StringComparison.Ordinal))
        {
            throw new DeployConfigException(path, $"'{field}' must not be the zero address");
        }
    }

    [GeneratedRegex("^[A-Z][A-Z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleName();
}
