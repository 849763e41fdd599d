using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nethereum.Hex.HexConvertors.Extensions;
using Prometheus;
using RwaCompute.Reporter.Node.Rounds;

namespace RwaCompute.Reporter.Node.Http;

/// <summary>The node's HTTP API: <c>POST /v1/observations</c> (a leader asks for this node's signed observation),
/// <c>POST /v1/proposals</c> (a leader asks this node to sign a report), <c>GET /health</c>, <c>GET /metrics</c>.</summary>
public static class NodeEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">The application.</param>
    /// <param name="metrics">The node's metrics registry.</param>
    /// <returns>The application.</returns>
    public static IEndpointRouteBuilder MapReporterNode(this IEndpointRouteBuilder app, NodeMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(metrics);
        app.MapPost("/v1/observations", async (ObservationRequest request, RoundLeader leader, CancellationToken ct) =>
        {
            byte[] poolId;
            try
            {
                poolId = request.Pool.HexToByteArray();
            }
            catch (FormatException)
            {
                return Results.BadRequest();
            }

            if (poolId.Length != 32)
            {
                return Results.BadRequest();
            }

            var evidence = await leader.OwnEvidenceAsync(poolId, request.Epoch, ct).ConfigureAwait(false);
            if (evidence is null)
            {
                return Results.NotFound();
            }

            metrics.ObservationsServed.Inc();
            return Results.Json(evidence.ToMessage(), NodeJsonContext.Default.ObservationMessage);
        });
        app.MapPost("/v1/proposals", async (ProposalMessage proposal, ProposalReviewer reviewer, CancellationToken ct) =>
            Results.Json(await reviewer.ReviewAsync(proposal, ct).ConfigureAwait(false), NodeJsonContext.Default.SignatureMessage));
        app.MapGet("/health", (RoundCoordinator coordinator) => coordinator.LastError is null
            ? Results.Ok(new HealthStatus("healthy", coordinator.LastPass, null))
            : Results.Json(new HealthStatus("degraded", coordinator.LastPass, coordinator.LastError), statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapMetrics("/metrics", metrics.Registry);
        return app;
    }
}

/// <summary>The body of <c>/health</c>.</summary>
/// <param name="Status">healthy or degraded.</param>
/// <param name="LastPass">When the last round pass completed.</param>
/// <param name="Error">The last error, when degraded.</param>
public sealed record HealthStatus(string Status, DateTimeOffset? LastPass, string? Error);
