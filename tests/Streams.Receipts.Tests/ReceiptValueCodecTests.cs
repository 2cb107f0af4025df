namespace Streams.Receipts.Tests;

public sealed class ReceiptValueCodecTests
{
    public static TheoryData<Receipt> Receipts => new()
    {
        new Receipt(ReceiptOutcome.Accepted, 1_764_756_000_123) { Partition = 3, Offset = 1234 },
        new Receipt(ReceiptOutcome.Filtered, 1) { Reason = "dropped by rule no-heartbeats" },
        new Receipt(ReceiptOutcome.Delivered, 2) { Status = 200, Attempts = 1, WebhookId = "msg_0123456789abcdef" },
        new Receipt(ReceiptOutcome.Retrying, 3)
        {
            Status = 500, Attempts = 4, WebhookId = "msg_x", Tier = "30s", NextAttemptMs = 1_764_756_030_000, Reason = "500 Internal Server Error — ünï",
        },
        new Receipt(ReceiptOutcome.DeadLettered, long.MaxValue) { Status = 0, Attempts = 0, Offset = long.MinValue, Partition = int.MaxValue },
    };

    [Theory]
    [MemberData(nameof(Receipts))]
    public void TryDecode_EncodedReceipt_RoundTripsEveryField(Receipt receipt)
    {
        // Act
        var value = ReceiptValueCodec.Encode(receipt);
        var decoded = ReceiptValueCodec.TryDecode(value, out var read);

        // Assert
        Assert.True(decoded);
        Assert.Equal(receipt, read);
    }

    [Fact]
    public void Encode_LongReason_KeepsTheFirstCharacters()
    {
        // Arrange
        var receipt = new Receipt(ReceiptOutcome.DeadLettered, 1) { Reason = new string('r', 10_000) };

        // Act
        var value = ReceiptValueCodec.Encode(receipt);
        ReceiptValueCodec.TryDecode(value, out var read);

        // Assert
        Assert.Equal(new string('r', ReceiptValueCodec.MaxReasonChars), read.Reason);
        Assert.True(value.Length < 600, $"value is {value.Length} bytes");
    }

    [Fact]
    public void Encode_DeliveredReceipt_IsSmall()
    {
        // Arrange: the commonest receipt, one per event and subscription.
        var receipt = new Receipt(ReceiptOutcome.Delivered, 1_764_756_000_123) { Status = 200, Attempts = 1, WebhookId = "msg_" + new string('a', 32) };

        // Act
        var value = ReceiptValueCodec.Encode(receipt);

        // Assert
        Assert.Equal(11 + 4 + 4 + 2 + 36, value.Length);
    }

    [Fact]
    public void TryDecode_TruncatedValue_False()
    {
        // Arrange
        var value = ReceiptValueCodec.Encode(new Receipt(ReceiptOutcome.Delivered, 1) { Status = 200, WebhookId = "msg_abc" });

        // Act / Assert
        for (var length = 0; length < value.Length; length++)
        {
            Assert.False(ReceiptValueCodec.TryDecode(value.AsSpan(0, length), out _), $"decoded {length} of {value.Length} bytes");
        }
    }

    [Theory]
    [InlineData(new byte[] { 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 99, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'1', (byte)'}', 0, 0, 0, 0 })]
    public void TryDecode_UnknownVersionOrOutcome_False(byte[] value)
    {
        // Act / Assert
        Assert.False(ReceiptValueCodec.TryDecode(value, out _));
    }
}
