// The report is one file that needs nothing from the network and carries every run's rows.
using System.Text.Json;
using System.Text.RegularExpressions;
using Es.Viz.Report;

namespace Es.Viz.Tests.Report;

public sealed partial class ReportPageTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Html_LoadsNothingFromOutsideTheFile()
    {
        SyntheticRun.Create(_temp.Combine("run"), 4);
        string html = ReportPage.Html([MetricsFile.Read(_temp.Combine("run"))]);
        // No external script, style, image or frame: every src/href would have to point somewhere.
        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.Contains("EsViz.draw(", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_EmbedsEveryRowOfEveryRun()
    {
        SyntheticRun.Create(_temp.Combine("a"), 4);
        SyntheticRun.Create(_temp.Combine("b"), 9);
        string html = ReportPage.Html([MetricsFile.Read(_temp.Combine("a")), MetricsFile.Read(_temp.Combine("b"))]);
        Match data = EmbeddedData().Match(html);
        Assert.True(data.Success, "no <script id=\"es-data\"> in the report");
        using var doc = JsonDocument.Parse(data.Groups[1].Value);
        var runs = doc.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(["a", "b"], runs.Select(r => r.GetProperty("name").GetString()));
        Assert.Equal([4, 9], runs.Select(r => r.GetProperty("rows").GetArrayLength()));
    }

    [Fact]
    public void Html_CannotBeBrokenByARunNamedLikeAClosingScriptTag()
    {
        SyntheticRun.Create(_temp.Combine("x</script><b>"), 2);
        string html = ReportPage.Html([MetricsFile.Read(_temp.Combine("x</script><b>"))]);
        Assert.Equal(3, ScriptClose().Count(html));
    }

    [Fact]
    public void Write_RefusesAnOutputThatIsADirectory()
    {
        SyntheticRun.Create(_temp.Combine("run"), 2);
        var e = Assert.Throws<VizInputException>(() => ReportPage.Write([_temp.Combine("run")], _temp.Path));
        Assert.Contains("is a directory", e.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(src|href)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex(@"<script type=""application/json"" id=""es-data"">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex EmbeddedData();

    [GeneratedRegex("</script>")]
    private static partial Regex ScriptClose();
}
