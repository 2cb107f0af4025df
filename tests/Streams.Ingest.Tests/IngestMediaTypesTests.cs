namespace Streams.Ingest.Tests;

public sealed class IngestMediaTypesTests
{
    [Theory]
    [InlineData("application/cloudevents-batch+json", IngestMediaType.Batch)]
    [InlineData("application/json", IngestMediaType.Batch)]
    [InlineData("Application/JSON; charset=utf-8", IngestMediaType.Batch)]
    [InlineData("application/cloudevents+json", IngestMediaType.SingleEvent)]
    [InlineData("application/cloudevents+json; charset=UTF-8", IngestMediaType.SingleEvent)]
    public void Classify_AcceptedTypes_GiveTheBodyShape(string contentType, IngestMediaType expected)
    {
        // Act / Assert
        Assert.Equal(expected, IngestMediaTypes.Classify(contentType));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("text/plain")]
    [InlineData("application/json; charset=latin1")]
    [InlineData("application/cloudevents")]
    public void Classify_OtherTypes_AreRefused(string? contentType)
    {
        // Act / Assert
        Assert.Null(IngestMediaTypes.Classify(contentType));
    }
}
