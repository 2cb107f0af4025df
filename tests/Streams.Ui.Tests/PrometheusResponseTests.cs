using Streams.Ui.Prometheus;

namespace Streams.Ui.Tests;

/// <summary>The JSON of Prometheus's query API, as its documentation and Prometheus 2.42 write it.</summary>
public sealed class PrometheusResponseTests
{
    [Fact]
    public void Parse_Matrix_GivesEachSeriesLabelsAndSamplesWithNaNAndInfinities()
    {
        // Arrange
        const string Body = """
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{"hop":"egress"},"values":[[1764756000,"0.015"],[1764756015,"NaN"],[1764756030.000,"+Inf"]]},
              {"metric":{},"values":[[1764756000,"-Inf"]]}]}}
            """;

        // Act
        var answer = PrometheusResponse.Parse(Body);

        // Assert
        Assert.Null(answer.Error);
        Assert.Equal(2, answer.Series.Count);
        Assert.Equal("egress", answer.Series[0].Label("hop"));
        Assert.Equal([(1764756000L, 0.015), (1764756015L, double.NaN), (1764756030L, double.PositiveInfinity)], answer.Series[0].Samples);
        Assert.Equal("", answer.Series[1].Label("hop"));
        Assert.Equal([(1764756000L, double.NegativeInfinity)], answer.Series[1].Samples);
    }

    [Fact]
    public void Parse_Vector_GivesOneSamplePerSeries()
    {
        // Arrange
        const string Body = """
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"outcome":"delivered","subscription":"shop"},"value":[1764756000.123,"20"]}]}}
            """;

        // Act
        var series = Assert.Single(PrometheusResponse.Parse(Body).Series);

        // Assert
        Assert.Equal(new Dictionary<string, string> { ["outcome"] = "delivered", ["subscription"] = "shop" }, series.Labels);
        Assert.Equal([(1764756000L, 20.0)], series.Samples);
    }

    [Fact]
    public void Parse_ErrorBody_GivesTheErrorTypeAndMessage()
    {
        // Arrange: what Prometheus answers a query it cannot parse.
        const string Body = """{"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:6: parse error: unexpected \")\""}""";

        // Act
        var answer = PrometheusResponse.Parse(Body);

        // Assert
        Assert.Empty(answer.Series);
        Assert.Equal("bad_data: invalid parameter \"query\": 1:6: parse error: unexpected \")\"", answer.Error);
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("""{"status":"success","data":{"resultType":"scalar","result":[1764756000,"1"]}}""")]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":"1"}]}}""")]
    [InlineData("""{"data":[]}""")]
    public void Parse_NotAVectorOrMatrix_GivesAnErrorInsteadOfThrowing(string body)
    {
        // Act
        var answer = PrometheusResponse.Parse(body);

        // Assert
        Assert.Empty(answer.Series);
        Assert.NotNull(answer.Error);
    }
}
