// Pins what the serializer does with bytes it must not accept: each is refused with a SerializationException that says why, counted by reason, and logged; nothing else is thrown.
using System.Runtime.Serialization;
using Akka.Serialization;
using Es.Actors.Evolution;
using Es.Actors.Wire;

namespace Es.Actors.Tests.Wire;

public sealed class EsWireSerializerRefusalTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly EsWireSerializer _serializer;
    private readonly WireCodec _codec = new("run-a");

    public EsWireSerializerRefusalTests()
        : base(WireTestSystems.Local("run-a", maxMessageBytes: 64 * 1024)) => _serializer = EsWireSerializer.Of(Sys);

    /// <summary>Deserializes as Akka.Remote does and returns the refusal's message; fails if anything but a SerializationException comes out.</summary>
    private string Refused(byte[] bytes, string manifest)
    {
        try
        {
            Sys.Serialization.Deserialize(bytes, EsWireSerializer.SerializerId, manifest);
        }
        catch (SerializationException e)
        {
            Assert.IsType<WireException>(e.InnerException);
            return e.Message;
        }
        catch (Exception e)
        {
            Assert.Fail($"{manifest} ({bytes.Length} bytes) threw {e.GetType().Name}, not SerializationException: {e.Message}");
        }
        Assert.Fail($"{manifest} ({bytes.Length} bytes) was accepted");
        return "";
    }

    private byte[] Valid(IWireMessage message) => _serializer.ToBinary(message);

    [Fact]
    public void AMessageOfAnotherRun_Should_BeRefused_NamingBothRuns()
    {
        byte[] foreign = new WireMessageCodec(new WireCodec("run-x")).Encode(new RequestWork(4, 4));
        Assert.Equal("Refused: message from run 'run-x', this run is 'run-a'", Refused(foreign, "RequestWork"));
        Assert.Equal(1, _serializer.Refused[WireRefusal.ForeignRun]);
    }

    [Fact]
    public void AnotherProtocolVersion_Should_BeRefused()
    {
        byte[] old = _codec.Wrap(MessageKind.RequestWork, new byte[8], version: 3);
        Assert.Equal("Refused: protocol version 3, this node speaks 4", Refused(old, "RequestWork"));
        Assert.Equal(1, _serializer.Refused[WireRefusal.Version]);
    }

    [Fact]
    public void AnOversizedMessage_Should_BeRefused_BeforeItIsRead()
    {
        Assert.Contains("oversized: 80 KB > limit 64 KB", Refused(new byte[80 * 1024], "SnapshotReply"), StringComparison.Ordinal);
        Assert.Equal(1, _serializer.Refused[WireRefusal.Oversized]);
    }

    [Fact]
    public void AnUnknownManifest_Should_BeRefused()
    {
        Assert.Equal("Refused: unknown message type 'System.IO.FileInfo, System.IO'", Refused(Valid(GetSnapshot.Instance), "System.IO.FileInfo, System.IO"));
        Assert.Equal("Refused: unknown message type ''", Refused(Valid(GetSnapshot.Instance), ""));
        Assert.Equal(2, _serializer.Refused[WireRefusal.UnknownType]);
    }

    [Fact]
    public void AKindThatDiffersFromTheManifest_Should_BeRefused()
    {
        Assert.Equal("Refused: a RequestWork message where a RunEnded message was expected", Refused(Valid(new RequestWork(1, 1)), "RunEnded"));
        Assert.Equal(1, _serializer.Refused[WireRefusal.WrongKind]);
    }

    [Fact]
    public void WrongMagic_Should_BeRefusedAsMalformed()
    {
        byte[] bytes = Valid(new ReplicaState(3, false));
        bytes[0] = (byte)'X';
        Assert.StartsWith("Refused: malformed: not an EsAkka message", Refused(bytes, "ReplicaState"), StringComparison.Ordinal);
        Assert.Equal(1, _serializer.Refused[WireRefusal.Malformed]);
    }

    [Fact]
    public void EveryTruncation_Should_BeRefusedAsMalformed()
    {
        IWireMessage[] messages =
        [
            new RequestWork(1, 2), new WorkBatch([WireSamples.Task()]), new TaskResults([WireSamples.Result()]),
            new GenerationPublished(WireSamples.Generation(), 1, 2), new GetUpdates(4), new UpdatesReply([new GenerationPublished(WireSamples.Generation(), 1, 2)]),
            new SnapshotReply(WireSamples.Snapshot()), GetSnapshot.Instance, QueryReplicas.Instance, new ReplicaState(1, true), new RunEnded("done"),
            new ReturnTasks(3, 8), new TasksReturned(3, [5, 4]),
        ];
        int refusals = 0;
        foreach (IWireMessage message in messages)
        {
            byte[] bytes = Valid(message);
            string manifest = _serializer.Manifest(message);
            for (int cut = 0; cut < bytes.Length; cut++, refusals++)
                Assert.StartsWith("Refused: malformed: ", Refused(bytes[..cut], manifest), StringComparison.Ordinal);
            Assert.Equal("Refused: malformed: 1 unexpected bytes after the payload", Refused([.. bytes, 0], manifest));
            refusals++;
        }
        Assert.Equal(refusals, _serializer.Refused[WireRefusal.Malformed]);
        Assert.Equal(refusals, _serializer.Refused.Total);
    }

    [Theory]
    [InlineData("WorkBatch", int.MaxValue)]
    [InlineData("TaskResults", 100_000_000)]
    [InlineData("UpdatesReply", -1)]
    public void AHugeOrNegativeClaimedCount_Should_BeRefused_WithoutAllocatingIt(string manifest, int count)
    {
        MessageKind kind = Enum.Parse<MessageKind>(manifest);
        byte[] payload = [.. BitConverter.GetBytes(count), .. new byte[16]];
        string reason = Refused(_codec.Wrap(kind, payload), manifest);
        Assert.Contains($"length {count} does not fit in the 16 remaining bytes", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ACountAboveTheListBound_Should_BeRefusedEvenWhenTheBytesFollow()
    {
        // A list of numbers is bounded by the bytes that follow; a list of records also by MaxItems (2^20 + 1 tasks would be 27 MB).
        var codec = new WireCodec("run-a", 64 * 1024 * 1024);
        int count = WireMessageCodec.MaxItems + 1;
        byte[] bytes = codec.Wrap(MessageKind.WorkBatch, [.. BitConverter.GetBytes(count), .. new byte[count * WireCodec.TaskBytes]]);
        var e = Assert.Throws<WireException>(() => new WireMessageCodec(codec).Decode(bytes, "WorkBatch"));
        Assert.Equal($"malformed: tasks count {count} is more than {WireMessageCodec.MaxItems}", e.Message);
    }

    [Fact]
    public void InvalidFieldValues_Should_BeRefusedAsMalformed()
    {
        Assert.Contains("max is negative", Refused(_codec.Wrap(MessageKind.RequestWork, [.. BitConverter.GetBytes(-1), 0, 0, 0, 0]), "RequestWork"), StringComparison.Ordinal);
        Assert.Contains("max is negative", Refused(_codec.Wrap(MessageKind.ReturnTasks, [.. BitConverter.GetBytes(1L), .. BitConverter.GetBytes(-1)]), "ReturnTasks"), StringComparison.Ordinal);
        Assert.Contains("task is negative", Refused(_codec.Wrap(MessageKind.TasksReturned, [.. BitConverter.GetBytes(1L), .. BitConverter.GetBytes(1), .. BitConverter.GetBytes(-3)]), "TasksReturned"), StringComparison.Ordinal);
        Assert.Contains("generation is negative", Refused(_codec.Wrap(MessageKind.ReturnTasks, [.. BitConverter.GetBytes(-1L), .. BitConverter.GetBytes(1)]), "ReturnTasks"), StringComparison.Ordinal);
        Assert.Contains("from-generation is -2", Refused(_codec.Wrap(MessageKind.GetUpdates, BitConverter.GetBytes(-2L)), "GetUpdates"), StringComparison.Ordinal);
        Assert.Contains("run-ended flag is 2", Refused(_codec.Wrap(MessageKind.ReplicaState, [.. BitConverter.GetBytes(1L), 2]), "ReplicaState"), StringComparison.Ordinal);
        Assert.Contains("reason is not valid UTF-8", Refused(_codec.Wrap(MessageKind.RunEnded, [2, 0, 0, 0, 0xC3, 0x28]), "RunEnded"), StringComparison.Ordinal);
        var roomy = new WireCodec("run-a", 1 << 20);
        byte[] longReason = roomy.Wrap(MessageKind.RunEnded, [.. BitConverter.GetBytes(65537), .. new byte[65537]]);
        Assert.Equal("malformed: reason is 65537 bytes, more than 65536", Assert.Throws<WireException>(() => new WireMessageCodec(roomy).Decode(longReason, "RunEnded")).Message);
        Assert.Contains("unexpected bytes", Refused(_codec.Wrap(MessageKind.GetSnapshot, [0]), "GetSnapshot"), StringComparison.Ordinal);
    }

    [Fact]
    public void RandomGarbageAndBitFlips_Should_OnlyEverBeRefusedWithSerializationException()
    {
        var random = new Random(20230828);
        string[] manifests = WireMessageCodec.Types.Select(t => t.Manifest).ToArray();
        byte[][] valid =
        [
            Valid(new WorkBatch([WireSamples.Task(), WireSamples.Task(3, 8)])), Valid(new TaskResults([WireSamples.Result(), WireSamples.Result(withStats: false)])),
            Valid(new UpdatesReply([new GenerationPublished(WireSamples.Generation(), 1, 2)])), Valid(new SnapshotReply(WireSamples.Snapshot())),
            Valid(new RunEnded("done")), Valid(new ReplicaState(4, true)),
        ];
        for (int i = 0; i < 3000; i++)
        {
            byte[] bytes;
            if (i % 2 == 0)
            {
                bytes = new byte[random.Next(0, 300)];
                random.NextBytes(bytes);
                if (i % 4 == 0 && bytes.Length >= 4) "ESWM"u8.CopyTo(bytes);
            }
            else
            {
                bytes = (byte[])valid[random.Next(valid.Length)].Clone();
                for (int f = random.Next(1, 4); f > 0; f--) bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
            }
            string manifest = manifests[random.Next(manifests.Length)];
            try
            {
                Sys.Serialization.Deserialize(bytes, EsWireSerializer.SerializerId, manifest);
            }
            catch (SerializationException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"input {i} as {manifest} ({Convert.ToHexString(bytes)}) threw {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.True(_serializer.Refused.Total > 2500, $"only {_serializer.Refused.Total} of 3000 refused");
    }

    [Fact]
    public void ARefusal_Should_BeLoggedAsAWarning_NamingTheReasonAndTheCount()
    {
        byte[] foreign = new WireMessageCodec(new WireCodec("run-x")).Encode(GetSnapshot.Instance);
        EventFilter.Warning(contains: "message from run 'run-x', this run is 'run-a' (reason ForeignRun; 1 refused for this reason, 1 in all)").ExpectOne(() =>
            Assert.Throws<SerializationException>(() => _serializer.FromBinary(foreign, "GetSnapshot")));
        EventFilter.Warning(contains: "(reason ForeignRun; 2 refused for this reason, 2 in all)").ExpectOne(() =>
            Assert.Throws<SerializationException>(() => _serializer.FromBinary(foreign, "GetSnapshot")));
    }

    [Fact]
    public void AMessageTooLargeToSend_Should_FailWithSerializationException_CountedAndLogged()
    {
        var big = new RunEnded(new string('x', 60 * 1024));
        var bigBatch = new WorkBatch(Enumerable.Range(0, 3000).Select(i => WireSamples.Task(1, i)).ToArray());
        EventFilter.Error(contains: "Not sending a WorkBatch message: oversized").ExpectOne(() =>
        {
            var e = Assert.Throws<SerializationException>(() => _serializer.ToBinary(bigBatch));
            Assert.Contains("> limit 64 KB", e.Message, StringComparison.Ordinal);
        });
        Assert.Equal(1, _serializer.Unsent[WireRefusal.Oversized]);
        Assert.NotEmpty(_serializer.ToBinary(big));
        Assert.Throws<SerializationException>(() => _serializer.ToBinary("not a wire message"));
        Assert.Throws<SerializationException>(() => _serializer.Manifest(42));
        Assert.Equal(0, _serializer.Refused.Total);
    }
}
