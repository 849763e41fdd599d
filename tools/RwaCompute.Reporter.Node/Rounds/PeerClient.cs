using System.Net.Http.Json;
using RwaCompute.Reporter.Node.Options;

namespace RwaCompute.Reporter.Node.Rounds;

/// <summary>Talks to the other reporters' nodes. A peer that is down, slow or answers garbage is treated as absent:
/// rounds need a quorum, not every peer.</summary>
public sealed class PeerClient
{
    private readonly HttpClient http;
    private readonly TimeSpan timeout;

    /// <summary>Creates the client.</summary>
    /// <param name="http">The HTTP client (no base address; peers are absolute URLs).</param>
    /// <param name="options">The node's options (peer timeout).</param>
    public PeerClient(HttpClient http, ReporterNodeOptions options)
    {
        this.http = http ?? throw new ArgumentNullException(nameof(http));
        ArgumentNullException.ThrowIfNull(options);
        timeout = options.PeerTimeout;
    }

    /// <summary>Asks a peer for its signed observation.</summary>
    /// <param name="peer">The peer's base URL.</param>
    /// <param name="request">The pool and epoch.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The observation, or <see langword="null"/> when the peer did not give one.</returns>
    public Task<ObservationMessage?> ObservationAsync(Uri peer, ObservationRequest request, CancellationToken cancellationToken) =>
        PostAsync(new Uri(peer, "v1/observations"), request, NodeJsonContext.Default.ObservationRequest, NodeJsonContext.Default.ObservationMessage, cancellationToken);

    /// <summary>Asks a peer to sign a proposal.</summary>
    /// <param name="peer">The peer's base URL.</param>
    /// <param name="proposal">The proposal.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Its answer, or <see langword="null"/> when it did not answer.</returns>
    public Task<SignatureMessage?> SignatureAsync(Uri peer, ProposalMessage proposal, CancellationToken cancellationToken) =>
        PostAsync(new Uri(peer, "v1/proposals"), proposal, NodeJsonContext.Default.ProposalMessage, NodeJsonContext.Default.SignatureMessage, cancellationToken);

    private async Task<TResponse?> PostAsync<TRequest, TResponse>(
        Uri url, TRequest body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TRequest> requestType, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
        where TResponse : class
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            using var response = await http.PostAsJsonAsync(url, body, requestType, cts.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? await response.Content.ReadFromJsonAsync(responseType, cts.Token).ConfigureAwait(false)
                : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or NotSupportedException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }
}
