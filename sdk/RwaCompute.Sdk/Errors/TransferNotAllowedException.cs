using System.Numerics;
using RwaCompute.Sdk.Clients;
using TransferStatus = RwaCompute.Sdk.Contracts.ComputeCapacityToken.TransferStatus;

namespace RwaCompute.Sdk.Errors;

/// <summary>The token's <c>canTransfer</c> check refused the transfer (paused, not allowlisted, frozen, expired,
/// insufficient unlocked balance, ...); nothing was sent.</summary>
public sealed class TransferNotAllowedException : PreflightException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">The reason code the contract returned.</param>
    /// <param name="from">The sender.</param>
    /// <param name="to">The receiver.</param>
    /// <param name="lotId">The lot.</param>
    /// <param name="units">The units.</param>
    public TransferNotAllowedException(TransferStatus status, string from, string to, BigInteger lotId, BigInteger units)
        : this(status, from, to, lotId, units, $"Transfer of {units} unit(s) of lot {LotIds.ToHex(lotId)} from {from} to {to} is not allowed: {status}.")
    {
    }

    /// <summary>Creates the exception with a message for the operation that needed the transfer (a redemption, a
    /// pledge).</summary>
    /// <param name="status">The reason code.</param>
    /// <param name="from">The sender.</param>
    /// <param name="to">The receiver.</param>
    /// <param name="lotId">The lot.</param>
    /// <param name="units">The units.</param>
    /// <param name="message">The message.</param>
    public TransferNotAllowedException(TransferStatus status, string from, string to, BigInteger lotId, BigInteger units, string message)
        : base(message)
    {
        Status = status;
        From = from;
        To = to;
        LotId = lotId;
        Units = units;
    }

    /// <summary>The reason code the contract returned.</summary>
    public TransferStatus Status { get; }

    /// <summary>The sender.</summary>
    public string From { get; }

    /// <summary>The receiver.</summary>
    public string To { get; }

    /// <summary>The lot.</summary>
    public BigInteger LotId { get; }

    /// <summary>The units.</summary>
    public BigInteger Units { get; }
}
