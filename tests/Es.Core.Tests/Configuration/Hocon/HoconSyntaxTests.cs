// Tests of HOCON syntax: objects, separators, keys, arrays, strings, comments, concatenation, merging.
namespace Es.Core.Tests.Configuration.Hocon;

using Es.Core.Configuration.Hocon;

public class HoconSyntaxTests
{
    private static HoconObject Parse(string text) => HoconParser.ParseString(text, "test.conf");

    [Fact]
    public void Parse_RootBracesAreOptional()
    {
        Assert.Equal(1, Parse("{ a = 1 }").GetInt("a"));
        Assert.Equal(1, Parse("a = 1").GetInt("a"));
    }

    [Fact]
    public void Parse_AcceptsEqualsColonAndBraceWithoutSeparator()
    {
        var root = Parse("a = 1\nb : 2\nc { d = 3 }\ne: { f: 4 }");
        Assert.Equal(1, root.GetInt("a"));
        Assert.Equal(2, root.GetInt("b"));
        Assert.Equal(3, root.GetInt("c.d"));
        Assert.Equal(4, root.GetInt("e.f"));
    }

    [Fact]
    public void Parse_JsonDocumentIsValidHocon()
    {
        var root = Parse("{\"a\": {\"b\": [1, 2.5, \"x\", true, null]}, \"c\": false}");
        var items = ((HoconArray)root.GetValue("a.b")).Items;
        Assert.Equal([HoconType.Number, HoconType.Number, HoconType.String, HoconType.Boolean, HoconType.Null], items.Select(i => i.Type));
        Assert.False(root.GetBool("c"));
    }

    [Fact]
    public void Parse_DottedKeyIsNestedObjects_AndMergesWithBlockForm()
    {
        var root = Parse("a.b.c = 1\na { b { d = 2 } }\na.e = 3");
        Assert.Equal(1, root.GetInt("a.b.c"));
        Assert.Equal(2, root.GetInt("a.b.d"));
        Assert.Equal(3, root.GetInt("a.e"));
        Assert.Equal(["c", "d"], root.GetObject("a.b").Keys);
    }

    [Fact]
    public void Parse_QuotedKeyWithDotIsOneKey()
    {
        var root = Parse("\"a.b\" = 1\na.\"c.d\".e = 2");
        Assert.True(root.TryGetField("a.b", out var v), "the quoted key \"a.b\" should be a single field");
        Assert.Equal("1", ((HoconScalar)v).Text);
        Assert.Equal(2, root.GetInt("a.\"c.d\".e"));
        Assert.False(root.HasPath("a.b"), "a.b as a path should not exist: \"a.b\" is a single key");
    }

    [Fact]
    public void Parse_DuplicateObjectsMergeRecursively_OtherValuesLastWins()
    {
        var root = Parse("a { x = 1, y { p = 1 } }\na { y { q = 2 }, z = 3 }\nb = 1\nb = 2\nc { k = 1 }\nc = 5\nd = 5\nd { k = 1 }");
        Assert.Equal(1, root.GetInt("a.x"));
        Assert.Equal(1, root.GetInt("a.y.p"));
        Assert.Equal(2, root.GetInt("a.y.q"));
        Assert.Equal(3, root.GetInt("a.z"));
        Assert.Equal(2, root.GetInt("b"));
        Assert.Equal(5, root.GetInt("c"));
        Assert.Equal(1, root.GetInt("d.k"));
    }

    [Fact]
    public void Parse_ArraysAcceptCommasNewlinesAndTrailingComma()
    {
        var root = Parse("a = [1, 2, 3]\nb = [\n  1\n  2,\n  3,\n]\nc = []\nd = [ [1, 2], [3] ]\ne = [{ x = 1 }, { x = 2 }]");
        Assert.Equal([1, 2, 3], root.GetIntList("a"));
        Assert.Equal([1, 2, 3], root.GetIntList("b"));
        Assert.Empty(root.GetIntList("c"));
        Assert.Equal(2, ((HoconArray)root.GetValue("d")).Items.Count);
        Assert.Equal(2, ((HoconObject)((HoconArray)root.GetValue("e")).Items[1]).GetInt("x"));
    }

    [Fact]
    public void Parse_PlusEqualsAppendsToArray_AndCreatesItWhenAbsent()
    {
        var root = Parse("a = [1]\na += 2\na += 3\nb += x");
        Assert.Equal([1, 2, 3], root.GetIntList("a"));
        Assert.Equal(["x"], root.GetStringList("b"));
    }

    [Fact]
    public void Parse_CommentsWithHashAndDoubleSlashAreIgnored()
    {
        var root = Parse("# header\na = 1 // trailing\n// whole line\nb = \"x # not a comment // either\" # comment");
        Assert.Equal(1, root.GetInt("a"));
        Assert.Equal("x # not a comment // either", root.GetString("b"));
    }

    [Fact]
    public void Parse_QuotedStringsUseJsonEscapes()
    {
        var root = Parse("a = \"tab\\tquote\\\"slash\\\\ nl\\n u\\u00e9 \\/\"");
        Assert.Equal("tab\tquote\"slash\\ nl\n u\u00e9 /", root.GetString("a"));
    }

    [Fact]
    public void Parse_TripleQuotedStringsAreRawAndMayHoldNewlinesAndQuotes()
    {
        var root = Parse("a = \"\"\"line1\n  \"quoted\" \\n raw\"\"\"\nb = \"\"\"x\"\"\"\"\"");
        Assert.Equal("line1\n  \"quoted\" \\n raw", root.GetString("a"));
        Assert.Equal("x\"\"", root.GetString("b"));
    }

    [Fact]
    public void Parse_UnquotedStringsAndConcatenationKeepInnerWhitespace()
    {
        var root = Parse("a = foo bar   baz   \nb = openai-es\nc = 10 s\nd = \"x\" y \"z\"");
        Assert.Equal("foo bar   baz", root.GetString("a"));
        Assert.Equal("openai-es", root.GetString("b"));
        Assert.Equal("10 s", root.GetString("c"));
        Assert.Equal("x y z", root.GetString("d"));
    }

    [Fact]
    public void Parse_ScalarKindsAreRecognized()
    {
        var root = Parse("n = null\nt = true\nf = false\ni = 42\nl = 9000000000\nd = -1.5e-3\ne = 1e+8\ns = truex");
        Assert.Equal(HoconType.Null, root.GetValue("n").Type);
        Assert.True(root.GetBool("t"));
        Assert.False(root.GetBool("f"));
        Assert.Equal(42, root.GetInt("i"));
        Assert.Equal(9000000000L, root.GetLong("l"));
        Assert.Equal(-1.5e-3, root.GetDouble("d"));
        Assert.Equal(1e8, root.GetDouble("e"));
        Assert.Equal(HoconType.String, root.GetValue("s").Type);
    }

    [Fact]
    public void Parse_ArrayAndObjectConcatenation()
    {
        var root = Parse("a = [1, 2] [3]\nb = { x = 1 } { y = 2 }\nc = [{ x = 1 } { y = 2 }]");
        Assert.Equal([1, 2, 3], root.GetIntList("a"));
        Assert.Equal(1, root.GetInt("b.x"));
        Assert.Equal(2, root.GetInt("b.y"));
        var merged = (HoconObject)((HoconArray)root.GetValue("c")).Items.Single();
        Assert.Equal(["x", "y"], merged.Keys);
    }

    [Fact]
    public void GetLeaves_ListsEveryNonObjectValueWithItsPath()
    {
        var root = Parse("a { b = 1, c = [1], d { e = null } }\nf = x\ng {}");
        Assert.Equal(["a.b", "a.c", "a.d.e", "f"], root.GetLeaves().Select(l => l.Key));
    }

    [Fact]
    public void WithFallback_ReceiverWinsAndObjectsMerge()
    {
        var user = Parse("a { x = 1 }\nb = 2");
        var fallback = Parse("a { x = 0, y = 0 }\nb { z = 1 }\nc = 3");
        var merged = user.WithFallback(fallback);
        Assert.Equal(1, merged.GetInt("a.x"));
        Assert.Equal(0, merged.GetInt("a.y"));
        Assert.Equal(2, merged.GetInt("b"));
        Assert.Equal(3, merged.GetInt("c"));
        Assert.Equal(0, fallback.GetInt("a.x"));
    }

    [Fact]
    public void ToHocon_RendersTextThatParsesBackToTheSameLeaves()
    {
        var root = Parse("a { b = 1, \"c.d\" = \"x\\ny\", e = [1, \"two\", null, [true]] }\nf = 10s\ng = 1e-8\nh = { }\ni = [{ k = 1 }]");
        var again = Parse(root.ToHocon());
        Assert.Equal(root.ToHocon(), again.ToHocon());
        Assert.Equal("10s", again.GetString("f"));
        Assert.Equal(HoconType.String, again.GetValue("f").Type);
        Assert.Equal("x\ny", again.GetString("a.\"c.d\""));
    }

    [Fact]
    public void Parse_EveryValueRemembersItsOrigin()
    {
        var root = Parse("a {\n  b = 1\n    c = [x]\n}");
        Assert.Equal(new HoconOrigin("test.conf", 2, 7), root.GetValue("a.b").Origin);
        Assert.Equal(new HoconOrigin("test.conf", 3, 9), root.GetValue("a.c").Origin);
        Assert.Equal(new HoconOrigin("test.conf", 3, 10), ((HoconArray)root.GetValue("a.c")).Items[0].Origin);
        Assert.Equal(new HoconOrigin("test.conf", 3, 5), root.GetObject("a").GetKeyOrigin("c"));
    }
}
