// The entry points of libmujoco.so.2.2.2 that EsAkka calls, declared once.
namespace Es.MuJoCo.Native;

using System.Runtime.InteropServices;

/// <summary>
/// P/Invoke declarations of the MuJoCo C API (mujoco.h of version 2.2.2). Pointers to mjModel and
/// mjData stay opaque here; <see cref="MjLayout"/> says where their fields are.
/// </summary>
internal static unsafe partial class MjNative
{
    /// <summary>The file name Debian's libmujoco2.2.2 installs (there is no unversioned libmujoco.so without the -dev package).</summary>
    public const string Library = "libmujoco.so.2.2.2";

    [LibraryImport(Library, EntryPoint = "mj_version")]
    public static partial int Version();

    [LibraryImport(Library, EntryPoint = "mj_loadXML", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint LoadXml(string filename, nint vfs, byte* error, int errorSize);

    [LibraryImport(Library, EntryPoint = "mj_makeData")]
    public static partial nint MakeData(nint model);

    [LibraryImport(Library, EntryPoint = "mj_deleteData")]
    public static partial void DeleteData(nint data);

    [LibraryImport(Library, EntryPoint = "mj_deleteModel")]
    public static partial void DeleteModel(nint model);

    [LibraryImport(Library, EntryPoint = "mj_resetData")]
    public static partial void ResetData(nint model, nint data);

    [LibraryImport(Library, EntryPoint = "mj_step")]
    public static partial void Step(nint model, nint data);

    [LibraryImport(Library, EntryPoint = "mj_forward")]
    public static partial void Forward(nint model, nint data);

    [LibraryImport(Library, EntryPoint = "mj_rnePostConstraint")]
    public static partial void RnePostConstraint(nint model, nint data);

    [LibraryImport(Library, EntryPoint = "mj_name2id", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int NameToId(nint model, int type, string name);

    [LibraryImport(Library, EntryPoint = "mju_Halton")]
    public static partial double Halton(int index, int @base);
}
