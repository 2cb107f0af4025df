using Streams.Hosting;

namespace Streams.Logging;

/// <summary>Rejects OTLP export settings it cannot run with, naming the setting.</summary>
public sealed class StreamsTelemetryExportOptionsValidator() : SectionValidator<StreamsTelemetryExportOptions>(StreamsTelemetryExportOptions.SectionName)
{
    /// <inheritdoc />
    protected override void Check(StreamsTelemetryExportOptions options, SettingErrors errors)
    {
        if (options.OtlpEndpoint.Length > 0)
        {
            errors.HttpUrl(nameof(options.OtlpEndpoint), options.OtlpEndpoint);
        }

        errors.Require(options.OtlpProtocol is "grpc" or "http", nameof(options.OtlpProtocol), $"must be 'grpc' or 'http', was '{options.OtlpProtocol}'.");
        errors.Require(
            options.TraceSampleRatio is >= 0 and <= 1,
            nameof(options.TraceSampleRatio),
            $"must be between 0 and 1, was {options.TraceSampleRatio}.");
        errors.Require(!string.IsNullOrWhiteSpace(options.ServiceName), nameof(options.ServiceName), "is required.");
    }
}
