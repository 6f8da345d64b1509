// Tests that syntax errors point at the exact line and column of the offending token.
namespace Es.Core.Tests.Configuration.Hocon;

using Es.Core.Configuration;
using Es.Core.Configuration.Hocon;

public class HoconSyntaxErrorTests
{
    [Theory]
    [InlineData("a = 1\nb 2", 2, 3, "expected ':', '=', '+=' or '{'")]
    [InlineData("a = [1, 2", 1, 10, "never closed")]
    [InlineData("a {\n  b = 1\n", 3, 1, "the '{' at line 1, column 3 is never closed")]
    [InlineData("a = 1 }", 1, 7, "unexpected '}'")]
    [InlineData("a = \"abc\nb = 1", 1, 5, "unterminated string")]
    [InlineData("a = \"bad \\q escape\"", 1, 10, "invalid escape")]
    [InlineData("a = 1,,\nb = 2", 1, 7, "unexpected ','")]
    [InlineData("a = [1,, 2]", 1, 8, "unexpected ','")]
    [InlineData("a = \n", 1, 5, "expected a value")]
    [InlineData("  = 1", 1, 3, "expected a key")]
    [InlineData("a. = 1", 1, 3, "cannot end with '.'")]
    [InlineData("a..b = 1", 1, 3, "empty key")]
    [InlineData("a = ${b", 1, 8, "expected '}' to close the substitution")]
    [InlineData("x {\n  a = 1 b = 2\n}", 2, 11, "unexpected '='")]
    [InlineData("a = { b = 1 } c", 1, 15, "cannot concatenate an object")]
    [InlineData("a = \"\"\"open", 1, 5, "unterminated triple-quoted string")]
    [InlineData("[1, 2]", 1, 1, "must be an object")]
    [InlineData("{ a = 1 } b = 2", 1, 11, "after the closing '}'")]
    [InlineData("include url(\"http://x\")", 1, 1, "only include")]
    public void Syntax_Error_PointsAtTheOffendingToken(string text, int line, int column, string reason)
    {
        var e = Assert.Throws<ConfigException>(() => HoconParser.ParseString(text, "bad.conf"));
        Assert.True(
            e.File == "bad.conf" && e.Line == line && e.Column == column && e.Reason.Contains(reason, StringComparison.Ordinal),
            $"expected bad.conf:{line}:{column} with a reason containing \"{reason}\", got: {e.Message}");
        Assert.StartsWith($"bad.conf:{line}:{column}: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AnyTruncation_FailsOnlyWithConfigException()
    {
        string text = Es.Core.Configuration.SettingsSchema.ReferenceText
            + "\na = \"\"\"x\"\"\" ${?b} [1, {c = ${a}}] \"\\u00e9\\n\"\ninclude required(file(\"missing\"))\nd += 1e+5";
        for (int length = 0; length < text.Length; length++)
        {
            try
            {
                HoconParser.ParseString(text[..length], "cut.conf");
            }
            catch (ConfigException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"truncating the text to {length} characters threw {e.GetType().Name} instead of ConfigException: {e.Message}");
            }
        }
    }

    [Fact]
    public void Syntax_ErrorAfterKey_NamesTheKey()
    {
        var e = Assert.Throws<ConfigException>(() => HoconParser.ParseString("es {\n  strategy.sigma 0.1\n}", "x.conf"));
        Assert.Equal("es.strategy.sigma", e.Key);
        Assert.StartsWith("x.conf:2:18: es.strategy.sigma: ", e.Message, StringComparison.Ordinal);
    }
}
