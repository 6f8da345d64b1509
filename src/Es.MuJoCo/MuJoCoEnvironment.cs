// Base of the MuJoCo tasks: one model and one mjData per instance, seeded resets, frame skipping and episode bookkeeping.
namespace Es.MuJoCo;

using Es.Core.Environments;
using Es.Core.Random;

/// <summary>
/// An environment backed by MuJoCo, shaped like Gymnasium's MujocoEnv: an action sets the
/// controls (clamped to each actuator's range), the physics advances <see cref="FrameSkip"/>
/// timesteps, then <c>mj_rnePostConstraint</c> fills the contact forces and the task computes its
/// reward, termination and observation. Each instance loads its own model and owns its own mjData,
/// so evaluators on different threads share nothing writable.
/// </summary>
/// <remarks>
/// <para><b>Determinism.</b> A reset calls mj_resetData (which also clears the solver's warm start),
/// draws the initial state from the seed with Es.Core's <see cref="Rng"/> and calls mj_forward;
/// MuJoCo's step is deterministic for one library build, so an episode is a pure function of the
/// seed and the actions, bit for bit.</para>
/// <para><b>State</b> (<see cref="IStatefulEnvironment"/>): [time, qpos (nq), qvel (nv), act (na),
/// task values (see each task)]. <see cref="SetState"/> writes them after mj_resetData and calls
/// mj_forward; the solver's warm start is not part of the state, so a restored episode may differ
/// from the original in the last bits.</para>
/// </remarks>
public abstract class MuJoCoEnvironment : IStatefulEnvironment, IDisposable
{
    private readonly double[] _ctrlLow;
    private readonly double[] _ctrlHigh;
    private readonly double[] _taskState;
    private bool _hasState;
    private EnvironmentSpec? _spec;

    /// <summary>Loads <paramref name="modelPath"/> and makes this instance's data.</summary>
    /// <param name="modelPath">The MJCF file.</param>
    /// <param name="frameSkip">Physics steps per environment step.</param>
    /// <param name="taskStateSize">Number of task values appended to the state (a target, for example).</param>
    /// <exception cref="MuJoCoException">The library or model is missing or unusable.</exception>
    protected MuJoCoEnvironment(string modelPath, int frameSkip, int taskStateSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frameSkip, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(taskStateSize);
        Model = MjModel.Load(modelPath);
        Data = new MjData(Model);
        FrameSkip = frameSkip;
        _taskState = new double[taskStateSize];
        int nu = Model.Nu;
        _ctrlLow = new double[nu];
        _ctrlHigh = new double[nu];
        ReadOnlySpan<double> range = Model.ActuatorCtrlRange;
        ReadOnlySpan<byte> limited = Model.ActuatorCtrlLimited;
        for (int i = 0; i < nu; i++)
        {
            // An unlimited actuator gets [-1, 1]: a policy's tanh head needs finite bounds.
            bool isLimited = limited[i] != 0;
            _ctrlLow[i] = isLimited ? range[2 * i] : -1.0;
            _ctrlHigh[i] = isLimited ? range[2 * i + 1] : 1.0;
        }

        Data.Reset();
        Data.Forward();
    }

    /// <inheritdoc/>
    public EnvironmentSpec Spec => _spec ??= CreateSpec();

    /// <summary>The loaded model.</summary>
    public MjModel Model { get; }

    /// <summary>This instance's simulation state.</summary>
    public MjData Data { get; }

    /// <summary>Physics steps per environment step.</summary>
    public int FrameSkip { get; }

    /// <summary>Seconds of simulated time per environment step: timestep × frame skip.</summary>
    public double Dt => Model.Timestep * FrameSkip;

    /// <inheritdoc/>
    public int StateSize => 1 + Model.Nq + Model.Nv + Model.Na + _taskState.Length;

    /// <inheritdoc/>
    public int ElapsedSteps { get; private set; }

    /// <summary>The task's own values kept with the state (a target, for example).</summary>
    protected Span<double> TaskState => _taskState;

    /// <summary>Registry id of the task.</summary>
    protected abstract string Id { get; }

    /// <summary>Observation length.</summary>
    protected abstract int ObservationSize { get; }

    /// <summary>The task's step limit.</summary>
    protected abstract int MaxEpisodeSteps { get; }

    /// <inheritdoc/>
    public void Reset(ulong seed, Span<float> observation)
    {
        CheckObservation(observation);
        var rng = new Rng(seed);
        Data.Reset();
        SampleInitialState(ref rng);
        Data.Forward();
        ElapsedSteps = 0;
        _hasState = true;
        OnEpisodeStart();
        WriteObservation(observation);
    }

    /// <inheritdoc/>
    public StepResult Step(ReadOnlySpan<float> action, Span<float> observation)
    {
        if (!_hasState)
            throw new InvalidOperationException($"{Id}: Step called before Reset or SetState.");
        CheckObservation(observation);
        if (action.Length != _ctrlLow.Length)
            throw new ArgumentException($"{Id}: action has {action.Length} values but the model has {_ctrlLow.Length} actuators.", nameof(action));

        // Validate the whole action before touching the state, so a refused action leaves the episode as it was.
        for (int i = 0; i < action.Length; i++)
        {
            if (!float.IsFinite(action[i]))
                throw new ArgumentException($"{Id}: action component {i} is {action[i]}; it must be a finite number.", nameof(action));
        }

        Span<double> ctrl = Data.Ctrl;
        double controlSquared = 0.0;
        for (int i = 0; i < action.Length; i++)
        {
            double c = Math.Min(Math.Max(action[i], _ctrlLow[i]), _ctrlHigh[i]);
            ctrl[i] = c;
            controlSquared += c * c;
        }

        BeforeStep();
        for (int k = 0; k < FrameSkip; k++)
            Data.Step();
        Data.ComputeContactForces();
        (double reward, bool terminated) = AfterStep(controlSquared);
        ElapsedSteps++;
        WriteObservation(observation);
        return new StepResult(reward, terminated, ElapsedSteps >= MaxEpisodeSteps);
    }

    /// <inheritdoc/>
    public void GetState(Span<double> state)
    {
        if (state.Length != StateSize)
            throw new ArgumentException($"{Id}: state buffer has {state.Length} values, expected {StateSize}.", nameof(state));
        state[0] = Data.Time;
        int at = 1;
        Data.Qpos.CopyTo(state[at..]);
        at += Model.Nq;
        Data.Qvel.CopyTo(state[at..]);
        at += Model.Nv;
        Data.Act.CopyTo(state[at..]);
        at += Model.Na;
        _taskState.CopyTo(state[at..]);
    }

    /// <inheritdoc/>
    public void SetState(ReadOnlySpan<double> state, int elapsedSteps)
    {
        if (state.Length != StateSize)
            throw new ArgumentException($"{Id}: state has {state.Length} values, expected {StateSize}.", nameof(state));
        ArgumentOutOfRangeException.ThrowIfNegative(elapsedSteps);
        Data.Reset();
        Data.Time = state[0];
        int at = 1;
        state.Slice(at, Model.Nq).CopyTo(Data.Qpos);
        at += Model.Nq;
        state.Slice(at, Model.Nv).CopyTo(Data.Qvel);
        at += Model.Nv;
        state.Slice(at, Model.Na).CopyTo(Data.Act);
        at += Model.Na;
        state[at..].CopyTo(_taskState);
        Data.Forward();
        ElapsedSteps = elapsedSteps;
        _hasState = true;
        OnEpisodeStart();
    }

    /// <inheritdoc/>
    public void GetObservation(Span<float> observation)
    {
        if (!_hasState)
            throw new InvalidOperationException($"{Id}: no state yet; call Reset or SetState first.");
        CheckObservation(observation);
        WriteObservation(observation);
    }

    /// <summary>Frees this instance's mjData and mjModel now rather than at finalization.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the native memory when <paramref name="disposing"/>; the MuJoCo objects have finalizers of their own.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing) return;
        Data.Dispose();
        Model.Dispose();
    }

    /// <summary>Writes the initial state into <see cref="Data"/> (already reset to the reference configuration) and <see cref="TaskState"/>; all randomness comes from <paramref name="rng"/>.</summary>
    protected abstract void SampleInitialState(ref Rng rng);

    /// <summary>Called with the controls set, before the physics steps (to remember positions for a velocity, for example).</summary>
    protected virtual void BeforeStep()
    {
    }

    /// <summary>The reward and termination of the step just simulated.</summary>
    /// <param name="controlSquared">Sum of the squared (clamped) controls of the step.</param>
    protected abstract (double Reward, bool Terminated) AfterStep(double controlSquared);

    /// <summary>Writes the observation of the current state.</summary>
    protected abstract void WriteObservation(Span<float> observation);

    /// <summary>Clears per-episode bookkeeping after a reset or <see cref="SetState"/>.</summary>
    protected virtual void OnEpisodeStart()
    {
    }

    /// <summary>Adds uniform noise in [−scale, scale] to qpos (from qpos0) and sets qvel to uniform noise, Gymnasium's reset.</summary>
    protected void AddResetNoise(ref Rng rng, double scale)
    {
        Span<double> qpos = Data.Qpos;
        for (int i = 0; i < qpos.Length; i++)
            qpos[i] += rng.NextDouble(-scale, scale);
        Span<double> qvel = Data.Qvel;
        for (int i = 0; i < qvel.Length; i++)
            qvel[i] = rng.NextDouble(-scale, scale);
    }

    /// <summary>The x, y, z centre of mass of all bodies, from the body masses and positions.</summary>
    protected (double X, double Y, double Z) MassCenter()
    {
        ReadOnlySpan<double> mass = Model.BodyMass;
        ReadOnlySpan<double> xipos = Data.Xipos;
        double m = 0, x = 0, y = 0, z = 0;
        for (int b = 0; b < mass.Length; b++)
        {
            m += mass[b];
            x += mass[b] * xipos[3 * b];
            y += mass[b] * xipos[3 * b + 1];
            z += mass[b] * xipos[3 * b + 2];
        }

        return (x / m, y / m, z / m);
    }

    /// <summary>Sum of squares of cfrc_ext over the bodies after the world, the contact term of Gymnasium's humanoid rewards.</summary>
    protected double ContactForceSquared()
    {
        ReadOnlySpan<double> f = Data.CfrcExt[6..];
        double sum = 0;
        for (int i = 0; i < f.Length; i++)
            sum += f[i] * f[i];
        return sum;
    }

    private EnvironmentSpec CreateSpec()
    {
        var low = new float[_ctrlLow.Length];
        var high = new float[_ctrlHigh.Length];
        for (int i = 0; i < low.Length; i++)
        {
            low[i] = (float)_ctrlLow[i];
            high[i] = (float)_ctrlHigh[i];
        }

        return new EnvironmentSpec(Id, BoxSpace.Uniform(ObservationSize, float.NegativeInfinity, float.PositiveInfinity), new BoxSpace(low, high), MaxEpisodeSteps);
    }

    private void CheckObservation(Span<float> observation)
    {
        if (observation.Length != ObservationSize)
            throw new ArgumentException($"{Id}: observation buffer has {observation.Length} values, expected {ObservationSize}.", nameof(observation));
    }
}
