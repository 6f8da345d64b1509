// Tests of the typed getters: conversions, durations, sizes, lists, and type-mismatch errors.
namespace Es.Core.Tests.Configuration.Hocon;

using Es.Core.Configuration;
using Es.Core.Configuration.Hocon;

public class HoconGetterTests
{
    private static HoconObject Parse(string text) => HoconParser.ParseString(text, "test.conf");

    [Theory]
    [InlineData("true", true)]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    [InlineData("\"true\"", true)]
    public void GetBool_AcceptsTheSpecsBooleanWords(string text, bool expected) =>
        Assert.Equal(expected, Parse("b = " + text).GetBool("b"));

    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("500 ms", 500)]
    [InlineData("2 minutes", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1.5 s", 1_500)]
    [InlineData("3 days", 259_200_000)]
    [InlineData("250", 250)]
    [InlineData("2000 us", 2)]
    [InlineData("\"1 second\"", 1_000)]
    public void GetDuration_ReadsSpecUnits_AndBareNumbersAsMilliseconds(string text, long millis) =>
        Assert.Equal(TimeSpan.FromMilliseconds(millis), Parse("d = " + text).GetDuration("d"));

    [Fact]
    public void GetDuration_Nanoseconds_KeepTickPrecision() =>
        Assert.Equal(TimeSpan.FromTicks(15), Parse("d = 1500ns").GetDuration("d"));

    [Theory]
    [InlineData("512k", 524_288L)]
    [InlineData("512K", 524_288L)]
    [InlineData("10 MiB", 10_485_760L)]
    [InlineData("32M", 33_554_432L)]
    [InlineData("1GB", 1_000_000_000L)]
    [InlineData("1 kB", 1_000L)]
    [InlineData("2 kilobytes", 2_000L)]
    [InlineData("1 Gi", 1_073_741_824L)]
    [InlineData("3 bytes", 3L)]
    [InlineData("1024", 1_024L)]
    [InlineData("1.5k", 1_536L)]
    [InlineData("2 tebibytes", 2_199_023_255_552L)]
    public void GetBytes_FollowsTheSpecsSizeTable(string text, long expected) =>
        Assert.Equal(expected, Parse("s = " + text).GetBytes("s"));

    [Fact]
    public void GetBytes_Overflow_IsAnError() =>
        Assert.Throws<ConfigException>(() => Parse("s = 100 EiB").GetBytes("s"));

    [Fact]
    public void NumberGetters_AcceptIntegralDoublesAndNumericStrings()
    {
        var root = Parse("a = 1e3\nb = \"42\"\nc = 2.0\nd = 7");
        Assert.Equal(1000, root.GetInt("a"));
        Assert.Equal(42, root.GetInt("b"));
        Assert.Equal(2L, root.GetLong("c"));
        Assert.Equal(7.0, root.GetDouble("d"));
        Assert.Equal("7", root.GetString("d"));
    }

    [Fact]
    public void Lists_ReadEachElement()
    {
        var root = Parse("i = [1, 2]\nd = [0.5, 1]\ns = [a, \"b c\", 3]");
        Assert.Equal([1, 2], root.GetIntList("i"));
        Assert.Equal([0.5, 1.0], root.GetDoubleList("d"));
        Assert.Equal(["a", "b c", "3"], root.GetStringList("s"));
    }

    [Fact]
    public void TypeMismatch_NamesPlaceKeyFoundValueAndExpectedType()
    {
        var root = Parse("es {\n  strategy {\n    sigma = abc\n  }\n}");
        var e = Assert.Throws<ConfigException>(() => root.GetDouble("es.strategy.sigma"));
        Assert.Equal("test.conf:3:13: es.strategy.sigma: expected a number, found string \"abc\"", e.Message);
        Assert.Equal(("test.conf", 3, 13, "es.strategy.sigma"), (e.File, e.Line, e.Column, e.Key));
    }

    [Fact]
    public void TypeMismatch_InListElement_PointsAtTheElement()
    {
        var e = Assert.Throws<ConfigException>(() => Parse("h = [32, big]").GetIntList("h"));
        Assert.Equal(("test.conf", 1, 10, "h[1]"), (e.File, e.Line, e.Column, e.Key));
        Assert.Contains("expected an int, found string \"big\"", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a = 1.5", "an int")]
    [InlineData("a = 3000000000", "an int (32-bit)")]
    [InlineData("a = [1]", "an int")]
    [InlineData("a = null", "an int")]
    public void GetInt_RefusesNonInts(string text, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => Parse(text).GetInt("a"));
        Assert.Contains("expected " + expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Getter_MissingPath_NamesTheKey()
    {
        var e = Assert.Throws<ConfigException>(() => Parse("a { b = 1 }").GetInt("a.c"));
        Assert.Equal("a.c", e.Key);
        Assert.Contains("missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Getter_PathThroughScalar_SaysWhatWasFound()
    {
        var e = Assert.Throws<ConfigException>(() => Parse("a = 1").GetInt("a.b"));
        Assert.Contains("found number 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetDuration_BadUnit_ExplainsTheFormat()
    {
        var e = Assert.Throws<ConfigException>(() => Parse("d = 10 parsecs").GetDuration("d"));
        Assert.Contains("expected a duration", e.Message, StringComparison.Ordinal);
    }
}
