using Streams.SchemaRegistry.Compatibility;
using Streams.SchemaRegistry.Storage;

namespace Streams.SchemaRegistry.Tests;

public class RegistryStateTests
{
    private static SchemaLogRecord.SchemaRecord Version(string subject, int version, int id, string schema, bool deleted = false) =>
        new SchemaLogRecord.SchemaRecord(subject, version, new SchemaVersion(subject, version, id, schema, deleted));

    [Fact]
    public void Apply_OtherSchemaUnderATakenVersion_IsRefusedAndTheFirstStays()
    {
        // Arrange
        var state = new RegistryState();
        state.Apply(Version("s", 1, 1, "\"int\""));

        // Act
        var accepted = state.Apply(Version("s", 1, 2, "\"long\""));

        // Assert
        Assert.False(accepted);
        Assert.Equal(1, state.Versions("s", includeDeleted: false).Single().Id);
    }

    [Fact]
    public void Apply_TakenIdForAnotherSchema_IsRefused()
    {
        // Arrange
        var state = new RegistryState();
        state.Apply(Version("a", 1, 1, "\"int\""));

        // Act
        var accepted = state.Apply(Version("b", 1, 1, "\"long\""));

        // Assert
        Assert.False(accepted);
        Assert.Empty(state.Versions("b", includeDeleted: true));
    }

    [Fact]
    public void Apply_SoftDeleteThenTombstone_HidesThenRemovesButKeepsTheId()
    {
        // Arrange
        var state = new RegistryState();
        state.Apply(Version("s", 1, 1, "\"int\""));

        // Act
        state.Apply(Version("s", 1, 1, "\"int\"", deleted: true));
        var afterSoft = (state.Versions("s", includeDeleted: false).Count, state.Versions("s", includeDeleted: true).Count);
        state.Apply(new SchemaLogRecord.SchemaRecord("s", 1, null));

        // Assert
        Assert.Equal((0, 1), afterSoft);
        Assert.Empty(state.Versions("s", includeDeleted: true));
        Assert.True(state.TryGetSchema(1, out _));
        Assert.Equal(2, state.NextId());
    }

    [Fact]
    public void Apply_ConfigRecords_SetAndRemoveLevels()
    {
        // Arrange
        var state = new RegistryState();

        // Act
        state.Apply(new SchemaLogRecord.ConfigRecord(null, CompatibilityLevel.Full));
        state.Apply(new SchemaLogRecord.ConfigRecord("s", CompatibilityLevel.None));
        var subjectLevel = state.EffectiveLevel("s");
        state.Apply(new SchemaLogRecord.ConfigRecord("s", null));

        // Assert
        Assert.Equal(CompatibilityLevel.None, subjectLevel);
        Assert.Equal(CompatibilityLevel.Full, state.EffectiveLevel("s"));
    }

    [Fact]
    public void ReadWrite_LogFormat_RoundTripsConfluentLayout()
    {
        // Arrange
        var entry = new SchemaVersion("s", 3, 7, "\"string\"", Deleted: true);

        // Act
        var record = SchemaLogFormat.Read(SchemaLogFormat.SchemaKey("s", 3), SchemaLogFormat.SchemaValue(entry));
        var config = SchemaLogFormat.Read(SchemaLogFormat.ConfigKey(null), SchemaLogFormat.ConfigValue(CompatibilityLevel.ForwardTransitive));
        var noop = SchemaLogFormat.Read("""{"keytype":"NOOP","magic":0}"""u8.ToArray(), null);

        // Assert
        Assert.Equal(new SchemaLogRecord.SchemaRecord("s", 3, entry), record);
        Assert.Equal(new SchemaLogRecord.ConfigRecord(null, CompatibilityLevel.ForwardTransitive), config);
        Assert.Null(noop);
        Assert.Equal("""{"keytype":"SCHEMA","subject":"s","version":3,"magic":1}""", System.Text.Encoding.UTF8.GetString(SchemaLogFormat.SchemaKey("s", 3)));
    }
}
