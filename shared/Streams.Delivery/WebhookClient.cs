using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Streams.Delivery;

/// <summary>
/// Sends one webhook request and classifies the answer. One pooled, keep-alive connection set per
/// process: the handler is shared across subscriptions and long-lived.
/// </summary>
public sealed class WebhookClient(HttpClient http, TimeProvider clock)
{
    private static readonly MediaTypeHeaderValue BatchMediaType = new("application/cloudevents-batch+json");

    /// <summary>POSTs <paramref name="body"/> to <paramref name="url"/> with the Standard Webhooks headers.</summary>
    public async Task<DeliveryOutcome> SendAsync(
        Uri url,
        string messageId,
        WebhookSigner? signer,
        byte[] body,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = BatchMediaType;
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (signer is not null)
        {
            request.Headers.Add("webhook-signature", signer.Sign(messageId, timestamp, body));
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            return AnswerClassifier.Classify(response.StatusCode, response.Headers.RetryAfter, clock.GetUtcNow());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return AnswerClassifier.NoAnswer($"no answer within {timeout.TotalMilliseconds:0} ms");
        }
        catch (HttpRequestException exception)
        {
            var reason = exception.InnerException is SocketException socket ? $"connection error: {socket.SocketErrorCode}" : $"connection error: {exception.Message}";
            return AnswerClassifier.NoAnswer(reason);
        }
    }
}
