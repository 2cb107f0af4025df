using System.Text;
using Streams.Kafka;

namespace Streams.Receipts.Tests;

public sealed class ReceiptKeyTests
{
    [Theory]
    [InlineData("accepted", "/tests/a", "e-1")]
    [InlineData("subscription:shop", "/ünï/x", "中")]
    public void Identity_AnyStage_IsTheEventIdentityOfSourceAndId(string stage, string source, string id)
    {
        // Arrange
        var key = ReceiptKey.Encode(stage, source, id);

        // Act
        var identity = ReceiptKey.Identity(key);
        var read = ReceiptKey.TryRead(key, out var readStage, out var readIdentity);

        // Assert
        Assert.Equal(EventIdentity.Of(source, id), identity);
        Assert.True(read);
        Assert.Equal(stage, Encoding.UTF8.GetString(readStage));
        Assert.Equal(identity, readIdentity);
    }

    [Fact]
    public void Encode_TwoStagesOfOneEvent_DifferentKeysSameIdentity()
    {
        // Arrange / Act
        var accepted = ReceiptKey.Encode(ReceiptStages.Accepted, "/s", "1");
        var delivered = ReceiptKey.Encode(ReceiptStages.Subscription("shop"), "/s", "1");

        // Assert: compaction keeps both (keys differ); one partition holds both (identities agree).
        Assert.NotEqual(accepted, delivered);
        Assert.Equal(ReceiptKey.Identity(accepted), ReceiptKey.Identity(delivered));
    }

    [Theory]
    [InlineData("")]
    [InlineData("accepted")]
    [InlineData("accepted\u001fonly-a-source")]
    [InlineData("\u001fsource\u001fid")]
    public void TryRead_NotAReceiptKey_False(string key)
    {
        // Act
        var read = ReceiptKey.TryRead(Encoding.UTF8.GetBytes(key), out _, out _);

        // Assert
        Assert.False(read);
    }
}
