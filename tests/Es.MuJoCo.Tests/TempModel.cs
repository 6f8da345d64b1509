// A throwaway MJCF file for a test, deleted when the test ends.
namespace Es.MuJoCo.Tests;

/// <summary>Writes MJCF text to a unique temporary file.</summary>
internal sealed class TempModel : IDisposable
{
    public TempModel(string xml)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"esakka-test-{Guid.NewGuid():N}.xml");
        File.WriteAllText(Path, xml);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
