using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Streams.IntegrationTests.Infrastructure;

namespace Streams.LoadTest.Tests;

public sealed class LoadReceiverTests
{
    [Fact]
    public async Task AnswerWith_AGateThatRefusesThenNone_RefusedEventsUnrecordedThenRecorded()
    {
        // Arrange
        var listen = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await using var receiver = await LoadReceiver.StartAsync(listen, CancellationToken.None);
        var ids = new LoadEventIds("gate");
        var run = new RunUnderTest(ids, new EventLedger(2, 5), new RunClock());
        receiver.RecordInto(run);
        using var http = new HttpClient { BaseAddress = listen };

        // Act
        receiver.AnswerWith(_ => ValueTask.FromResult<IResult?>(Results.StatusCode(StatusCodes.Status503ServiceUnavailable)));
        using var refused = await http.PostAsync(new Uri("hook", UriKind.Relative), Batch(ids, 0));
        receiver.AnswerWith(null);
        using var accepted = await http.PostAsync(new Uri("hook", UriKind.Relative), Batch(ids, 1));

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(0, run.Ledger.ReceiptsOf(0));
        Assert.Equal(1, run.Ledger.ReceiptsOf(1));
    }

    private static StringContent Batch(LoadEventIds ids, long sequence) =>
        new($$"""[{"id":"{{ids.IdOf(sequence)}}","time":"2026-12-03T15:00:00Z"}]""", Encoding.UTF8, "application/json");
}
