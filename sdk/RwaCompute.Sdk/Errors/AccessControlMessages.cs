using RwaCompute.Sdk.Clients;

namespace RwaCompute.Sdk.Errors
{
    /// <summary>Words an access-control revert for people: the role's name (<c>PAUSER_ROLE</c>), not its hash.</summary>
    internal static class AccessControlMessages
    {
        /// <summary>The message of <c>AccessControlUnauthorizedAccount(account, neededRole)</c>.</summary>
        /// <param name="account">The caller.</param>
        /// <param name="neededRole">The role id.</param>
        /// <returns>The message.</returns>
        public static string Unauthorized(string account, byte[] neededRole) =>
            $"The contract reverted with AccessControlUnauthorizedAccount: {account} lacks {Roles.NameOf(neededRole)}.";
    }
}

// The generated exceptions are partial ("extend instead"): each contract's copy gets the readable message.
namespace RwaCompute.Sdk.Contracts.ComputeCapacityToken
{
    /// <summary>A call by an account without the needed role.</summary>
    public partial class AccessControlUnauthorizedAccountException
    {
        /// <inheritdoc/>
        public override string Message => Errors.AccessControlMessages.Unauthorized(Error.Account, Error.NeededRole);
    }
}

namespace RwaCompute.Sdk.Contracts.ComputeEscrow
{
    /// <summary>A call by an account without the needed role.</summary>
    public partial class AccessControlUnauthorizedAccountException
    {
        /// <inheritdoc/>
        public override string Message => Errors.AccessControlMessages.Unauthorized(Error.Account, Error.NeededRole);
    }
}

namespace RwaCompute.Sdk.Contracts.UtilizationOracle
{
    /// <summary>A call by an account without the needed role.</summary>
    public partial class AccessControlUnauthorizedAccountException
    {
        /// <inheritdoc/>
        public override string Message => Errors.AccessControlMessages.Unauthorized(Error.Account, Error.NeededRole);
    }
}

namespace RwaCompute.Sdk.Contracts.SuiteTimelock
{
    /// <summary>A call by an account without the needed role.</summary>
    public partial class AccessControlUnauthorizedAccountException
    {
        /// <inheritdoc/>
        public override string Message => Errors.AccessControlMessages.Unauthorized(Error.Account, Error.NeededRole);
    }
}
