using System.Globalization;
using RwaCompute.Sdk.Errors;

namespace RwaCompute.Cli;

/// <summary>A command meant for a local devnet (a mock stablecoin anyone's owner can mint) was pointed at another
/// chain: exit code <see cref="ExitCodes.PreflightRefused"/>, nothing sent.</summary>
public sealed class DevnetOnlyException : PreflightException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="command">The command, for example <c>rwa usdc deploy-mock</c>.</param>
    /// <param name="chainId">The chain the node is on.</param>
    /// <param name="devnetChainId">The only chain the command accepts.</param>
    public DevnetOnlyException(string command, long chainId, long devnetChainId)
        : base(string.Create(CultureInfo.InvariantCulture, $"{command} runs on a local devnet (chain {devnetChainId}) only; this node is chain {chainId}. On a real chain, name the stablecoin you settle in (deploy.json \"stablecoin\" or --stablecoin)."))
    {
        ChainId = chainId;
    }

    /// <summary>The chain the node is on.</summary>
    public long ChainId { get; }
}
