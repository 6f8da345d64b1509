// A loaded MuJoCo model (mjModel): its sizes and the read-only arrays the tasks need.
namespace Es.MuJoCo;

using System.Text;
using Es.MuJoCo.Native;

/// <summary>
/// An mjModel loaded from an MJCF file. The model is read-only while simulating; each
/// <see cref="MjData"/> made from it holds one simulation state. Dispose it after every
/// <see cref="MjData"/> made from it (a finalizer frees it otherwise).
/// </summary>
public sealed unsafe class MjModel : IDisposable
{
    // mj_loadXML in 2.2.2 keeps parser state in globals; loading one model at a time is the safe use.
    private static readonly Lock LoadLock = new();

    private nint _ptr;

    private MjModel(nint ptr, string path)
    {
        _ptr = ptr;
        Path = path;
    }

    /// <summary>Frees the model if <see cref="Dispose"/> was not called.</summary>
    ~MjModel() => Free();

    /// <summary>The file the model was loaded from.</summary>
    public string Path { get; }

    /// <summary>Number of generalized coordinates (nq).</summary>
    public int Nq => ReadInt(MjLayout.ModelNq);

    /// <summary>Number of degrees of freedom (nv).</summary>
    public int Nv => ReadInt(MjLayout.ModelNv);

    /// <summary>Number of actuators and controls (nu).</summary>
    public int Nu => ReadInt(MjLayout.ModelNu);

    /// <summary>Number of actuator activations (na), such as muscle states.</summary>
    public int Na => ReadInt(MjLayout.ModelNa);

    /// <summary>Number of bodies, the world (body 0) included (nbody).</summary>
    public int Nbody => ReadInt(MjLayout.ModelNbody);

    /// <summary>Number of joints (njnt).</summary>
    public int Njnt => ReadInt(MjLayout.ModelNjnt);

    /// <summary>Simulation timestep in seconds (opt.timestep).</summary>
    public double Timestep => *(double*)(Pointer + MjLayout.ModelOpt + MjLayout.OptionTimestep);

    /// <summary>Gravitational acceleration (opt.gravity).</summary>
    public (double X, double Y, double Z) Gravity
    {
        get
        {
            var g = (double*)(Pointer + MjLayout.ModelOpt + MjLayout.OptionGravity);
            return (g[0], g[1], g[2]);
        }
    }

    /// <summary>Number of geoms (the shapes bodies collide and are drawn with).</summary>
    public int Ngeom => ReadInt(MjLayout.ModelNgeom);

    /// <summary>Type of each geom (mjtGeom: 0 plane, 2 sphere, 3 capsule, 4 ellipsoid, 5 cylinder, 6 box, …), for drawing.</summary>
    public ReadOnlySpan<int> GeomType => new((void*)*(nint*)(Pointer + MjLayout.ModelGeomType), Ngeom);

    /// <summary>The body each geom belongs to (ngeom values).</summary>
    public ReadOnlySpan<int> GeomBodyId => new((void*)*(nint*)(Pointer + MjLayout.ModelGeomBodyId), Ngeom);

    /// <summary>Each geom's size parameters (3·ngeom values: a capsule's radius and half-length, a box's half-sizes, …).</summary>
    public ReadOnlySpan<double> GeomSize => Array(MjLayout.ModelGeomSize, 3 * Ngeom);


    /// <summary>The reference configuration (qpos0, nq values).</summary>
    public ReadOnlySpan<double> Qpos0 => Array(MjLayout.ModelQpos0, Nq);

    /// <summary>The parent of each body (nbody values; the world, body 0, is its own parent), for drawing the bodies as a tree.</summary>
    public ReadOnlySpan<int> BodyParentId => new((void*)*(nint*)(Pointer + MjLayout.ModelBodyParentId), Nbody);

    /// <summary>Mass of each body (nbody values).</summary>
    public ReadOnlySpan<double> BodyMass => Array(MjLayout.ModelBodyMass, Nbody);

    /// <summary>Type of each joint (mjtJoint: 0 free, 1 ball, 2 slide, 3 hinge).</summary>
    public ReadOnlySpan<int> JointType => new((void*)*(nint*)(Pointer + MjLayout.ModelJntType), Njnt);

    /// <summary>Whether each actuator's control is clamped to its range (nu bytes, 0 or 1).</summary>
    public ReadOnlySpan<byte> ActuatorCtrlLimited => new((void*)*(nint*)(Pointer + MjLayout.ModelActuatorCtrlLimited), Nu);

    /// <summary>Control range of each actuator, [low, high] pairs (2·nu values).</summary>
    public ReadOnlySpan<double> ActuatorCtrlRange => Array(MjLayout.ModelActuatorCtrlRange, 2 * Nu);

    /// <summary>The native pointer (mjModel*), valid until disposed.</summary>
    internal nint Pointer => _ptr != 0 ? _ptr : throw new ObjectDisposedException(nameof(MjModel));

    /// <summary>Loads an MJCF model, after checking the library once per process.</summary>
    /// <param name="path">The MJCF (XML) file.</param>
    /// <exception cref="MuJoCoException">The library is missing or of another version, the file is missing (the message names the package that ships it), or MuJoCo refused it (its message is included).</exception>
    public static MjModel Load(string path)
    {
        MuJoCoLibrary.EnsureLoaded();
        return LoadUnverified(path);
    }

    /// <summary>Loads without the library check; the check itself uses it for its probe model.</summary>
    internal static MjModel LoadUnverified(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new MuJoCoException(MissingModelMessage(path));
        string full = System.IO.Path.GetFullPath(path);
        const int errorSize = 1000;
        byte* error = stackalloc byte[errorSize];
        error[0] = 0;
        nint ptr;
        lock (LoadLock)
        {
            ptr = MjNative.LoadXml(full, 0, error, errorSize);
        }

        if (ptr == 0)
        {
            var buffer = new ReadOnlySpan<byte>(error, errorSize);
            int end = buffer.IndexOf((byte)0);
            string text = Encoding.UTF8.GetString(end < 0 ? buffer : buffer[..end]).Trim();
            throw new MuJoCoException($"MuJoCo could not load the model '{full}': {(text.Length == 0 ? "no reason given" : text)}");
        }

        return new MjModel(ptr, full);
    }

    /// <summary>The message for a model file that does not exist, naming the package for the shipped models.</summary>
    public static string MissingModelMessage(string path) =>
        path.StartsWith(MuJoCoLibrary.ModelDirectory, StringComparison.Ordinal)
            ? $"MuJoCo model '{path}' does not exist. The sample models come with Debian's package {MuJoCoLibrary.SamplesPackage}: apt-get install {MuJoCoLibrary.SamplesPackage}"
            : $"MuJoCo model '{path}' does not exist; give the path of an MJCF (XML) file (the samples of Debian's package {MuJoCoLibrary.SamplesPackage} are under {MuJoCoLibrary.ModelDirectory}).";

    /// <summary>The id of the body named <paramref name="name"/>, or −1 when there is none.</summary>
    public int BodyId(string name) => MjNative.NameToId(Pointer, MjLayout.ObjectBody, name);

    /// <inheritdoc/>
    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        nint ptr = Interlocked.Exchange(ref _ptr, 0);
        if (ptr != 0) MjNative.DeleteModel(ptr);
    }

    private int ReadInt(int offset) => *(int*)(Pointer + offset);

    private ReadOnlySpan<double> Array(int offset, int length) => new((void*)*(nint*)(Pointer + offset), length);
}
