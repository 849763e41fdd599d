using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RwaCompute.Cli.Tests.Infrastructure;

/// <summary>
/// A JSON-RPC proxy on 127.0.0.1 in front of anvil that cuts connections the way a flaky network does: forward a
/// request to the node and then reset the TCP connection before the answer (<see cref="CutAfterForwarding"/>), or reset
/// every request after the first few (<see cref="DieAfterRequests"/>). Plain HTTP/1.1 over sockets, so a cut is a real
/// connection reset.
/// </summary>
public sealed class CuttingProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly HttpClient upstream = new();
    private readonly Uri target;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private int requests;
    private int cut;

    private CuttingProxy(Uri target)
    {
        this.target = target;
        listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/";
        loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The proxy's endpoint.</summary>
    public string Url { get; }

    /// <summary>Requests whose body matches are forwarded, then the connection is reset without an answer.</summary>
    public Func<string, bool>? CutAfterForwarding { get; set; }

    /// <summary>After this many requests every request is reset without reaching the node.</summary>
    public int? DieAfterRequests { get; set; }

    /// <summary>How many requests were cut after being forwarded.</summary>
    public int Cut => Volatile.Read(ref cut);

    public static CuttingProxy Start(string target) => new(new Uri(target));

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        try
        {
            await loop;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }

        upstream.Dispose();
        stopping.Dispose();
    }

    private static void Reset(TcpClient client)
    {
        client.Client.LingerState = new LingerOption(true, 0);
        client.Close();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            while (true)
            {
                var body = await ReadRequestAsync(stream);
                if (body is null)
                {
                    client.Close();
                    return;
                }

                if (Interlocked.Increment(ref requests) > (DieAfterRequests ?? int.MaxValue))
                {
                    Reset(client);
                    return;
                }

                using var forwarded = await upstream.PostAsync(target, new StringContent(body, Encoding.UTF8, "application/json"));
                var answer = await forwarded.Content.ReadAsByteArrayAsync();
                if (CutAfterForwarding?.Invoke(body) == true)
                {
                    Interlocked.Increment(ref cut);
                    Reset(client);
                    return;
                }

                var head = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"HTTP/1.1 {(int)forwarded.StatusCode} OK\r\nContent-Type: application/json\r\nContent-Length: {answer.Length}\r\n\r\n"));
                await stream.WriteAsync(head);
                await stream.WriteAsync(answer);
                await stream.FlushAsync();
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or HttpRequestException or ObjectDisposedException)
        {
            client.Dispose();
        }
    }

    /// <summary>Reads one HTTP request; its body, or <see langword="null"/> when the client closed the connection.</summary>
    private static async Task<string?> ReadRequestAsync(NetworkStream stream)
    {
        var header = new List<byte>();
        var one = new byte[1];
        while (header.Count < 4 || header[^4] != '\r' || header[^3] != '\n' || header[^2] != '\r' || header[^1] != '\n')
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return null;
            }

            header.Add(one[0]);
        }

        var length = 0;
        foreach (var line in Encoding.ASCII.GetString([.. header]).Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        var body = new byte[length];
        await stream.ReadExactlyAsync(body);
        return Encoding.UTF8.GetString(body);
    }
}
