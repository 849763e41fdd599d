using System.Net;
using System.Text;
using RwaCompute.Sdk.Transport;
using Xunit;

namespace RwaCompute.Sdk.Tests.Transactions;

/// <summary>The default transport: idempotent reads are retried after transient failures, a send never is.</summary>
public sealed class TransportTests
{
    private const string Url = "http://127.0.0.1:1/";
    private static readonly RpcRetryOptions Quick = new() { MaxRetryAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1) };

    private static string Call(string method) => $$"""{"jsonrpc":"2.0","id":1,"method":"{{method}}","params":[]}""";

    private static async Task<(HttpStatusCode Status, int Attempts)> PostAsync(string body, params HttpStatusCode[] answers)
    {
        var node = new ScriptedHandler(answers);
        using var http = RpcHttpClients.Create(TimeSpan.FromSeconds(5), Quick, node);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(Url), content);
        return (response.StatusCode, node.Attempts);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    public async Task Read_TransientFailure_IsRetriedUntilItSucceeds(HttpStatusCode failure)
    {
        var (status, attempts) = await PostAsync(Call("eth_getLogs"), failure, failure, HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Read_ConnectionFailure_IsRetried()
    {
        var node = new ScriptedHandler([HttpStatusCode.OK]) { FailFirst = 2 };
        using var http = RpcHttpClients.Create(TimeSpan.FromSeconds(5), Quick, node);
        using var content = new StringContent(Call("eth_call"), Encoding.UTF8, "application/json");

        using var response = await http.PostAsync(new Uri(Url), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, node.Attempts);
    }

    [Fact]
    public async Task Send_TransientFailure_IsNeverRetried()
    {
        var (status, attempts) = await PostAsync(Call("eth_sendRawTransaction"), HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Send_ConnectionFailure_IsNeverRetried()
    {
        var node = new ScriptedHandler([HttpStatusCode.OK]) { FailFirst = 1 };
        using var http = RpcHttpClients.Create(TimeSpan.FromSeconds(5), Quick, node);
        using var content = new StringContent(Call("eth_sendRawTransaction"), Encoding.UTF8, "application/json");

        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(new Uri(Url), content));
        Assert.Equal(1, node.Attempts);
    }

    [Fact]
    public async Task BatchWithASend_IsNeverRetried()
    {
        var (_, attempts) = await PostAsync($"[{Call("eth_blockNumber")},{Call("eth_sendRawTransaction")}]", HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Read_ClientError_IsNotRetried()
    {
        var (status, attempts) = await PostAsync(Call("eth_call"), HttpStatusCode.BadRequest, HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task RetriesOff_ReadIsTriedOnce()
    {
        var node = new ScriptedHandler([HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK]);
        using var http = RpcHttpClients.Create(TimeSpan.FromSeconds(5), Quick with { MaxRetryAttempts = 0 }, node);
        using var content = new StringContent(Call("eth_call"), Encoding.UTF8, "application/json");

        using var response = await http.PostAsync(new Uri(Url), content);

        Assert.Equal(1, node.Attempts);
    }

    [Theory]
    [InlineData("""{"method":"eth_call"}""", true)]
    [InlineData("""[{"method":"eth_call"},{"method":"eth_getLogs"}]""", true)]
    [InlineData("""{"method":"eth_sendRawTransaction"}""", false)]
    [InlineData("""{"method":"anvil_mine"}""", false)]
    [InlineData("""[]""", false)]
    [InlineData("""not json""", false)]
    [InlineData("", false)]
    public void OnlyReads_TellsReadsFromEverythingElse(string body, bool expected) =>
        Assert.Equal(expected, JsonRpcMethods.OnlyReads(body));

    private sealed class ScriptedHandler(HttpStatusCode[] answers) : HttpMessageHandler
    {
        private int attempts;

        public int FailFirst { get; init; }

        public int Attempts => Volatile.Read(ref attempts);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var attempt = Interlocked.Increment(ref attempts);
            if (attempt <= FailFirst)
            {
                throw new HttpRequestException("connection refused");
            }

            var status = answers[Math.Min(attempt - FailFirst - 1, answers.Length - 1)];
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent("""{"jsonrpc":"2.0","id":1,"result":"0x1"}""") });
        }
    }
}
