using Microsoft.AspNetCore.Http;

namespace Streams.Ingest;

/// <summary>Adds a response header (Retry-After, WWW-Authenticate) to another result, keeping its status visible.</summary>
internal sealed class WithHeaderResult(IResult inner, string name, string value) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => (inner as IStatusCodeHttpResult)?.StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers[name] = value;
        return inner.ExecuteAsync(httpContext);
    }
}
