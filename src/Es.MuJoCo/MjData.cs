// One simulation state of a model (mjData): positions, velocities, controls and the quantities derived from them.
namespace Es.MuJoCo;

using Es.MuJoCo.Native;

/// <summary>
/// An mjData: the state of one simulation of an <see cref="MjModel"/>. Not thread-safe; every
/// environment owns its own, so evaluators step in parallel without sharing anything writable.
/// The spans point into MuJoCo's memory and are valid until the data is disposed.
/// </summary>
public sealed unsafe class MjData : IDisposable
{
    private readonly int _nq, _nv, _nu, _na, _nbody, _ngeom;
    private nint _ptr;

    /// <summary>Makes data for <paramref name="model"/> (mj_makeData), in the reference configuration.</summary>
    /// <exception cref="MuJoCoException">MuJoCo could not allocate it.</exception>
    public MjData(MjModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        _ptr = MjNative.MakeData(model.Pointer);
        if (_ptr == 0) throw new MuJoCoException($"MuJoCo could not allocate mjData for '{model.Path}'.");
        _nq = model.Nq;
        _nv = model.Nv;
        _nu = model.Nu;
        _na = model.Na;
        _nbody = model.Nbody;
        _ngeom = model.Ngeom;
    }

    /// <summary>Frees the data if <see cref="Dispose"/> was not called.</summary>
    ~MjData() => Free();

    /// <summary>The model this data simulates.</summary>
    public MjModel Model { get; }

    /// <summary>Simulation time in seconds.</summary>
    public double Time
    {
        get => *(double*)(Pointer + MjLayout.DataTime);
        set => *(double*)(Pointer + MjLayout.DataTime) = value;
    }

    /// <summary>Number of active contacts after the last forward pass.</summary>
    public int Ncon => *(int*)(Pointer + MjLayout.DataNcon);

    /// <summary>Number of active constraints after the last forward pass.</summary>
    public int Nefc => *(int*)(Pointer + MjLayout.DataNefc);

    /// <summary>Generalized positions (nq).</summary>
    public Span<double> Qpos => Field(MjLayout.DataQpos, _nq);

    /// <summary>Generalized velocities (nv).</summary>
    public Span<double> Qvel => Field(MjLayout.DataQvel, _nv);

    /// <summary>Actuator activations (na).</summary>
    public Span<double> Act => Field(MjLayout.DataAct, _na);

    /// <summary>Controls (nu), read by the next step.</summary>
    public Span<double> Ctrl => Field(MjLayout.DataCtrl, _nu);

    /// <summary>Cartesian position of each body frame (nbody × 3).</summary>
    public ReadOnlySpan<double> Xpos => Field(MjLayout.DataXpos, 3 * _nbody);

    /// <summary>Orientation of each body frame as a row-major 3×3 matrix (nbody × 9).</summary>
    public ReadOnlySpan<double> Xmat => Field(MjLayout.DataXmat, 9 * _nbody);

    /// <summary>Cartesian position of each body's centre of mass (nbody × 3).</summary>
    public ReadOnlySpan<double> Xipos => Field(MjLayout.DataXipos, 3 * _nbody);

    /// <summary>Each geom's position in the world frame (3·ngeom values), from the last mj_forward or mj_step.</summary>
    public ReadOnlySpan<double> GeomXpos => Field(MjLayout.DataGeomXpos, 3 * _ngeom);

    /// <summary>Each geom's orientation, a row-major 3×3 rotation matrix per geom (9·ngeom values).</summary>
    public ReadOnlySpan<double> GeomXmat => Field(MjLayout.DataGeomXmat, 9 * _ngeom);

    /// <summary>Centre of mass of each body's subtree (nbody × 3).</summary>
    public ReadOnlySpan<double> SubtreeCom => Field(MjLayout.DataSubtreeCom, 3 * _nbody);

    /// <summary>Inertia of each body in the frame at its root's subtree centre of mass (nbody × 10).</summary>
    public ReadOnlySpan<double> Cinert => Field(MjLayout.DataCinert, 10 * _nbody);

    /// <summary>Velocity of each body, rotation then translation, at its root's subtree centre of mass (nbody × 6).</summary>
    public ReadOnlySpan<double> Cvel => Field(MjLayout.DataCvel, 6 * _nbody);

    /// <summary>Actuator forces in joint space (nv).</summary>
    public ReadOnlySpan<double> QfrcActuator => Field(MjLayout.DataQfrcActuator, _nv);

    /// <summary>External (contact) forces on each body, torque then force (nbody × 6); filled by <see cref="ComputeContactForces"/>.</summary>
    public ReadOnlySpan<double> CfrcExt => Field(MjLayout.DataCfrcExt, 6 * _nbody);

    /// <summary>The native pointer (mjData*), valid until disposed.</summary>
    internal nint Pointer => _ptr != 0 ? _ptr : throw new ObjectDisposedException(nameof(MjData));

    /// <summary>Back to the reference configuration, zero velocity, time 0 (mj_resetData).</summary>
    public void Reset() => MjNative.ResetData(Model.Pointer, Pointer);

    /// <summary>Recomputes every derived quantity from the current state without advancing time (mj_forward).</summary>
    public void Forward() => MjNative.Forward(Model.Pointer, Pointer);

    /// <summary>Advances the simulation by one timestep (mj_step).</summary>
    public void Step() => MjNative.Step(Model.Pointer, Pointer);

    /// <summary>Computes <see cref="CfrcExt"/> for the current state (mj_rnePostConstraint), as Gymnasium does after stepping.</summary>
    public void ComputeContactForces() => MjNative.RnePostConstraint(Model.Pointer, Pointer);

    /// <inheritdoc/>
    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        nint ptr = Interlocked.Exchange(ref _ptr, 0);
        if (ptr != 0) MjNative.DeleteData(ptr);
    }

    private Span<double> Field(int offset, int length) => new((void*)*(nint*)(Pointer + offset), length);
}
