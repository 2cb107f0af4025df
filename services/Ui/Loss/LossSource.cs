using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streams.Auditor;
using Streams.Auditor.Loss;

namespace Streams.Ui.Loss;

/// <summary>
/// The auditor's loss table for the page: read from the ledger in-process when the auditor role runs here, else from
/// <c>GET /v1/loss</c> at <see cref="UiOptions.AuditorUrl"/>.
/// </summary>
internal sealed class LossSource(IServiceProvider services, IHttpClientFactory clients, IOptions<UiOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Range = TimeSpan.FromHours(1);

    public async Task<IResult> LastHourAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (services.GetService<AuditLedger>() is { } ledger)
        {
            var auditor = services.GetRequiredService<IOptions<AuditorOptions>>().Value;
            return Results.Ok(LossReport.Create(ledger, auditor, now, now - Range, now));
        }

        if (options.Value.AuditorUrl.Length == 0)
        {
            return Results.Problem(
                title: "No auditor",
                detail: $"The auditor role does not run in this process; set {UiOptions.SectionName}:AuditorUrl to an auditor's address.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var from = (now - Range).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var to = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var url = new Uri(new Uri(options.Value.AuditorUrl), $"/v1/loss?from={from}&to={to}");
        try
        {
            using var answer = await clients.CreateClient(nameof(LossSource)).GetAsync(url, cancellationToken).ConfigureAwait(false);
            var body = await answer.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return answer.IsSuccessStatusCode
                ? Results.Content(body, "application/json")
                : Results.Problem(title: "The auditor refused", detail: $"{url} answered {(int)answer.StatusCode}: {body}", statusCode: StatusCodes.Status502BadGateway);
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Results.Problem(title: "The auditor did not answer", detail: $"{url}: {exception.Message}", statusCode: StatusCodes.Status502BadGateway);
        }
    }
}
