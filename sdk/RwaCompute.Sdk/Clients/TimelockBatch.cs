using System.Numerics;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using RwaCompute.Sdk.Contracts.SuiteTimelock;
using RwaCompute.Sdk.Deployment;

namespace RwaCompute.Sdk.Clients;

/// <summary>
/// A batch of calls for a <c>SuiteTimelock</c> (<c>scheduleBatch</c> / <c>executeBatch</c> arguments) and its
/// operation id. <see cref="GovernanceClient.AcceptAdminBatch"/> builds the one that makes the timelock accept the
/// default admin of the token, the oracle and the escrow; a multisig proposer can submit
/// <see cref="ScheduleCalldata"/> and later <see cref="ExecuteCalldata"/> to the timelock itself.
/// </summary>
public sealed record TimelockBatch
{
    /// <summary>Creates a batch.</summary>
    /// <param name="targets">The contracts called, in order.</param>
    /// <param name="values">Wei sent with each call.</param>
    /// <param name="payloads">The calldata of each call.</param>
    /// <param name="predecessor">An operation that must be done first (32 zero bytes for none).</param>
    /// <param name="salt">Distinguishes otherwise identical batches (32 bytes).</param>
    public TimelockBatch(IReadOnlyList<string> targets, IReadOnlyList<BigInteger> values, IReadOnlyList<byte[]> payloads, byte[] predecessor, byte[] salt)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(payloads);
        ArgumentNullException.ThrowIfNull(predecessor);
        ArgumentNullException.ThrowIfNull(salt);
        if (targets.Count != values.Count || targets.Count != payloads.Count || predecessor.Length != 32 || salt.Length != 32)
        {
            throw new ArgumentException("A batch needs as many values and payloads as targets, and a 32-byte predecessor and salt.", nameof(targets));
        }

        Targets = targets;
        Values = values;
        Payloads = payloads;
        Predecessor = predecessor;
        Salt = salt;

        // The operation id is keccak256(abi.encode(targets, values, payloads, predecessor, salt)): exactly the
        // arguments of hashOperationBatch, i.e. its calldata without the 4-byte selector.
        var encoded = new HashOperationBatchFunction
        {
            Targets = [.. targets],
            Values = [.. values],
            Payloads = [.. payloads],
            Predecessor = predecessor,
            Salt = salt,
        }.GetCallData();
        OperationId = EthereumHex.KeccakHex(encoded.AsSpan(4).ToArray());
    }

    /// <summary>The contracts called, in order.</summary>
    public IReadOnlyList<string> Targets { get; }

    /// <summary>Wei sent with each call.</summary>
    public IReadOnlyList<BigInteger> Values { get; }

    /// <summary>The calldata of each call.</summary>
    public IReadOnlyList<byte[]> Payloads { get; }

    /// <summary>The predecessor operation (zero: none).</summary>
    public byte[] Predecessor { get; }

    /// <summary>The salt.</summary>
    public byte[] Salt { get; }

    /// <summary>The operation id (<c>hashOperationBatch</c>), 0x + 64 hex digits.</summary>
    public string OperationId { get; }

    /// <summary>The <c>scheduleBatch</c> message.</summary>
    /// <param name="delaySeconds">The delay (at least the timelock's <c>getMinDelay()</c>).</param>
    /// <returns>The message.</returns>
    public ScheduleBatchFunction ScheduleMessage(BigInteger delaySeconds) => new()
    {
        Targets = [.. Targets],
        Values = [.. Values],
        Payloads = [.. Payloads],
        Predecessor = Predecessor,
        Salt = Salt,
        Delay = delaySeconds,
    };

    /// <summary>The <c>executeBatch</c> message.</summary>
    /// <returns>The message.</returns>
    public ExecuteBatchFunction ExecuteMessage() => new()
    {
        Targets = [.. Targets],
        Values = [.. Values],
        Payloads = [.. Payloads],
        Predecessor = Predecessor,
        Salt = Salt,
    };

    /// <summary>The calldata of <c>scheduleBatch</c>, to submit to the timelock from a proposer (for example a multisig's
    /// transaction builder).</summary>
    /// <param name="delaySeconds">The delay (at least the timelock's <c>getMinDelay()</c>).</param>
    /// <returns>0x hex.</returns>
    public string ScheduleCalldata(BigInteger delaySeconds) => ScheduleMessage(delaySeconds).GetCallData().ToHex(true);

    /// <summary>The calldata of <c>executeBatch</c>, to submit to the timelock from an executor once the operation is
    /// ready.</summary>
    /// <returns>0x hex.</returns>
    public string ExecuteCalldata() => ExecuteMessage().GetCallData().ToHex(true);
}
