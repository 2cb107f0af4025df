using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace Streams.Ui.Tests;

/// <summary>
/// Prometheus's HTTP API as the tests script it: each query is answered with the body set for the first fragment its
/// PromQL contains (404 when none matches), or, when unreachable, not at all.
/// </summary>
internal sealed class StubPrometheus : HttpMessageHandler, IHttpClientFactory
{
    private readonly List<(string Fragment, HttpStatusCode Status, string Body)> _answers = [];
    private readonly List<Uri> _requests = [];

    /// <summary>Every request's URL, in order.</summary>
    public IReadOnlyList<Uri> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public bool Unreachable { get; init; }

    public StubPrometheus Answer(string fragment, string body, HttpStatusCode status = HttpStatusCode.OK)
    {
        _answers.Add((fragment, status, body));
        return this;
    }

    public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_requests)
        {
            _requests.Add(request.RequestUri!);
        }

        if (Unreachable)
        {
            throw new HttpRequestException("Connection refused (prometheus:9090)");
        }

        var query = QueryHelpers.ParseQuery(request.RequestUri!.Query)["query"].ToString();
        var answer = _answers.Find(answer => query.Contains(answer.Fragment, StringComparison.Ordinal));
        return Task.FromResult(answer.Fragment is null
            ? new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("404 page not found") }
            : new HttpResponseMessage(answer.Status) { Content = new StringContent(answer.Body) });
    }
}
