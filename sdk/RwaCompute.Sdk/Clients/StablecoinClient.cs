using System.Numerics;
using Nethereum.Contracts;
using Nethereum.Contracts.Standards.ERC20.ContractDefinition;
using RwaCompute.Sdk.Transactions;
using RwaCompute.Sdk.Validation;

namespace RwaCompute.Sdk.Clients;

/// <summary>A settlement stablecoin (a USDC-like ERC-20): balances, allowances, approvals. <c>client.Stablecoin</c> is
/// the manifest's (the escrow's first currency); <see cref="For"/> gives the same operations on another currency the
/// escrow accepts (a lot's, <see cref="EscrowClient.CurrencyOfAsync"/>).</summary>
public sealed class StablecoinClient : IStablecoinClient
{
    private readonly SuiteContext context;
    private readonly string address;

    internal StablecoinClient(SuiteContext context)
        : this(context, context.StablecoinAddress)
    {
    }

    private StablecoinClient(SuiteContext context, string address)
    {
        this.context = context;
        this.address = address;
    }

    /// <inheritdoc/>
    public string Address => address;

    /// <inheritdoc/>
    public StablecoinClient For(string currency)
    {
        var checksummed = Guard.Address(currency, nameof(currency));
        return string.Equals(checksummed, address, StringComparison.OrdinalIgnoreCase) ? this : new StablecoinClient(context, checksummed);
    }

    /// <inheritdoc/>
    IStablecoinClient IStablecoinClient.For(string currency) => For(currency);

    /// <inheritdoc/>
    public Task<BigInteger> BalanceOfAsync(string account, CancellationToken cancellationToken = default)
    {
        var address = Guard.Address(account, nameof(account));
        return QueryAsync<BalanceOfFunction>(new BalanceOfFunction { Owner = address }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<BigInteger> AllowanceAsync(string owner, string spender, CancellationToken cancellationToken = default)
    {
        var from = Guard.Address(owner, nameof(owner));
        var to = Guard.Address(spender, nameof(spender));
        return QueryAsync(new AllowanceFunction { Owner = from, Spender = to }, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<int> DecimalsAsync(CancellationToken cancellationToken = default) =>
        (int)await QueryAsync(new DecimalsFunction(), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async Task<string?> SymbolAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var symbol = await context.ReadAsync(ct => context.Web3.Eth.GetContractQueryHandler<SymbolFunction>().QueryAsync<string>(Address, new SymbolFunction()).WaitAsync(ct), cancellationToken).ConfigureAwait(false);
            return string.IsNullOrWhiteSpace(symbol) ? null : symbol.Trim();
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not Errors.RpcUnavailableException)
        {
            // Optional in ERC-20: a token without symbol() (or with a bytes32 one) is shown by its address.
            return null;
        }
    }

    /// <inheritdoc/>
    public async Task<TransactionResult> ApproveAsync(string spender, BigInteger amount, CancellationToken cancellationToken = default)
    {
        var to = Guard.Address(spender, nameof(spender));
        Guard.Amount(amount, nameof(amount), allowZero: true);
        var receipt = await context.SendAsync(TransactionCall.For(Address, new ApproveFunction { Spender = to, Value = amount }, $"{Label}.approve({to}, {amount})"), cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(receipt);
    }

    /// <inheritdoc/>
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

    /// <inheritdoc/>
    public async Task<TransactionResult> TransferAsync(string to, BigInteger amount, CancellationToken cancellationToken = default)
    {
        var receiver = Guard.Address(to, nameof(to));
        Guard.Amount(amount, nameof(amount));
        var receipt = await context.SendAsync(TransactionCall.For(Address, new TransferFunction { To = receiver, Value = amount }, $"{Label}.transfer({receiver}, {amount})"), cancellationToken).ConfigureAwait(false);
        return TransactionResult.From(receipt);
    }

    /// <summary>How transactions name the token: <c>stablecoin</c> for the manifest's, else its address.</summary>
    private string Label => string.Equals(address, context.StablecoinAddress, StringComparison.OrdinalIgnoreCase) ? "stablecoin" : $"currency {address}";

    private Task<BigInteger> QueryAsync<TFunction>(TFunction message, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new() =>
        context.ReadAsync(ct => context.Web3.Eth.GetContractQueryHandler<TFunction>().QueryAsync<BigInteger>(Address, message).WaitAsync(ct), cancellationToken);
}
