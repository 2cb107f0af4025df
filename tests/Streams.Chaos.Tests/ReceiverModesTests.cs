using Microsoft.AspNetCore.Http;

namespace Streams.Chaos.Tests;

public sealed class ReceiverModesTests
{
    [Fact]
    public async Task Flaky_ThreeAttemptsOfOneBatchAndOneOfAnother_500Twice200ThenAFresh500()
    {
        // Arrange
        var gate = ReceiverModes.Flaky(failures: 2);

        // Act
        var answers = new List<int?>();
        foreach (var batch in new[] { "msg_a", "msg_a", "msg_a", "msg_b" })
        {
            answers.Add(StatusOf(await gate(Request(batch))));
        }

        // Assert: null lets the receiver record the events and answer 200.
        Assert.Equal([500, 500, null, 500], answers);
    }

    [Fact]
    public async Task Status_429WithRetryAfter_SetsTheHeaderInSeconds()
    {
        var request = Request("msg_a");

        var answer = await ReceiverModes.Status(429, TimeSpan.FromSeconds(1))(request);

        Assert.Equal(429, StatusOf(answer));
        Assert.Equal("1", request.HttpContext.Response.Headers.RetryAfter.ToString());
    }

    private static HttpRequest Request(string webhookId)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["webhook-id"] = webhookId;
        return context.Request;
    }

    private static int? StatusOf(IResult? result) => result is null ? null : ((IStatusCodeHttpResult)result).StatusCode;
}
