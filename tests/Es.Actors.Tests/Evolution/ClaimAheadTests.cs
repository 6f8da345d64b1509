// Pins the claim-ahead rule: about a lookahead of work per evaluator, within its bounds, from a running mean of task times.
using Es.Actors.Evolution;

namespace Es.Actors.Tests.Evolution;

public sealed class ClaimAheadTests
{
    [Fact]
    public void ClaimAhead_Should_KeepTheInitialCount_UntilATaskTimeIsSeen()
    {
        var ahead = new ClaimAhead(8, TimeSpan.FromMilliseconds(10));
        Assert.Equal(8, ahead.PerEvaluator);
        ahead.Observe(0);
        ahead.Observe(double.NaN);
        ahead.Observe(-1);
        Assert.Equal(8, ahead.PerEvaluator);
        Assert.Equal(TimeSpan.Zero, ahead.TaskTime);
    }

    [Theory]
    [InlineData(0.000_25, 40)] // CartPole-sized tasks: 10 ms of them
    [InlineData(0.003, 4)] // ceil(10 / 3)
    [InlineData(0.000_01, ClaimAhead.Max)] // tiny tasks: capped
    [InlineData(0.1, ClaimAhead.Min)] // Humanoid-sized tasks: the one running and the next
    public void ClaimAhead_Should_HoldAboutTheLookaheadOfWork_WithinItsBounds(double taskSeconds, int expected)
    {
        var ahead = new ClaimAhead(8, TimeSpan.FromMilliseconds(10));
        ahead.Observe(taskSeconds);
        Assert.Equal(expected, ahead.PerEvaluator);
    }

    [Fact]
    public void ClaimAhead_Should_FollowARunningMean_NotTheLastTaskAlone()
    {
        var ahead = new ClaimAhead(8, TimeSpan.FromMilliseconds(10));
        for (int i = 0; i < 100; i++) ahead.Observe(0.001);
        Assert.Equal(10, ahead.PerEvaluator);
        ahead.Observe(0.1); // one slow task moves the mean by 5 % of the difference
        Assert.InRange(ahead.TaskTime.TotalSeconds, 0.0059, 0.0060);
        Assert.Equal(2, ahead.PerEvaluator);
        for (int i = 0; i < 200; i++) ahead.Observe(0.001);
        Assert.Equal(10, ahead.PerEvaluator);
    }

    [Fact]
    public void ClaimAhead_WithoutALookahead_Should_KeepItsCount()
    {
        var ahead = new ClaimAhead(3, TimeSpan.Zero);
        ahead.Observe(0.000_01);
        Assert.Equal(3, ahead.PerEvaluator);
    }

    [Fact]
    public void ClaimAhead_Should_RefuseANonPositiveCount_OrANegativeLookahead()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClaimAhead(0, TimeSpan.FromMilliseconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClaimAhead(2, TimeSpan.FromMilliseconds(-1)));
    }
}
