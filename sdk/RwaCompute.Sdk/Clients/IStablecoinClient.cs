using System.Numerics;
using RwaCompute.Sdk.Transactions;

namespace RwaCompute.Sdk.Clients;

/// <summary>The operations of <see cref="StablecoinClient"/> as an interface, so applications can substitute a test double.</summary>
public interface IStablecoinClient
{
    /// <summary>The stablecoin's address.</summary>
    string Address { get; }

    /// <summary>The same operations on another ERC-20 (a lot's settlement currency).</summary>
    /// <param name="currency">The token's address.</param>
    /// <returns>A client bound to it (this one when it is the same address).</returns>
    /// <exception cref="Errors.InvalidAddressException">Not an address.</exception>
    IStablecoinClient For(string currency);

    /// <summary>An account's balance in base units (USDC: 6 decimals).</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The balance.</returns>
    Task<BigInteger> BalanceOfAsync(string account, CancellationToken cancellationToken = default);

    /// <summary>What <paramref name="spender"/> may pull from <paramref name="owner"/>.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="spender">The spender.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The allowance.</returns>
    Task<BigInteger> AllowanceAsync(string owner, string spender, CancellationToken cancellationToken = default);

    /// <summary>The token's decimals.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The decimals.</returns>
    Task<int> DecimalsAsync(CancellationToken cancellationToken = default);

    /// <summary>The token's symbol (<c>USDC</c>, <c>EURC</c>), for display; <see langword="null"/> when the token does
    /// not answer <c>symbol()</c> with a string.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The symbol, or <see langword="null"/>.</returns>
    Task<string?> SymbolAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets the signer's allowance for a spender.</summary>
    /// <param name="spender">The spender (for example the escrow).</param>
    /// <param name="amount">The allowance, base units.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> ApproveAsync(string spender, BigInteger amount, CancellationToken cancellationToken = default);

    /// <summary>Raises the signer's allowance for a spender to at least <paramref name="amount"/> when it is lower.</summary>
    /// <param name="spender">The spender.</param>
    /// <param name="amount">The allowance needed.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> if a transaction was sent.</returns>
    Task<bool> EnsureAllowanceAsync(string spender, BigInteger amount, CancellationToken cancellationToken = default);

    /// <summary>Transfers stablecoin from the signer.</summary>
    /// <param name="to">The receiver.</param>
    /// <param name="amount">Base units.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    Task<TransactionResult> TransferAsync(string to, BigInteger amount, CancellationToken cancellationToken = default);
}
