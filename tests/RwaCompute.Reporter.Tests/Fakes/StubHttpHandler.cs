using System.Net;
using System.Text;

namespace RwaCompute.Reporter.Tests.Fakes;

/// <summary>An HTTP handler that answers every request with a scripted response and records the URLs asked for.</summary>
internal sealed class StubHttpHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    public List<Uri> Requests { get; } = [];

    public static StubHttpHandler Text(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new((_, _) => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "text/plain") }));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        this.Requests.Add(request.RequestUri!);
        return respond(request, cancellationToken);
    }
}
