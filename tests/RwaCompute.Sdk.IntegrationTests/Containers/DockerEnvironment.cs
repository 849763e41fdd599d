using System.Globalization;
using System.Net.Http;
using System.Net.Sockets;

namespace RwaCompute.Sdk.IntegrationTests.Containers;

/// <summary>
/// The Docker endpoint the container tests use, and the defaults they need (docs/TESTING.md, "Container tests").
/// Testcontainers reads its settings once, on first use, so <see cref="ApplyDefaults"/> must run before any
/// Testcontainers type is touched.
/// </summary>
public static class DockerEnvironment
{
    /// <summary>The daemon's API version: Debian 12's docker.io speaks 1.41 and Testcontainers 4.16 does not
    /// negotiate down (without it: "client version 1.44 is too new").</summary>
    public const string DefaultApiVersion = "1.41";

    /// <summary>Where tools/ci/docker.sh puts its private daemon unless RWA_DOCKER_DIR says otherwise.</summary>
    public const string DefaultPrivateDirectory = "/tmp/rwa-docker";

    /// <summary>The system socket a daemon started the TOOLCHAIN.md way (no -H) listens on.</summary>
    public const string SystemSocketHost = "unix:///var/run/docker.sock";

    /// <summary>How to get a daemon, for failure messages.</summary>
    public const string HowToStart =
        "Start one (as root, or with sudo) from the repository root: `source tools/ci/docker.sh` " +
        "(installs docker.io if needed, starts a private dockerd on /tmp/rwa-docker/docker.sock and exports " +
        "DOCKER_HOST, DOCKER_API_VERSION=1.41, TESTCONTAINERS_RYUK_DISABLED=true), then rerun `dotnet test` from that shell. " +
        "These tests fail rather than skip when Docker is missing, on purpose (docs/TESTING.md).";

    private static readonly Lock Gate = new();

    /// <summary>
    /// Sets DOCKER_API_VERSION=1.41 and TESTCONTAINERS_RYUK_DISABLED=true when unset, and DOCKER_HOST (when unset) to
    /// tools/ci/docker.sh's socket if it exists, else the system socket. Values already set are kept.
    /// </summary>
    /// <returns>The Docker host in effect.</returns>
    public static string ApplyDefaults()
    {
        lock (Gate)
        {
            SetIfUnset("DOCKER_API_VERSION", DefaultApiVersion);
            SetIfUnset("TESTCONTAINERS_RYUK_DISABLED", "true");
            var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
            if (string.IsNullOrWhiteSpace(host))
            {
                var privateDirectory = Environment.GetEnvironmentVariable("RWA_DOCKER_DIR");
                var privateSocket = Path.Combine(
                    string.IsNullOrWhiteSpace(privateDirectory) ? DefaultPrivateDirectory : privateDirectory, "docker.sock");
                host = File.Exists(privateSocket) ? "unix://" + privateSocket : SystemSocketHost;
                Environment.SetEnvironmentVariable("DOCKER_HOST", host);
            }

            return host;
        }
    }

    /// <summary>A one-line description of the Docker settings, for failure messages.</summary>
    /// <returns>DOCKER_HOST, DOCKER_API_VERSION and TESTCONTAINERS_RYUK_DISABLED as the test process sees them.</returns>
    public static string Describe() =>
        $"DOCKER_HOST={Show("DOCKER_HOST")}, DOCKER_API_VERSION={Show("DOCKER_API_VERSION")}, " +
        $"TESTCONTAINERS_RYUK_DISABLED={Show("TESTCONTAINERS_RYUK_DISABLED")}, RWA_REQUIRE_DOCKER={Show("RWA_REQUIRE_DOCKER")}";

    /// <summary>
    /// Asks the daemon at DOCKER_HOST for its version with the configured API version. Throws
    /// <see cref="DockerUnreachableException"/> when it does not answer, or answers with an error (an API version
    /// it does not speak, for instance).
    /// </summary>
    /// <param name="cancellationToken">Cancels the probe.</param>
    /// <returns>The daemon's answer to GET /version (JSON).</returns>
    public static async Task<string> EnsureReachableAsync(CancellationToken cancellationToken)
    {
        var host = ApplyDefaults();
        var apiVersion = Environment.GetEnvironmentVariable("DOCKER_API_VERSION") ?? DefaultApiVersion;
        if (!Uri.TryCreate(host, UriKind.Absolute, out var uri))
        {
            throw new DockerUnreachableException($"DOCKER_HOST is not a URI", null);
        }

        using var handler = new SocketsHttpHandler();
        Uri baseAddress;
        switch (uri.Scheme)
        {
            case "unix":
                var socketPath = uri.AbsolutePath;
                if (!File.Exists(socketPath))
                {
                    throw new DockerUnreachableException($"the socket {socketPath} does not exist (no daemon listens there)", null);
                }

                handler.ConnectCallback = async (_, token) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    try
                    {
                        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), token).ConfigureAwait(false);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                };
                baseAddress = new Uri("http://docker/");
                break;
            case "tcp":
            case "http":
                baseAddress = new UriBuilder(Uri.UriSchemeHttp, uri.Host, uri.Port).Uri;
                break;
            default:
                // npipe, ssh, https (TLS): Testcontainers handles them; it reports its own errors.
                return string.Empty;
        }

        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(15) };
        try
        {
            using var response = await client.GetAsync(new Uri($"v{apiVersion}/version", UriKind.Relative), cancellationToken)
                .ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new DockerUnreachableException(
                    string.Create(CultureInfo.InvariantCulture, $"GET /v{apiVersion}/version answered {(int)response.StatusCode}: {body.Trim()}"),
                    null);
            }

            return body;
        }
        catch (Exception exception) when (exception is HttpRequestException or SocketException or IOException
                                              or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new DockerUnreachableException(exception.Message, exception);
        }
    }

    private static void SetIfUnset(string name, string value)
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(name)))
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    private static string Show(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : "(unset)";
}
