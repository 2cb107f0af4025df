using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Streams.Ingest;

/// <summary>Adds a Retry-After header to another result.</summary>
internal sealed class RetryAfterResult(IResult inner, string seconds) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers[HeaderNames.RetryAfter] = seconds;
        return inner.ExecuteAsync(httpContext);
    }
}
