// Tests of the test kit itself: expectation failures, Within, time factor, AwaitAssert, EventFilter, probes.
using System.Diagnostics;
using Es.Actors.Tests.Support;

namespace Es.Actors.Tests.Testing;

public sealed class TestKitTests : TestKit.TestKit
{
    [Fact]
    public void ExpectNoMsg_Should_FailWhenAMessageArrives()
    {
        TestActor.Tell("surprise");
        var e = Assert.Throws<TestKitAssertionException>(() => ExpectNoMsg(TimeSpan.FromSeconds(1)));
        Assert.Contains("surprise", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsg_Should_FailClearlyWhenNothingArrives()
    {
        var e = Assert.Throws<TestKitAssertionException>(() => ExpectMsg<string>(TimeSpan.FromMilliseconds(50)));
        Assert.Contains("ExpectMsg<String>", e.Message, StringComparison.Ordinal);
        Assert.Contains($"no message arrived within {Dilated(TimeSpan.FromMilliseconds(50)).TotalSeconds:0.###} s", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsg_Should_FailClearlyOnAMessageOfAnotherType()
    {
        TestActor.Tell(42);
        var e = Assert.Throws<TestKitAssertionException>(() => ExpectMsg<string>());
        Assert.Contains("System.String", e.Message, StringComparison.Ordinal);
        Assert.Contains("[42] (Int32)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsg_Should_CheckEqualityAndPredicates()
    {
        TestActor.Tell("a");
        TestActor.Tell(5);
        ExpectMsg("a");
        Assert.Throws<TestKitAssertionException>(() => ExpectMsg<int>(i => i > 10, hint: "greater than 10"));
    }

    [Fact]
    public void Within_Should_FailWhenTheBlockIsTooSlow()
    {
        var e = Assert.Throws<TestKitAssertionException>(() => Within(TimeSpan.FromMilliseconds(50), () => Thread.Sleep(200)));
        Assert.Contains("more than the allowed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Within_Should_BoundInnerExpectationsByTheRemainingTime()
    {
        var start = Stopwatch.GetTimestamp();
        Assert.Throws<TestKitAssertionException>(() => Within(TimeSpan.FromMilliseconds(200), () => ExpectMsg<string>()));
        Assert.True(Stopwatch.GetElapsedTime(start) < TimeSpan.FromSeconds(2), "the 3 s default should have been cut to the 0.2 s left");
    }

    [Fact]
    public void Within_Should_PassWhenFastEnough()
    {
        var echo = ActorOf(Props.Create(() => new EchoActor()));
        var reply = Within(TimeSpan.FromSeconds(3), () =>
        {
            echo.Tell("quick");
            return ExpectMsg<string>();
        });
        Assert.Equal("quick", reply);
    }

    [Fact]
    public void TimeFactor_Should_ScaleEveryTimeout()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), new TestKitSettings(timeFactor: 2.5).Dilated(TimeSpan.FromSeconds(2)));
        using var slow = new TestKit.TestKit(systemName: "dilated", timeFactor: 4);
        Assert.Equal(TimeSpan.FromSeconds(12), slow.RemainingOrDefault);
        var start = Stopwatch.GetTimestamp();
        var e = Assert.Throws<TestKitAssertionException>(() => slow.ExpectMsg<string>(TimeSpan.FromMilliseconds(50)));
        Assert.True(Stopwatch.GetElapsedTime(start) >= TimeSpan.FromMilliseconds(190));
        Assert.Contains("time factor 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TimeFactor_Should_BeParsedFromTheEnvironmentVariableFormat()
    {
        Assert.Equal(1.0, TestKitSettings.ParseTimeFactor(null));
        Assert.Equal(1.0, TestKitSettings.ParseTimeFactor(" "));
        Assert.Equal(2.5, TestKitSettings.ParseTimeFactor("2.5"));
        Assert.Throws<ArgumentException>(() => TestKitSettings.ParseTimeFactor("fast"));
        Assert.Throws<ArgumentException>(() => TestKitSettings.ParseTimeFactor("0"));
        Assert.Equal("ES_TEST_TIMEFACTOR", TestKitSettings.TimeFactorVariable);
    }

    [Fact]
    public void AwaitAssert_Should_RetryUntilTheAssertionPasses()
    {
        var attempts = 0;
        AwaitAssert(() => Assert.True(++attempts >= 3), interval: TimeSpan.FromMilliseconds(10));
        Assert.Equal(3, attempts);
        Assert.Throws<Xunit.Sdk.FalseException>(() =>
            AwaitAssert(() => Assert.False(true), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(10)));
    }

    [Fact]
    public void AwaitCondition_Should_FailWithTheMessageAfterTheDuration()
    {
        var e = Assert.Throws<TestKitAssertionException>(() =>
            AwaitCondition(() => false, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(10), "the moon is blue"));
        Assert.Contains("the moon is blue", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EventFilter_Should_CountOccurrences()
    {
        var actor = ActorOf(Props.Create(() => new Warner()));
        EventFilter.Warning("warned", occurrences: 3).Expect(() => actor.Tell(3));
        var e = Assert.Throws<TestKitAssertionException>(() =>
            Within(TimeSpan.FromSeconds(2), () => EventFilter.Warning("warned").Expect(4, () => actor.Tell(3))));
        Assert.Contains("expected 4", e.Message, StringComparison.Ordinal);
        Assert.Contains("but 3 occurred", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EventFilter_Should_FailWhenTheExpectedExceptionIsNotLogged()
    {
        var e = Assert.Throws<TestKitAssertionException>(() =>
            Within(TimeSpan.FromMilliseconds(300), () => EventFilter.Exception<InvalidOperationException>().ExpectOne(() => { })));
        Assert.Contains("InvalidOperationException", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TestProbe_Should_ReplyAndForwardWithSenders()
    {
        var probe = CreateTestProbe();
        probe.Tell("question", TestActor);
        probe.ExpectMsg("question");
        Assert.Same(TestActor, probe.Sender);
        probe.Reply("answer");
        ExpectMsg("answer");
        Assert.Same(probe.Ref, LastSender);

        var other = CreateTestProbe();
        probe.Forward(other.Ref);
        other.ExpectMsg("question");
        Assert.Same(TestActor, other.Sender); // forwarded with the original sender
    }

    [Fact]
    public void ReceiveN_And_FishForMessage_Should_TakeMessagesInOrder()
    {
        for (var i = 0; i < 5; i++) TestActor.Tell(i);
        Assert.Equal(new object[] { 0, 1 }, ReceiveN(2));
        Assert.Equal(4, FishForMessage<int>(i => i == 4));
        Assert.Throws<TestKitAssertionException>(() => ReceiveN(1, TimeSpan.FromMilliseconds(50)));
    }

    private sealed class Warner : ReceiveActor
    {
        public Warner() => Receive<int>(n =>
        {
            for (var i = 0; i < n; i++) Context.Log.Warning($"warned {i}");
        });
    }
}
