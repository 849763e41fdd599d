using System.Net.Sockets;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using RwaCompute.Sdk.Errors;
using RwaCompute.Sdk.Tests.Fakes;
using RwaCompute.Sdk.Transactions;
using Xunit;

namespace RwaCompute.Sdk.Tests.Transactions;

public sealed class ChainRpcTests
{
    [Fact]
    public async Task Send_TransportFailure_ThrowsRpcUnavailableNamingTheEndpointAndMethod()
    {
        var refused = new HttpRequestException("Connection refused (fake-node:8545)");
        var node = new FakeRpcClient().On("eth_blockNumber", _ => throw refused);

        var ex = await Assert.ThrowsAsync<RpcUnavailableException>(() => Rpc.Over(node).BlockNumberAsync(CancellationToken.None));

        Assert.Equal(Rpc.Endpoint, ex.Endpoint);
        Assert.Equal("eth_blockNumber", ex.Operation);
        Assert.Contains(Rpc.Endpoint, ex.Message, StringComparison.Ordinal);
        Assert.Same(refused, ex.InnerException);
    }

    [Fact]
    public async Task Send_SocketErrorWrappedByNethereum_ThrowsRpcUnavailable()
    {
        var node = new FakeRpcClient().On("eth_chainId", _ => throw new RpcClientUnknownException("Error occurred when trying to send rpc requests(s)", new SocketException((int)SocketError.ConnectionReset)));
        await Assert.ThrowsAsync<RpcUnavailableException>(() => Rpc.Over(node).ChainIdAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Send_HttpClientTimeout_ThrowsRpcUnavailable()
    {
        var node = new FakeRpcClient().On("eth_chainId", _ => throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout"));
        await Assert.ThrowsAsync<RpcUnavailableException>(() => Rpc.Over(node).ChainIdAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Send_JsonRpcError_PassesThroughUnchanged()
    {
        var error = Rpc.Error("nonce too low");
        var node = new FakeRpcClient().On("eth_sendRawTransaction", _ => throw error);
        var ex = await Assert.ThrowsAsync<RpcResponseException>(() => Rpc.Over(node).SendRawTransactionAsync("0x02", CancellationToken.None));
        Assert.Same(error, ex);
    }

    [Fact]
    public async Task Send_CallerCancels_ThrowsOperationCanceledNotRpcUnavailable()
    {
        var node = new FakeRpcClient().OnAsync("eth_blockNumber", async _ =>
        {
            await Task.Delay(Timeout.Infinite);
            return null;
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Rpc.Over(node).BlockNumberAsync(cts.Token));
        Assert.Equal(cts.Token, ex.CancellationToken);
    }

    [Fact]
    public async Task Send_AlreadyCancelled_SendsNothing()
    {
        var node = new FakeRpcClient();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Rpc.Over(node).BlockNumberAsync(new CancellationToken(true)));
        Assert.Empty(node.Calls);
    }

    [Fact]
    public async Task PendingNonce_AsksForThePendingBlock()
    {
        var node = new FakeRpcClient().Returns("eth_getTransactionCount", new HexBigInteger(12));
        Assert.Equal(12, (int)await Rpc.Over(node).PendingNonceAsync("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", CancellationToken.None));
        Assert.Equal(["0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "pending"], node.Calls.Single().Parameters);
    }

    [Fact]
    public async Task Call_WithoutBlock_AsksForTheLatest()
    {
        var node = new FakeRpcClient().Returns("eth_call", "0x01");
        Assert.Equal("0x01", await Rpc.Over(node).CallAsync(new CallInput("0x", "0x5FbDB2315678afecb367f032d93F642f64180aa3"), null, CancellationToken.None));
        Assert.Equal("latest", node.Calls.Single().Parameters[1]?.ToString());
    }

    [Fact]
    public void Constructor_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new ChainRpc(null!, Rpc.Endpoint));
        Assert.Throws<ArgumentNullException>(() => new ChainRpc(new FakeRpcClient(), null!));
    }

    [Fact]
    public void ForHttp_PlainUrl_EndpointIsTheUrl() =>
        Assert.Equal("http://127.0.0.1:8545", ChainRpc.ForHttp(new Uri("http://127.0.0.1:8545")).Endpoint);

    /// <summary>SDK SECURITY BUG (fails until fixed): Endpoint is documented "no credentials" and goes into every
    /// RpcUnavailableException message, but GetLeftPart(UriPartial.Path) keeps the user-info part of the URL.</summary>
    [Fact]
    public void ForHttp_UrlWithUserInfo_EndpointOmitsTheCredentials()
    {
        var rpc = ChainRpc.ForHttp(new Uri("https://alice:s3cret-pass@rpc.example.com/"));
        Assert.DoesNotContain("s3cret-pass", rpc.Endpoint, StringComparison.Ordinal);
    }

    /// <summary>SDK SECURITY BUG (fails until fixed): hosted providers put the API key in the path
    /// (https://mainnet.infura.io/v3/KEY, https://eth-mainnet.g.alchemy.com/v2/KEY); the endpoint keeps it, so every
    /// RpcUnavailableException message and log line leaks the key.</summary>
    [Fact]
    public void ForHttp_UrlWithApiKeyInThePath_EndpointOmitsTheKey()
    {
        var rpc = ChainRpc.ForHttp(new Uri("https://mainnet.infura.io/v3/0123456789abcdef0123456789abcdef"));
        Assert.DoesNotContain("0123456789abcdef0123456789abcdef", rpc.Endpoint, StringComparison.Ordinal);
    }
}
