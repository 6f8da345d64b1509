// The library gate: the installed library is 2.2.2 and passes the layout probe; other versions are refused with a message.
namespace Es.MuJoCo.Tests;

public class MuJoCoLibraryTests
{
    [Fact]
    public void EnsureLoaded_InstalledDebianLibrary_Is222AndPassesTheLayoutProbe()
    {
        // No skip: a machine without libmujoco2.2.2 fails here with the install message.
        Assert.Equal(222, MuJoCoLibrary.EnsureLoaded());
    }

    [Fact]
    public void VerifyVersion_AnotherVersion_ThrowsNamingBothVersionsAndThePackage()
    {
        var e = Assert.Throws<MuJoCoException>(() => MuJoCoLibrary.VerifyVersion(310));
        Assert.Contains("version 3.1.0", e.Message, StringComparison.Ordinal);
        Assert.Contains("2.2.2", e.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install libmujoco2.2.2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyVersion_222_Passes() => MuJoCoLibrary.VerifyVersion(222);

    [Fact]
    public void VerifyField_ValueReadAtAWrongOffset_ThrowsNamingTheField()
    {
        var e = Assert.Throws<MuJoCoException>(() => MuJoCoLibrary.VerifyField("mjData.time after one mj_step", 0.004, 1.3e-310));
        Assert.Contains("mjData.time after one mj_step", e.Message, StringComparison.Ordinal);
        Assert.Contains("libmujoco2.2.2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadVersion_LibraryTheLoaderCannotFind_ThrowsNamingTheDebianPackages()
    {
        // A real loader failure: the same exception a machine without libmujoco2.2.2 gives.
        var e = Assert.Throws<MuJoCoException>(() => MuJoCoLibrary.ReadVersion(() =>
        {
            System.Runtime.InteropServices.NativeLibrary.Load("libmujoco.so.0.0.0-esakka-missing");
            return 0;
        }));
        Assert.IsType<DllNotFoundException>(e.InnerException);
        Assert.Contains("cannot be loaded", e.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install libmujoco2.2.2 libmujoco-samples", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadVersion_InstalledLibrary_Is222() => Assert.Equal(222, MuJoCoLibrary.ReadVersion(Native.MjNative.Version));

    [Fact]
    public void MissingLibraryMessage_NamesTheDebianPackages()
    {
        string message = MuJoCoLibrary.MissingLibraryMessage("cannot open shared object file");
        Assert.Contains("apt-get install libmujoco2.2.2 libmujoco-samples", message, StringComparison.Ordinal);
    }
}
