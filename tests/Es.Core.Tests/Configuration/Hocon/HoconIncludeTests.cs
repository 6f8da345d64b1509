// Tests of include statements: relative paths, file()/required() forms, missing files and cycles.
namespace Es.Core.Tests.Configuration.Hocon;

using Es.Core.Configuration;
using Es.Core.Configuration.Hocon;

public sealed class HoconIncludeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("es-hocon-include-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Include_IsRelativeToTheIncludingFile_AndLaterFieldsOverride()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "sub", "deeper"));
        Write("sub/main.conf", "include \"common.conf\"\nb = 20\nnested { include file(\"deeper/inner.conf\") }");
        Write("sub/common.conf", "a = 1\nb = 2");
        Write("sub/deeper/inner.conf", "c = 3\ninclude required(\"more\")");
        Write("sub/deeper/more.conf", "d = ${a}");
        var root = HoconParser.ParseFile(Path.Combine(_dir, "sub", "main.conf"));
        Assert.Equal(1, root.GetInt("a"));
        Assert.Equal(20, root.GetInt("b"));
        Assert.Equal(3, root.GetInt("nested.c"));
        Assert.Equal(1, root.GetInt("nested.d"));
        Assert.EndsWith("common.conf", root.GetValue("a").Origin.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Include_RequiredFileForm_Works()
    {
        Write("main.conf", "include required(file(\"x.conf\"))");
        Write("x.conf", "x = yes");
        Assert.True(HoconParser.ParseFile(Path.Combine(_dir, "main.conf")).GetBool("x"));
    }

    [Fact]
    public void Include_Missing_NamesTheIncludingFileAndLine()
    {
        string main = Write("main.conf", "a = 1\n  include \"nope.conf\"");
        var e = Assert.Throws<ConfigException>(() => HoconParser.ParseFile(main));
        Assert.Equal((main, 2, 3), (e.File, e.Line, e.Column));
        Assert.Contains("nope.conf", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Include_Cycle_IsDetected()
    {
        string a = Write("a.conf", "include \"b.conf\"");
        Write("b.conf", "x = 1\ninclude \"a.conf\"");
        var e = Assert.Throws<ConfigException>(() => HoconParser.ParseFile(a));
        Assert.Contains("include cycle", e.Reason, StringComparison.Ordinal);
        Assert.EndsWith("b.conf", e.File, StringComparison.Ordinal);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void Include_SelfAppendAcrossFilesSeesTheIncludedValue()
    {
        Write("base.conf", "path = [a]");
        string main = Write("main.conf", "include \"base.conf\"\npath += b");
        Assert.Equal(["a", "b"], HoconParser.ParseFile(main).GetStringList("path"));
    }

    private string Write(string relative, string text)
    {
        string path = Path.Combine(_dir, relative);
        File.WriteAllText(path, text);
        return path;
    }
}
