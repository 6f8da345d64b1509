// Tests of ${...} substitutions: root lookup, environment fallback, optional semantics, self-references, cycles.
namespace Es.Core.Tests.Configuration.Hocon;

using Es.Core.Configuration;
using Es.Core.Configuration.Hocon;

public class HoconSubstitutionTests
{
    private static HoconObject Parse(string text) => HoconParser.ParseString(text, "test.conf");

    [Fact]
    public void Substitution_ResolvesAgainstTheWholeRoot_IncludingForwardReferences()
    {
        var root = Parse("a = ${b.c}\nb { c = 5, d = ${b.c} }\ne = ${b}");
        Assert.Equal(5, root.GetInt("a"));
        Assert.Equal(5, root.GetInt("b.d"));
        Assert.Equal(5, root.GetInt("e.d"));
    }

    [Fact]
    public void Substitution_SeesTheFinalValueOfItsTarget()
    {
        var root = Parse("a = 1\nb = ${a}\na = 2");
        Assert.Equal(2, root.GetInt("b"));
    }

    [Fact]
    public void Substitution_FallsBackToEnvironmentVariables()
    {
        string name = "ES_HOCON_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            var root = Parse($"a = ${{{name}}}\nb = ${{?{name}}}");
            Assert.Equal("from-env", root.GetString("a"));
            Assert.Equal("from-env", root.GetString("b"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void OptionalSubstitution_OfHome_ResolvesFromEnvironment()
    {
        string? home = Environment.GetEnvironmentVariable("HOME");
        var root = Parse("home = ${?HOME}");
        Assert.Equal(home is not null, root.HasPath("home"));
        if (home is not null)
        {
            Assert.Equal(home, root.GetString("home"));
        }
    }

    [Fact]
    public void OptionalSubstitution_Undefined_MakesTheFieldAbsent_OrKeepsTheEarlierValue()
    {
        var root = Parse("a = ${?ES_HOCON_SURELY_UNDEFINED_1}\nb = 1\nb = ${?ES_HOCON_SURELY_UNDEFINED_1}\nc = [1, ${?nope}, 2]\nd = ${?nope} suffix");
        Assert.False(root.HasPath("a"), "an undefined optional substitution should not create the field");
        Assert.Equal(1, root.GetInt("b"));
        Assert.Equal([1, 2], root.GetIntList("c"));
        Assert.Equal(" suffix", root.GetString("d"));
    }

    [Fact]
    public void RequiredSubstitution_Unresolved_NamesFileLineColumnAndPath()
    {
        var e = Assert.Throws<ConfigException>(() => Parse("a = 1\nb = x ${no.such.key}"));
        Assert.Equal(("test.conf", 2, 7, "no.such.key"), (e.File, e.Line, e.Column, e.Key));
        Assert.StartsWith("test.conf:2:7: no.such.key: could not resolve substitution ${no.such.key}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SelfReference_AppendsToThePreviousValue()
    {
        var root = Parse("path = [a]\npath = ${path} [b]\npath = ${path} [c]\ns = x\ns = ${s}y\no { p = 1 }\no = ${o} { q = 2 }");
        Assert.Equal(["a", "b", "c"], root.GetStringList("path"));
        Assert.Equal("xy", root.GetString("s"));
        Assert.Equal(1, root.GetInt("o.p"));
        Assert.Equal(2, root.GetInt("o.q"));
    }

    [Fact]
    public void SelfReference_ToAChildOfTheField_SeesItsEarlierValue()
    {
        // The spec's example: foo : { a : { c : 1 } }, foo : ${foo.a}, foo : { a : 2 } gives { c : 1, a : 2 }.
        var root = Parse("foo : { a : { c : 1 } }\nfoo : ${foo.a}\nfoo : { a : 2 }");
        Assert.Equal(1, root.GetInt("foo.c"));
        Assert.Equal(2, root.GetInt("foo.a"));
    }

    [Fact]
    public void Substitution_InsideAnObject_SeesTheFinalSiblingValue()
    {
        var root = Parse("bar : { foo : 42, baz : ${bar.foo} }\nbar : { foo : 43 }");
        Assert.Equal(43, root.GetInt("bar.baz"));
    }

    [Fact]
    public void SelfReference_InsideNestedBlockUsesTheFullPath()
    {
        var root = Parse("a { b = [1] }\na { b = ${a.b} [2] }");
        Assert.Equal([1, 2], root.GetIntList("a.b"));
    }

    [Fact]
    public void SelfReference_WithoutEarlierValue_IsOptionalOrEnvironment()
    {
        var root = Parse("a = ${?a} [1]");
        Assert.Equal([1], root.GetIntList("a"));
        var e = Assert.Throws<ConfigException>(() => Parse("zz_undefined_self = ${zz_undefined_self} [1]"));
        Assert.Equal("zz_undefined_self", e.Key);
    }

    [Fact]
    public void Substitution_StringConcatenationKeepsWhitespace()
    {
        var root = Parse("name = world\ngreeting = hello ${name} \"!\"\nn = 3\nlabel = run-${n}");
        Assert.Equal("hello world !", root.GetString("greeting"));
        Assert.Equal("run-3", root.GetString("label"));
    }

    [Fact]
    public void Substitution_OfObjectThenOverride_MergesObjects()
    {
        var root = Parse("base { x = 1, y = 2 }\nderived = ${base} { y = 3 }\nderived.z = 4");
        Assert.Equal(1, root.GetInt("derived.x"));
        Assert.Equal(3, root.GetInt("derived.y"));
        Assert.Equal(4, root.GetInt("derived.z"));
        Assert.Equal(2, root.GetInt("base.y"));
    }

    [Fact]
    public void Substitution_Cycle_IsAnError()
    {
        var e = Assert.Throws<ConfigException>(() => Parse("a = ${b}\nb = ${a}"));
        Assert.Contains("cycle", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Concatenation_OfArrayWithString_IsAnError()
    {
        var e = Assert.Throws<ConfigException>(() => Parse("a = [1]\nb = ${a} x"));
        Assert.Contains("cannot concatenate", e.Message, StringComparison.Ordinal);
    }
}
