// Pins the actor tests' time factor: ES_TEST_TIMEFACTOR becomes akka.test.timefactor, and a bad value is refused rather than ignored.
namespace Es.Actors.Tests.Support;

public sealed class ActorTestTests : ActorTest
{
    [Theory]
    [InlineData(null, 1.0)]
    [InlineData("", 1.0)]
    [InlineData("2.5", 2.5)]
    public void TheTimeFactor_Should_ComeFromTheVariable(string? variable, double expected) =>
        Assert.Equal(expected, ActorTest.Configuration(variable).GetDouble("akka.test.timefactor"));

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("fast")]
    public void ABadTimeFactor_Should_BeRefused(string variable) =>
        Assert.Contains(TimeFactorVariable, Assert.Throws<ArgumentException>(() => ActorTest.Configuration(variable)).Message, StringComparison.Ordinal);

    [Fact]
    public void TheTestKit_Should_DilateTimeoutsByTheFactorOfThisRun()
    {
        double factor = ActorTest.Configuration(Environment.GetEnvironmentVariable(TimeFactorVariable)).GetDouble("akka.test.timefactor");
        Assert.Equal(TimeSpan.FromSeconds(factor), Dilated(TimeSpan.FromSeconds(1)));
    }
}
