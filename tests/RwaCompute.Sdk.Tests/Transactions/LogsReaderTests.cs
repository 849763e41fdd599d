using System.Text;
using RwaCompute.Sdk.Transactions;
using Xunit;

namespace RwaCompute.Sdk.Tests.Transactions;

public sealed class LogsReaderTests
{
    private const string Log = """
        {"address":"0x5fbdb2315678afecb367f032d93f642f64180aa3","topics":["0xaaaa","0xbbbb"],"data":"0x01","blockHash":"0xcc","blockNumber":"0x1a","blockTimestamp":"0x6","transactionHash":"0xdd","transactionIndex":"0x0","logIndex":"0x3","removed":false}
        """;

    [Fact]
    public void TryRead_ResultArray_FillsEveryFieldTheSdkUses()
    {
        var body = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"result":[""" + Log + "," + Log.Replace("false", "true", StringComparison.Ordinal) + "]}");

        Assert.True(LogsReader.TryRead(body, out var logs));

        Assert.Equal(2, logs.Length);
        var log = logs[0];
        Assert.Equal("0x5fbdb2315678afecb367f032d93f642f64180aa3", log.Address);
        Assert.Equal(["0xaaaa", "0xbbbb"], log.Topics.Select(t => (string)t));
        Assert.Equal("0x01", log.Data);
        Assert.Equal(26, (int)log.BlockNumber.Value);
        Assert.Equal("0xcc", log.BlockHash);
        Assert.Equal("0xdd", log.TransactionHash);
        Assert.Equal(3, (int)log.LogIndex.Value);
        Assert.False(log.Removed);
        Assert.True(logs[1].Removed);
    }

    [Fact]
    public void TryRead_EmptyResult_IsAnEmptyArray()
    {
        Assert.True(LogsReader.TryRead("""{"jsonrpc":"2.0","id":1,"result":[]}"""u8, out var logs));
        Assert.Empty(logs);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"error":{"code":-32005,"message":"query returned more than 10000 results"}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":null}""")]
    [InlineData("""not json""")]
    [InlineData("""[]""")]
    public void TryRead_ErrorOrUnexpectedShape_DeclinesSoTheCallerFallsBack(string body) =>
        Assert.False(LogsReader.TryRead(Encoding.UTF8.GetBytes(body), out _));
}
