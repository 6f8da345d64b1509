// Takes MuJoCo's warnings (unstable simulation, contact buffer full...) away from stdout and MUJOCO_LOG.TXT, and counts them.
namespace Es.MuJoCo;

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Es.MuJoCo.Native;

/// <summary>
/// MuJoCo's default warning handler prints to stdout and appends to MUJOCO_LOG.TXT in the working
/// directory, which would corrupt <c>es eval</c>'s JSON and litter run directories. The bindings
/// install their own handler (the library's <c>mju_user_warning</c> hook) that keeps a count and
/// the latest text. A warning does not stop a step: for an unstable state MuJoCo resets the data
/// itself, as it does under Gymnasium.
/// </summary>
public static unsafe class MuJoCoWarnings
{
    private static long _count;
    private static string? _last;

    /// <summary>Warnings MuJoCo has issued in this process since the bindings were loaded.</summary>
    public static long Count => Interlocked.Read(ref _count);

    /// <summary>The text of the latest warning, or null.</summary>
    public static string? Last => Volatile.Read(ref _last);

    /// <summary>Points the library's warning hook at <see cref="OnWarning"/>; called once when the library is verified.</summary>
    internal static void Install()
    {
        if (!NativeLibrary.TryLoad(MjNative.Library, typeof(MjNative).Assembly, null, out nint handle)
            || !NativeLibrary.TryGetExport(handle, "mju_user_warning", out nint hook))
        {
            return;
        }

        *(nint*)hook = (nint)(delegate* unmanaged[Cdecl]<byte*, void>)&OnWarning;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnWarning(byte* message)
    {
        Interlocked.Increment(ref _count);
        Volatile.Write(ref _last, Marshal.PtrToStringUTF8((nint)message));
    }
}
