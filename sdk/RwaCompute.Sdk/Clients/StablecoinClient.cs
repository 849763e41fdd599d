using System.Numerics;
using Nethereum.Contracts;
using Nethereum.Contracts.Standards.ERC20.ContractDefinition;
using RwaCompute.Sdk.Transactions;
using RwaCompute.Sdk.Validation;

namespace RwaCompute.Sdk.Clients;

/// <summary>The settlement stablecoin (a USDC-like ERC-20) the escrow uses: balances, allowances, approvals.</summary>
public sealed class StablecoinClient
{
    private readonly SuiteContext context;

    internal StablecoinClient(SuiteContext context)
    {
        this.context = context;
    }

    /// <summary>The stablecoin's address.</summary>
    public string Address => context.StablecoinAddress;

    /// <summary>An account's balance in base units (USDC: 6 decimals).</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The balance.</returns>
    public Task<BigInteger> BalanceOfAsync(string account, CancellationToken cancellationToken = default)
    {
        var address = Guard.Address(account, nameof(account));
        return QueryAsync<BalanceOfFunction>(new BalanceOfFunction { Owner = address }, cancellationToken);
    }

    /// <summary>What <paramref name="spender"/> may pull from <paramref name="owner"/>.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="spender">The spender.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The allowance.</returns>
    public Task<BigInteger> AllowanceAsync(string owner, string spender, CancellationToken cancellationToken = default)
    {
        var from = Guard.Address(owner, nameof(owner));
        var to = Guard.Address(spender, nameof(spender));
        return QueryAsync(new AllowanceFunction { Owner = from, Spender = to }, cancellationToken);
    }

    /// <summary>The token's decimals.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The decimals.</returns>
    public async Task<int> DecimalsAsync(CancellationToken cancellationToken = default) =>
        (int)await QueryAsync(new DecimalsFunction(), cancellationToken).ConfigureAwait(false);

    /// <summary>Sets the signer's allowance for a spender.</summary>
    /// <param name="spender">The spender (for example the escrow).</param>
    /// <param name="amount">The allowance, base units.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    public async Task<TransactionResult> ApproveAsync(string spender, BigInteger amount, CancellationToken cancellationToken = default)
    {
        var to = Guard.Address(spender, nameof(spender));
        Guard.Amount(amount, nameof(amount), allowZero: true);
        var receipt = await context.SendAsync(TransactionCall.For(Address, new ApproveFunction { Spender = to, Value = amount }, $"stablecoin.approve({to}, {amount})"), cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(receipt);
    }

    /// <summary>Raises the signer's allowance for a spender to at least <paramref name="amount"/> when it is lower.</summary>
    /// <param name="spender">The spender.</param>
    /// <param name="amount">The allowance needed.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> if a transaction was sent.</returns>
    public async Task<bool> EnsureAllowanceAsync(string spender, BigInteger amount, CancellationToken cancellationToken = default)
    {
        var current = await AllowanceAsync(context.Account, spender, cancellationToken).ConfigureAwait(false);
        if (current >= amount)
        {
            return false;
        }

        await ApproveAsync(spender, amount, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Transfers stablecoin from the signer.</summary>
    /// <param name="to">The receiver.</param>
    /// <param name="amount">Base units.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The mined transaction.</returns>
    public async Task<TransactionResult> TransferAsync(string to, BigInteger amount, CancellationToken cancellationToken = default)
    {
        var receiver = Guard.Address(to, nameof(to));
        Guard.Amount(amount, nameof(amount));
        var receipt = await context.SendAsync(TransactionCall.For(Address, new TransferFunction { To = receiver, Value = amount }, $"stablecoin.transfer({receiver}, {amount})"), cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(receipt);
    }

    private Task<BigInteger> QueryAsync<TFunction>(TFunction message, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new() =>
        context.ReadAsync(ct => context.Web3.Eth.GetContractQueryHandler<TFunction>().QueryAsync<BigInteger>(Address, message).WaitAsync(ct), cancellationToken);
}
