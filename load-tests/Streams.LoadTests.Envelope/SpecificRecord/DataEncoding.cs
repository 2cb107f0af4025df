#pragma warning disable IDE1006, CA1707
namespace io.streams;

/// <summary>The envelope's data_encoding enum as avrogen gives it.</summary>
public enum DataEncoding
{
    JSON,
    BINARY,
}
