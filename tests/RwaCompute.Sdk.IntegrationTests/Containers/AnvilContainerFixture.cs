using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;
using RwaCompute.Devnet.Anvil;
using Xunit;

namespace RwaCompute.Sdk.IntegrationTests.Containers;

/// <summary>
/// anvil in a container, through Testcontainers: a <c>FROM scratch</c> image built locally from the pinned native
/// anvil and the libraries it links (<see cref="ScratchImageContext"/>), run with host networking on 127.0.0.1 and a
/// port anvil picks itself (no bridge, nothing published). One container serves the whole
/// <see cref="ContainerTestGroup"/>; disposing removes the container and the image.
/// Docker unreachable: <see cref="InitializeAsync"/> throws <see cref="DockerUnreachableException"/> and every test of
/// the collection fails (docs/TESTING.md, "Container tests").
/// </summary>
public sealed partial class AnvilContainerFixture : IAsyncLifetime
{
    /// <summary>anvil's chain id.</summary>
    public const long ChainId = 31337;

    /// <summary>Private key of anvil's account 0 (the standard test mnemonic).</summary>
    public const string Account0PrivateKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    /// <summary>Address of anvil's account 0.</summary>
    public const string Account0Address = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

    private static readonly TimeSpan StartupBudget = TimeSpan.FromMinutes(3);

    private ScratchImageContext? _context;
    private IFutureDockerImage? _image;
    private IContainer? _container;
    private string? _rpcUrl;

    /// <summary>The containerized anvil's JSON-RPC endpoint, <c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public string RpcUrl => _rpcUrl ?? throw new InvalidOperationException("The anvil container has not started.");

    /// <summary>The port anvil listens on (host network, 127.0.0.1).</summary>
    public int Port { get; private set; }

    /// <summary>How long building the image took.</summary>
    public TimeSpan ImageBuildDuration { get; private set; }

    /// <summary>How long creating and starting the container took, until anvil logged <c>Listening on</c>.</summary>
    public TimeSpan ContainerStartDuration { get; private set; }

    /// <summary>The image's full name (unique per run).</summary>
    public string ImageName { get; private set; } = string.Empty;

    /// <summary>What Docker said on the reachability probe (GET /version).</summary>
    public string DockerVersion { get; private set; } = string.Empty;

    /// <summary>A Web3 client for the container signing as <paramref name="privateKey"/> (account 0 by default).</summary>
    /// <param name="privateKey">The signer's key.</param>
    /// <returns>The client; receipts are polled every 50 ms.</returns>
    public Web3 CreateWeb3(string privateKey = Account0PrivateKey)
    {
        var web3 = new Web3(new Account(privateKey, ChainId), RpcUrl);
        web3.TransactionManager.TransactionReceiptService = new Nethereum.RPC.TransactionReceipts.TransactionReceiptPollingService(
            web3.TransactionManager, 50);
        return web3;
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartupBudget);
        var cancellationToken = timeout.Token;

        // 1. Docker: defaults first (Testcontainers reads the environment once), then a probe that fails loudly.
        DockerEnvironment.ApplyDefaults();
        DockerVersion = await DockerEnvironment.EnsureReachableAsync(cancellationToken).ConfigureAwait(false);

        // 2. The image: FROM scratch + anvil + ldd's libraries.
        var anvil = AnvilLocator.Locate(AppContext.BaseDirectory);
        _context = await ScratchImageContext.CreateAsync(anvil, cancellationToken).ConfigureAwait(false);
        ImageName = "rwacompute/anvil-scratch:" + Guid.NewGuid().ToString("N")[..12];
        var stopwatch = Stopwatch.StartNew();
        try
        {
            _image = new ImageFromDockerfileBuilder()
                .WithName(ImageName)
                .WithDockerfileDirectory(_context.Directory)
                .WithDockerfile("Dockerfile")
                .WithDeleteIfExists(true)
                .Build();
            await _image.CreateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DockerUnavailableException exception)
        {
            throw new DockerUnreachableException(exception.Message, exception);
        }

        ImageBuildDuration = stopwatch.Elapsed;

        // 3. The container: host network, 127.0.0.1, port 0 (anvil picks a free one and logs it).
        stopwatch.Restart();
        _container = new ContainerBuilder(_image)
            .WithCommand("--host", "127.0.0.1", "--port", "0")
            .WithCreateParameterModifier(parameters => parameters.HostConfig!.NetworkMode = "host")
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged(
                ListeningPattern,
                strategy => strategy.WithTimeout(TimeSpan.FromSeconds(60)).WithInterval(TimeSpan.FromMilliseconds(100))))
            .Build();
        await _container.StartAsync(cancellationToken).ConfigureAwait(false);
        ContainerStartDuration = stopwatch.Elapsed;

        var (stdout, stderr) = await _container.GetLogsAsync(ct: cancellationToken).ConfigureAwait(false);
        var match = ListeningLine().Match(stdout + "\n" + stderr);
        if (!match.Success)
        {
            throw new InvalidOperationException($"anvil's container logged no 'Listening on 127.0.0.1:<port>' line. stdout: {stdout} stderr: {stderr}");
        }

        Port = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
        _rpcUrl = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}");
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        try
        {
            if (_container is not null)
            {
                await _container.DisposeAsync().ConfigureAwait(false); // stops and removes it
                _container = null;
            }
        }
        finally
        {
            try
            {
                if (_image is not null)
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                    await _image.DeleteAsync(timeout.Token).ConfigureAwait(false); // vfs copies every layer in full
                    await _image.DisposeAsync().ConfigureAwait(false);
                    _image = null;
                }
            }
            finally
            {
                _context?.Dispose();
                _context = null;
            }
        }
    }

    private const string ListeningPattern = @"Listening on 127\.0\.0\.1:\d+";

    [GeneratedRegex(@"Listening on 127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
