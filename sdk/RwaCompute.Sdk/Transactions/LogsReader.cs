using System.Text.Json;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace RwaCompute.Sdk.Transactions;

/// <summary>
/// Reads an <c>eth_getLogs</c> response in one forward pass with <see cref="Utf8JsonReader"/> straight into
/// Nethereum's <see cref="FilterLog"/>: no intermediate document, no converter lookups per field. Megabytes of logs
/// are the hot path of event queries (docs/PERFORMANCE.md).
/// </summary>
internal static class LogsReader
{
    /// <summary>Reads <c>{"jsonrpc","id","result":[logs]}</c>.</summary>
    /// <param name="body">The response body.</param>
    /// <param name="logs">The logs, when this returns <see langword="true"/>.</param>
    /// <returns><see langword="false"/> for an error response or an unexpected shape (the caller falls back).</returns>
    public static bool TryRead(ReadOnlySpan<byte> body, out FilterLog[] logs)
    {
        logs = [];
        var reader = new Utf8JsonReader(body);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("result"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        return false;
                    }

                    var list = new List<FilterLog>();
                    while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                    {
                        list.Add(ReadLog(ref reader));
                    }

                    logs = [.. list];
                    return true;
                }

                if (reader.ValueTextEquals("error"u8))
                {
                    return false;
                }

                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return false;
    }

    private static FilterLog ReadLog(ref Utf8JsonReader reader)
    {
        var log = new FilterLog();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("topics"u8))
            {
                reader.Read();
                var topics = new List<object>(4);
                while (reader.Read() && reader.TokenType == JsonTokenType.String)
                {
                    topics.Add(reader.GetString()!);
                }

                log.Topics = [.. topics];
                continue;
            }

            var name = reader.ValueSpan;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                if (name.SequenceEqual("removed"u8) && reader.TokenType is JsonTokenType.True or JsonTokenType.False)
                {
                    log.Removed = reader.GetBoolean();
                }
                else
                {
                    reader.Skip();
                }

                continue;
            }

            var value = reader.GetString()!;
            if (name.SequenceEqual("address"u8))
            {
                log.Address = value;
            }
            else if (name.SequenceEqual("data"u8))
            {
                log.Data = value;
            }
            else if (name.SequenceEqual("blockNumber"u8))
            {
                log.BlockNumber = new HexBigInteger(value);
            }
            else if (name.SequenceEqual("blockHash"u8))
            {
                log.BlockHash = value;
            }
            else if (name.SequenceEqual("transactionHash"u8))
            {
                log.TransactionHash = value;
            }
            else if (name.SequenceEqual("transactionIndex"u8))
            {
                log.TransactionIndex = new HexBigInteger(value);
            }
            else if (name.SequenceEqual("logIndex"u8))
            {
                log.LogIndex = new HexBigInteger(value);
            }
        }

        return log;
    }
}
