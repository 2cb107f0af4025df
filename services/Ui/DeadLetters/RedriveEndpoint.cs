using System.Text.Json;
using Confluent.Kafka;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Streams.Delivery;
using Streams.Operations;

namespace Streams.Ui.DeadLetters;

/// <summary>
/// <c>POST /ui/api/deadletters/redrive</c>. A state change, so it takes only a JSON body with the page's own header
/// (<see cref="RequestedByHeader"/>): a cross-site form cannot send either without a CORS preflight, which nothing here
/// answers. With <c>Streams:Ui:RequireApiKey</c> it also takes an operator key.
/// </summary>
internal static partial class RedriveEndpoint
{
    /// <summary>The header the page sends with every state change.</summary>
    public const string RequestedByHeader = "X-Requested-By";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<IResult> HandleAsync(
        HttpRequest request,
        OperatorKeys keys,
        SubscriptionEndpoints subscriptions,
        DeadLetterTopic deadLetters,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) || !mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"A redrive takes Content-Type: application/json, was '{request.ContentType}'.");
        }

        if (string.IsNullOrEmpty(request.Headers[RequestedByHeader]))
        {
            return Problem(StatusCodes.Status400BadRequest, "Missing header", $"A redrive needs the {RequestedByHeader} header the page sends.");
        }

        var operatorName = keys.Authenticate(request.Headers[HeaderNames.Authorization]);
        if (operatorName is null)
        {
            return Problem(StatusCodes.Status401Unauthorized, "Operator key required", "Present an operator key (Authorization: Bearer KEY) configured in Streams:Ui:OperatorKeys.");
        }

        RedriveRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<RedriveRequest>(request.Body, Json, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid redrive request", "The body is not the JSON expected: " + exception.Message);
        }

        var (filter, error) = RedriveValidation.Validate(body, [.. subscriptions.All.Select(endpoint => endpoint.Name)]);
        if (filter is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid redrive request", error!);
        }

        long redriven, skipped;
        try
        {
            (redriven, skipped) = await deadLetters.RedriveAsync(filter, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperatorException or KafkaException)
        {
            return Problem(StatusCodes.Status503ServiceUnavailable, "Redrive failed", exception.Message);
        }

        LogRedriven(loggers.CreateLogger("Streams.Ui.Redrive"), operatorName, redriven, filter.Subscription, filter.Reason ?? "(any)", skipped);
        return Results.Ok(new { redriven, alreadyRedriven = skipped, topic = deadLetters.RedriveTopic });
    }

    private static IResult Problem(int status, string title, string detail) => Results.Problem(title: title, detail: detail, statusCode: status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SRE page: {Operator} redrove {Redriven} dead letter(s) of {Subscription} (reason {Reason}); {Skipped} were redriven before")]
    private static partial void LogRedriven(ILogger logger, string @operator, long redriven, string subscription, string reason, long skipped);
}
