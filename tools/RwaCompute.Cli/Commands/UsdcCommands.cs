using System.CommandLine;
using System.Globalization;
using Nethereum.Web3;
using RwaCompute.Cli.Output;
using RwaCompute.Cli.Output.Views;
using RwaCompute.Cli.Parsing;
using RwaCompute.Cli.Signing;
using RwaCompute.Sdk.Clients;
using RwaCompute.Devnet.Contracts.MockUSDC;
using RwaCompute.Sdk.Transactions;

namespace RwaCompute.Cli.Commands;

/// <summary><c>rwa usdc deploy-mock</c>: the test stablecoin (MockUSDC, 6 decimals, minted by its owner) on a local
/// devnet, so that a plain anvil can host the suite with <c>rwa</c> alone. Refused on any chain but 31337.</summary>
internal static class UsdcCommands
{
    public static Command Create(CommandRunner runner)
    {
        var usdc = new Command("usdc", "the settlement stablecoin on a local devnet: deploy-mock");
        usdc.Subcommands.Add(CreateDeployMock(runner));
        return usdc;
    }

    private static Command CreateDeployMock(CommandRunner runner)
    {
        var mint = new Option<MintRequest[]>("--mint")
        {
            Description = "ACCOUNT=AMOUNT: mint that much USDC (12.5, or 12500000base) to the account; repeat for several",
            CustomParser = CustomParsers.Each("--mint", MintRequest.Parse),
        };
        return Operation.Sending(runner, "deploy-mock", "deploy MockUSDC, owned (and minted) by the signer, on a local devnet (chain 31337) only; prints its address for deploy.json's \"stablecoin\"", [mint], async (invocation, signer) =>
        {
            var ct = invocation.CancellationToken;
            var rpcUrl = invocation.RpcUrl;
            var chainId = await ChainRpc.ForHttp(rpcUrl).ChainIdAsync(ct).ConfigureAwait(false);
            if (chainId != SignerArguments.DevnetChainId)
            {
                throw new DevnetOnlyException("rwa usdc deploy-mock", chainId, SignerArguments.DevnetChainId);
            }

            var account = await signer.ResolveAsync(invocation.Parse, chainId, ct).ConfigureAwait(false);
            var web3 = new Web3(account.ToAccount(chainId), rpcUrl.ToString());
            web3.TransactionReceiptPolling.SetPollingRetryIntervalInMilliseconds(10);
            var receipt = await MockUSDCService.DeployContractAndWaitForReceiptAsync(web3, new MockUSDCDeployment { Owner = account.Address }, ct).ConfigureAwait(false);
            var service = new MockUSDCService(web3, receipt.ContractAddress);
            var mints = new List<MintView>();
            var transactions = new List<TransactionView> { ViewFactory.Transaction("deploy MockUSDC", TransactionResult.From(receipt)) };
            foreach (var request in invocation.Value(mint) ?? [])
            {
                var minted = await service.MintRequestAndWaitForReceiptAsync(request.Account, request.Amount, ct).ConfigureAwait(false);
                mints.Add(new MintView(request.Account, DecimalAmount.Plain(request.Amount, DecimalAmount.UsdcDecimals), request.Amount.ToString(CultureInfo.InvariantCulture), minted.TransactionHash));
                transactions.Add(ViewFactory.Transaction($"stablecoin.mint({request.Account}, {request.Amount.ToString(CultureInfo.InvariantCulture)})", TransactionResult.From(minted)));
            }

            var view = new MockUsdcView(
                Nethereum.Util.AddressUtil.Current.ConvertToChecksumAddress(receipt.ContractAddress),
                account.Address,
                mints,
                transactions);
            var console = invocation.Console;
            if (console.Json)
            {
                console.WriteJson(view, CliJsonContext.Default.MockUsdcView);
                return ExitCodes.Success;
            }

            console.Line($"ok: deployed MockUSDC at {view.Address} (owner {view.Owner}, block {transactions[0].BlockNumber}, tx {transactions[0].Hash})");
            foreach (var minted in mints)
            {
                console.Line($"ok: minted {DecimalAmount.Group(minted.AmountUsdc)} USDC to {minted.Account} (tx {minted.TransactionHash})");
            }

            console.Line($"next: rwa deploy --stablecoin {view.Address} … (or \"stablecoin\": \"{view.Address}\" in deploy.json)");
            return ExitCodes.Success;
        });
    }
}
