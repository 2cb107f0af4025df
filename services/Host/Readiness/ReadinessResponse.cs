using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Streams.Host.Readiness;

/// <summary>
/// /readyz's body: 200 with every check's state, or 503 as RFC 7807 problem details whose detail names every check
/// that is not ready and why (a missing topic, Kafka unreachable, the registry not answering).
/// </summary>
internal static class ReadinessResponse
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var checks = report.Entries.ToDictionary(entry => entry.Key, entry => entry.Value.Description ?? entry.Value.Status.ToString());
        if (report.Status == HealthStatus.Healthy)
        {
            return context.Response.WriteAsJsonAsync(new { status = "ready", checks }, Json);
        }

        var failing = report.Entries.Where(entry => entry.Value.Status != HealthStatus.Healthy).Select(entry => $"{entry.Key}: {entry.Value.Description}");
        context.Response.ContentType = "application/problem+json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(
            new
            {
                type = "https://streams.dev/problems/not-ready",
                title = "Not ready",
                status = StatusCodes.Status503ServiceUnavailable,
                detail = string.Join("; ", failing),
                checks,
            },
            Json));
    }
}
