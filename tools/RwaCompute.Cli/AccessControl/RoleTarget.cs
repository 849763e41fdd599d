using Nethereum.Contracts;
using RwaCompute.Contracts.Runtime;
using RwaCompute.Sdk.Clients;
using RwaCompute.Sdk.Events;
using RwaCompute.Sdk.Transactions;
using Escrow = RwaCompute.Sdk.Contracts.ComputeEscrow;
using Lending = RwaCompute.Sdk.Contracts.ComputeLending;
using Market = RwaCompute.Sdk.Contracts.ComputeMarket;
using Oracle = RwaCompute.Sdk.Contracts.UtilizationOracle;
using Token = RwaCompute.Sdk.Contracts.ComputeCapacityToken;

namespace RwaCompute.Cli.AccessControl;

/// <summary>
/// One deployed AccessControl contract of the suite, through its generated bindings: <c>hasRole</c>,
/// <c>getRoleAdmin</c>, the <c>grantRole</c>/<c>revokeRole</c> calls (decoded with the contract's own errors) and
/// its <c>RoleGranted</c>/<c>RoleRevoked</c> events. The contracts share OpenZeppelin's interface, but each has
/// its own generated types; this is the one place that switches on them.
/// </summary>
internal sealed class RoleTarget
{
    private readonly Func<byte[], string, CancellationToken, Task<bool>> hasRole;
    private readonly Func<byte[], CancellationToken, Task<byte[]>> roleAdmin;
    private readonly ContractErrorDecoder errors;

    private RoleTarget(RoleContract contract, string address, Func<byte[], string, CancellationToken, Task<bool>> hasRole, Func<byte[], CancellationToken, Task<byte[]>> roleAdmin, ContractErrorDecoder errors)
    {
        Contract = contract;
        Address = address;
        this.hasRole = hasRole;
        this.roleAdmin = roleAdmin;
        this.errors = errors;
    }

    /// <summary>The contract.</summary>
    public RoleContract Contract { get; }

    /// <summary>Its address.</summary>
    public string Address { get; }

    /// <summary>The contract of a connected client.</summary>
    /// <param name="client">The client.</param>
    /// <param name="contract">Which contract.</param>
    /// <returns>The target.</returns>
    public static RoleTarget For(RwaComputeClient client, RoleContract contract) => contract.Key switch
    {
        "token" => new(contract, client.Token.Address, (r, a, ct) => client.Token.Service.HasRoleQueryAsync(r, a, null, ct), (r, ct) => client.Token.Service.GetRoleAdminQueryAsync(r, null, ct), SuiteErrorDecoder.ForToken),
        "escrow" => new(contract, client.Escrow.Address, (r, a, ct) => client.Escrow.Service.HasRoleQueryAsync(r, a, null, ct), (r, ct) => client.Escrow.Service.GetRoleAdminQueryAsync(r, null, ct), SuiteErrorDecoder.ForEscrow),
        "market" => new(contract, client.Market.Address, (r, a, ct) => client.Market.Service.HasRoleQueryAsync(r, a, null, ct), (r, ct) => client.Market.Service.GetRoleAdminQueryAsync(r, null, ct), SuiteErrorDecoder.ForMarket),
        "lending" => new(contract, client.Lending.Address, (r, a, ct) => client.Lending.Service.HasRoleQueryAsync(r, a, null, ct), (r, ct) => client.Lending.Service.GetRoleAdminQueryAsync(r, null, ct), SuiteErrorDecoder.ForLending),
        "oracle" => new(contract, client.Oracle.Address, (r, a, ct) => client.Oracle.Service.HasRoleQueryAsync(r, a, null, ct), (r, ct) => client.Oracle.Service.GetRoleAdminQueryAsync(r, null, ct), SuiteErrorDecoder.ForOracle),
        _ => throw new ArgumentOutOfRangeException(nameof(contract), contract.Key, "not a suite contract with roles"),
    };

    /// <summary>Whether an account holds a role.</summary>
    /// <param name="role">The role.</param>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> if it does.</returns>
    public Task<bool> HasRoleAsync(SuiteRole role, string account, CancellationToken cancellationToken) => hasRole(role.Id, account, cancellationToken);

    /// <summary>The role that administers a role (<c>getRoleAdmin</c>).</summary>
    /// <param name="role">The role.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The admin role: one of this contract's, or, for an id none of its constants has, a role named by its
    /// hex id.</returns>
    public async Task<SuiteRole> AdminOfAsync(SuiteRole role, CancellationToken cancellationToken)
    {
        var id = await roleAdmin(role.Id, cancellationToken).ConfigureAwait(false);
        return Contract.Roles.FirstOrDefault(r => r.Id.AsSpan().SequenceEqual(id))
            ?? new SuiteRole(Contract, Nethereum.Hex.HexConvertors.Extensions.HexByteConvertorExtensions.ToHex(id, true));
    }

    /// <summary>The <c>grantRole</c> or <c>revokeRole</c> call.</summary>
    /// <param name="role">The role.</param>
    /// <param name="account">The account.</param>
    /// <param name="grant"><see langword="true"/> to grant, <see langword="false"/> to revoke.</param>
    /// <returns>The call.</returns>
    public TransactionCall Call(SuiteRole role, string account, bool grant)
    {
        var description = $"{Contract.Key}.{(grant ? "grantRole" : "revokeRole")}({role.Name}, {account})";
        return (Contract.Key, grant) switch
        {
            ("token", true) => Build(new Token.GrantRoleFunction { Role = role.Id, Account = account }),
            ("token", false) => Build(new Token.RevokeRoleFunction { Role = role.Id, Account = account }),
            ("escrow", true) => Build(new Escrow.GrantRoleFunction { Role = role.Id, Account = account }),
            ("escrow", false) => Build(new Escrow.RevokeRoleFunction { Role = role.Id, Account = account }),
            ("market", true) => Build(new Market.GrantRoleFunction { Role = role.Id, Account = account }),
            ("market", false) => Build(new Market.RevokeRoleFunction { Role = role.Id, Account = account }),
            ("lending", true) => Build(new Lending.GrantRoleFunction { Role = role.Id, Account = account }),
            ("lending", false) => Build(new Lending.RevokeRoleFunction { Role = role.Id, Account = account }),
            ("oracle", true) => Build(new Oracle.GrantRoleFunction { Role = role.Id, Account = account }),
            _ => Build(new Oracle.RevokeRoleFunction { Role = role.Id, Account = account }),
        };

        TransactionCall Build<TFunction>(TFunction message)
            where TFunction : FunctionMessage, new() => TransactionCall.For(Address, message, description, errors);
    }

    /// <summary>The role change a suite event records, if it is a <c>RoleGranted</c> or <c>RoleRevoked</c> of this
    /// contract.</summary>
    /// <param name="item">The event.</param>
    /// <returns>(role id, account, granted) or <see langword="null"/>.</returns>
    public (byte[] Role, string Account, bool Granted)? RoleChange(SuiteEvent item)
    {
        if (!string.Equals(item.Address, Address, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return item.Event switch
        {
            Token.RoleGrantedEventDTO e => (e.Role, e.Account, true),
            Token.RoleRevokedEventDTO e => (e.Role, e.Account, false),
            Escrow.RoleGrantedEventDTO e => (e.Role, e.Account, true),
            Escrow.RoleRevokedEventDTO e => (e.Role, e.Account, false),
            Market.RoleGrantedEventDTO e => (e.Role, e.Account, true),
            Market.RoleRevokedEventDTO e => (e.Role, e.Account, false),
            Lending.RoleGrantedEventDTO e => (e.Role, e.Account, true),
            Lending.RoleRevokedEventDTO e => (e.Role, e.Account, false),
            Oracle.RoleGrantedEventDTO e => (e.Role, e.Account, true),
            Oracle.RoleRevokedEventDTO e => (e.Role, e.Account, false),
            _ => null,
        };
    }
}
