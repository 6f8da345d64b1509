// Pins the wire format: every message round-trips bit for bit, and every kind of bad input is refused as a WireException that says why.
using Es.Actors.Wire;
using Es.Core.Strategies;
using Es.Core.Evaluation;

namespace Es.Actors.Tests.Wire;

public sealed class WireCodecTests
{
    private readonly WireCodec _codec = new("run-a");

    [Fact]
    public void MessageKinds_Should_KeepTheirWireValues()
    {
        // Values are written on the wire: a renumbered kind would be read as another message by an older node.
        byte[] values = Enum.GetValues<MessageKind>().Select(k => (byte)k).ToArray();
        Assert.Equal(Enumerable.Range(1, 17).Select(v => (byte)v), values);
        Assert.Equal(4, (byte)MessageKind.Snapshot);
        Assert.Equal(6, (byte)MessageKind.RequestWork);
        Assert.Equal(15, (byte)MessageKind.RunEnded);
        Assert.Equal(17, (byte)MessageKind.TasksReturned);
    }

    [Fact]
    public void Task_Should_RoundTrip()
    {
        EvaluationTask task = WireSamples.Task();
        Assert.Equal(task, _codec.DecodeTask(_codec.EncodeTask(task)));
        // Evaluation episodes of θ carry no noise index (−1), exactly as Learner.Tasks makes them.
        EvaluationTask evaluate = task with { CollectStatistics = false, Kind = TaskKind.Evaluate, EnvironmentSeed = ulong.MaxValue, NoiseIndex = -1 };
        Assert.Equal(evaluate, _codec.DecodeTask(_codec.EncodeTask(evaluate)));
    }

    [Fact]
    public void TrainingTask_WithANegativeNoiseIndex_IsRefused()
    {
        byte[] bytes = _codec.EncodeTask(WireSamples.Task() with { NoiseIndex = -1 });
        Assert.Contains("noise index", Assert.Throws<WireException>(() => _codec.DecodeTask(bytes)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Result_Should_RoundTripBitExact_KeepingNaNFitnessStatisticsAndRetries(bool withStats)
    {
        TaskResult result = WireSamples.Result(withStats: withStats);
        TaskResult decoded = _codec.DecodeResult(_codec.EncodeResult(result));
        WireSamples.AssertSame(result, decoded);
        Assert.True(double.IsNaN(decoded.FitnessNegative));
        Assert.Equal(2, decoded.Retries);
    }

    [Fact]
    public void Result_Should_KeepTheExactNaNPayloadAndInfinities()
    {
        double oddNaN = BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8_0000_0000_1234UL));
        TaskResult result = WireSamples.Result() with { FitnessPositive = oddNaN, FitnessNegative = double.NegativeInfinity };
        WireSamples.AssertSame(result, _codec.DecodeResult(_codec.EncodeResult(result)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Generation_Should_RoundTripBitExact(bool withStats)
    {
        var update = WireSamples.Generation(withStats: withStats);
        WireSamples.AssertSame(update, _codec.DecodeGeneration(_codec.EncodeGeneration(update)));
    }

    [Fact]
    public void FitnessUpdate_Should_RoundTripBitExact()
    {
        var update = WireSamples.Generation() with { Strategy = new FitnessUpdate(3, [0, 2, 5], [1.5, -0.0, 1e-310, 2, 3, double.MaxValue]) };
        WireSamples.AssertSame(update, _codec.DecodeGeneration(_codec.EncodeGeneration(update)));
    }

    [Fact]
    public void FitnessUpdate_WhoseFitnessCountIsNotAMultipleOfTheTasks_IsRefused()
    {
        var update = WireSamples.Generation() with { Strategy = new FitnessUpdate(3, [0, 2], [1.5, 2, 3]) };
        var e = Assert.Throws<WireException>(() => _codec.DecodeGeneration(_codec.EncodeGeneration(update)));
        Assert.Equal("malformed: 3 fitnesses for 2 tasks", e.Message);
    }

    [Fact]
    public void Snapshot_Should_RoundTrip()
    {
        var snapshot = WireSamples.Snapshot();
        WireSamples.AssertSame(snapshot, _codec.DecodeSnapshot(_codec.EncodeSnapshot(snapshot)));
    }

    [Fact]
    public void Decode_Should_RefuseAMessageOfAnotherRun_NamingBothRuns()
    {
        byte[] bytes = new WireCodec("run-x").EncodeTask(WireSamples.Task());
        var e = Assert.Throws<WireException>(() => _codec.DecodeTask(bytes));
        Assert.Equal(WireRefusal.ForeignRun, e.Reason);
        Assert.Equal("message from run 'run-x', this run is 'run-a'", e.Message);
    }

    [Fact]
    public void Decode_Should_RefuseAnotherProtocolVersion()
    {
        byte[] bytes = _codec.Wrap(MessageKind.Task, new byte[26], version: 3);
        var e = Assert.Throws<WireException>(() => _codec.DecodeTask(bytes));
        Assert.Equal(WireRefusal.Version, e.Reason);
        Assert.Equal("protocol version 3, this node speaks 4", e.Message);
    }

    [Fact]
    public void Decode_Should_RefuseAnOversizedMessage_BeforeLookingInside()
    {
        var big = new byte[20 * 1024 * 1024];
        var e = Assert.Throws<WireException>(() => _codec.DecodeSnapshot(big));
        Assert.Equal(WireRefusal.Oversized, e.Reason);
        Assert.Equal("oversized: 20 MB > limit 16 MB", e.Message);
    }

    [Fact]
    public void Limit_Should_BeASetting_AndApplyToEncodingToo()
    {
        var small = new WireCodec("run-a", maxMessageBytes: 100);
        var e = Assert.Throws<WireException>(() => small.EncodeGeneration(WireSamples.Generation()));
        Assert.Equal(WireRefusal.Oversized, e.Reason);
        Assert.Contains("> limit 100 bytes", e.Message);
        byte[] bytes = _codec.EncodeGeneration(WireSamples.Generation());
        Assert.Equal(WireRefusal.Oversized, Assert.Throws<WireException>(() => small.DecodeGeneration(bytes)).Reason);
    }

    [Fact]
    public void Decode_Should_RefuseAnotherMessageKind()
    {
        byte[] bytes = _codec.EncodeResult(WireSamples.Result());
        var e = Assert.Throws<WireException>(() => _codec.DecodeTask(bytes));
        Assert.Equal(WireRefusal.WrongKind, e.Reason);
        Assert.Equal("a Result message where a Task message was expected", e.Message);
    }

    [Fact]
    public void Decode_Should_RefuseEveryTruncationAndTrailingBytes_AsMalformed()
    {
        var encoded = new (string Kind, byte[] Bytes, Action<byte[]> Decode)[]
        {
            ("task", _codec.EncodeTask(WireSamples.Task()), b => _codec.DecodeTask(b)),
            ("result", _codec.EncodeResult(WireSamples.Result()), b => _codec.DecodeResult(b)),
            ("generation", _codec.EncodeGeneration(WireSamples.Generation()), b => _codec.DecodeGeneration(b)),
            ("snapshot", _codec.EncodeSnapshot(WireSamples.Snapshot()), b => _codec.DecodeSnapshot(b)),
        };
        foreach (var (kind, bytes, decode) in encoded)
        {
            for (int cut = 0; cut < bytes.Length; cut++)
            {
                var e = Assert.Throws<WireException>(() => decode(bytes[..cut]));
                Assert.True(e.Reason == WireRefusal.Malformed, $"{kind} cut at {cut}: {e.Reason} {e.Message}");
                Assert.StartsWith("malformed: ", e.Message);
            }
            var trailing = Assert.Throws<WireException>(() => decode([.. bytes, 0]));
            Assert.Equal("malformed: 1 unexpected bytes after the payload", trailing.Message);
        }
    }

    [Fact]
    public void Decode_Should_RefuseAPayloadWhoseFieldsDoNotAddUp()
    {
        // A valid envelope around a task payload one byte short: the envelope is fine, the payload is not.
        byte[] payload = new byte[25];
        var e = Assert.Throws<WireException>(() => _codec.DecodeTask(_codec.Wrap(MessageKind.Task, payload)));
        Assert.Equal(WireRefusal.Malformed, e.Reason);
        Assert.Contains("truncated at task kind", e.Message);

        byte[] badFlag = new byte[26];
        badFlag[24] = 7;
        Assert.Contains("collect-statistics flag is 7", Assert.Throws<WireException>(() => _codec.DecodeTask(_codec.Wrap(MessageKind.Task, badFlag))).Message);
    }

    [Fact]
    public void Decode_Should_RefuseACorruptedSnapshot_ThroughTheCheckpointChecksum()
    {
        byte[] bytes = _codec.EncodeSnapshot(WireSamples.Snapshot());
        bytes[^40] ^= 0x10;
        var e = Assert.Throws<WireException>(() => _codec.DecodeSnapshot(bytes));
        Assert.Equal(WireRefusal.Malformed, e.Reason);
        Assert.Contains("checksum", e.Message);
    }

    [Fact]
    public void Decode_Should_ThrowOnlyWireException_ForRandomGarbageAndBitFlips()
    {
        var random = new Random(12345);
        var valid = new[]
        {
            _codec.EncodeTask(WireSamples.Task()),
            _codec.EncodeResult(WireSamples.Result()),
            _codec.EncodeGeneration(WireSamples.Generation()),
            _codec.EncodeSnapshot(WireSamples.Snapshot()),
        };
        var decoders = new Action<byte[]>[]
        {
            b => _codec.DecodeTask(b), b => _codec.DecodeResult(b), b => _codec.DecodeGeneration(b),
            b => _codec.DecodeSnapshot(b),
        };
        for (int i = 0; i < 4000; i++)
        {
            byte[] bytes;
            if (i % 2 == 0)
            {
                bytes = new byte[random.Next(0, 300)];
                random.NextBytes(bytes);
                if (i % 4 == 0 && bytes.Length >= 4) "ESWM"u8.CopyTo(bytes); // get past the magic sometimes
            }
            else
            {
                // A valid message with a few bytes flipped: reaches deep into the payload readers.
                bytes = (byte[])valid[random.Next(valid.Length)].Clone();
                for (int f = random.Next(1, 4); f > 0; f--) bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
            }
            foreach (Action<byte[]> decode in decoders)
            {
                try
                {
                    decode(bytes);
                }
                catch (WireException)
                {
                }
                catch (Exception e)
                {
                    Assert.Fail($"input {i} ({Convert.ToHexString(bytes)}) threw {e.GetType().Name}: {e.Message}");
                }
            }
        }
    }
}
