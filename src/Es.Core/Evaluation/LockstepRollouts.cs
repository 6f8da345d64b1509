// Many tasks' episodes stepped together: K environments side by side, one policy forward pass for
// all of them with SIMD across episodes, the same results bit for bit as one episode at a time.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Es.Core.Environments;
using Es.Core.Normalization;
using Es.Core.Numerics;
using Es.Core.Policies;
using Es.Core.Random;
using Es.Core.Strategies;

namespace Es.Core.Evaluation;

/// <summary>
/// Evaluates a batch of <see cref="EvaluationTask"/>s by running their episodes in
/// <see cref="Lanes"/> lanes at once: every step normalizes all lanes' observations together,
/// runs one <see cref="LockstepPolicy"/> forward pass, then steps each lane's own environment.
/// A lane whose episode ends takes the batch's next episode at once, so episodes of different
/// lengths keep the lanes full until the batch runs out.
/// </summary>
/// <remarks>
/// <para>
/// The results are the bits <see cref="PairEvaluator.Evaluate"/> gives task by task (DESIGN.md,
/// rule 4): each lane performs <see cref="EpisodeRunner.Run"/>'s operations in its order (reset
/// seed, action-noise stream, normalization, forward pass, head, step, reward sum, termination or
/// truncation at the step limit), and a task's episode returns are summed and averaged in
/// <see cref="EpisodeFitness"/>'s order. Observation statistics, which depend on the order of
/// their additions, receive the observations of a task's episodes in episode order: a lane whose
/// episode is not yet next in line for its task keeps its observations aside until it is.
/// </para>
/// <para>
/// Environments step through an <see cref="ILockstepEnvironment"/>: <see cref="CartPoleLanes"/>,
/// <see cref="PendulumLanes"/> and <see cref="AcrobotLanes"/> run those environments' own static
/// step over an array of states; <see cref="EnvironmentLanes"/>
/// gives every other environment (MuJoCo's included) one instance per lane. Either way each lane
/// calls the very code, transcendental functions included, of its one-episode step. Not
/// thread-safe: one per evaluator.
/// </para>
/// <para>
/// CartPole under a linear argmax policy (its shipped configuration) does not go through the
/// generic step: <see cref="CartPoleLanes"/> steps four lanes at a time in one loop with the
/// policy and normalizer inside it, the same operations per lane: 1.7–1.8× the generic step's
/// rate with a first generation's few long episodes, 1.3× with every lane busy (docs/benchmarks.md).
/// </para>
/// </remarks>
public sealed class LockstepRollouts : IBatchEvaluator
{
    private readonly ILockstepEnvironment _environments;
    private readonly LockstepPolicy _policy;
    private readonly int _episodesPerCandidate;
    private readonly int _limit;
    private readonly int _observationSize;
    private readonly float[] _actions;
    private readonly float[] _raw;
    private readonly float[] _candidate;
    private readonly StepResult[] _results;
    private readonly Rng[] _noise;
    private readonly int[] _job;
    private readonly double[] _total;
    private readonly int[] _steps;
    private readonly bool[] _training;
    // Each busy lane's log of the observations its policy saw this episode, when its task
    // collects statistics (else null); the batch adds the logs to the task's statistics in
    // episode order.
    private readonly KeptObservations?[] _logs;
    private readonly Stack<KeptObservations> _spareBuffers = new();
    // CartPole under a linear argmax policy: its lanes, which then step four at a time in fused
    // loops (CartPoleLanes.StepLinear), else null; the loops' observation history.
    private readonly CartPoleLanes? _linearCartPole;
    private readonly float[]? _history;

    /// <summary>Creates the lanes over one instance of the environment per lane.</summary>
    /// <param name="environmentFactory">Builds one environment per lane (instances owned by this object).</param>
    /// <param name="policy">The policy architecture, as the one-episode path uses it.</param>
    /// <param name="lanes">Episodes stepped together; see <see cref="AutoLanes"/>.</param>
    /// <param name="episodesPerCandidate">Training episodes averaged per candidate, as <see cref="EpisodeFitness"/>.</param>
    /// <param name="stepLimit">0 for the environment's own limit, otherwise the smaller of the two.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lanes"/> or <paramref name="episodesPerCandidate"/> is below 1, or <paramref name="stepLimit"/> is negative.</exception>
    /// <exception cref="ArgumentException">The factory builds environments of different ids.</exception>
    public LockstepRollouts(Func<IEnvironment> environmentFactory, PolicySpec policy, int lanes, int episodesPerCandidate = 1, int stepLimit = 0)
        : this(new EnvironmentLanes(environmentFactory, lanes), policy, episodesPerCandidate, stepLimit)
    {
    }

    /// <summary>Creates the lanes over <paramref name="environments"/> (owned by this object), one per lane.</summary>
    /// <param name="environments">The environment's lanes, e.g. <see cref="CartPoleLanes"/>.</param>
    /// <param name="policy">The policy architecture, as the one-episode path uses it.</param>
    /// <param name="episodesPerCandidate">Training episodes averaged per candidate, as <see cref="EpisodeFitness"/>.</param>
    /// <param name="stepLimit">0 for the environment's own limit, otherwise the smaller of the two.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="episodesPerCandidate"/> is below 1, or <paramref name="stepLimit"/> is negative.</exception>
    public LockstepRollouts(ILockstepEnvironment environments, PolicySpec policy, int episodesPerCandidate = 1, int stepLimit = 0)
    {
        ArgumentNullException.ThrowIfNull(environments);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfLessThan(episodesPerCandidate, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(stepLimit);
        int lanes = environments.Lanes;
        _environments = environments;
        EnvironmentSpec spec = environments.Spec;
        _policy = new LockstepPolicy(new Policy(policy, spec), lanes);
        _episodesPerCandidate = episodesPerCandidate;
        _limit = stepLimit > 0 ? Math.Min(stepLimit, spec.MaxEpisodeSteps) : spec.MaxEpisodeSteps;
        _observationSize = spec.ObservationSize;
        _actions = new float[lanes * spec.ActionSize];
        _raw = new float[spec.ObservationSize * _policy.Stride];
        _candidate = new float[_policy.Policy.ParameterCount];
        _results = new StepResult[lanes];
        _noise = new Rng[lanes];
        _job = new int[lanes];
        _total = new double[lanes];
        _steps = new int[lanes];
        _training = new bool[lanes];
        _logs = new KeptObservations?[lanes];
        if (environments is CartPoleLanes cartPole && policy.Kind == PolicyKind.Linear && !_policy.Policy.HasBoxHead
            && _policy.Stride >= 4 && Sse.IsSupported && Vector256.IsHardwareAccelerated)
        {
            _linearCartPole = cartPole;
            _history = new float[CartPoleLanes.LinearHistoryLength];
        }
    }

    /// <summary>Episodes stepped together.</summary>
    public int Lanes => _environments.Lanes;

    /// <summary>Number of policy parameters.</summary>
    public int Dimension => _candidate.Length;

    /// <summary>Observation components (what the statistics track).</summary>
    public int ObservationSize => _observationSize;

    /// <summary>
    /// Lanes for a policy of <paramref name="parameterCount"/> parameters when the settings say
    /// "automatic". A policy of up to <see cref="MaxLaneBytes"/> of weights: as many lanes as keep
    /// every lane's weights within half of the core's L1 data cache (a step reads all of them
    /// once; the other half holds the layers' outputs, observations and states), or within all of
    /// it where half holds fewer than 16 lanes, at most 64, rounded down to whole 16-, 8- or
    /// 4-float vectors. Fitting L1 rather than half of L2 measured 1.08–1.14× faster for
    /// Pendulum's MLP 16-16 (32 or 16 lanes against 64) and 1.2× for the arm's MLP 32-32 (8 lanes
    /// against 32) on a 48 KiB L1; half of it for Pendulum's: 16 lanes against 32 won 7 of 8
    /// alternated rounds, median 1.13× (the arm's 8 lanes, which fill L1, beat its 4 by 1.3×, so a
    /// policy that fits fewer than 16 lanes in half of L1 keeps filling it).
    /// A bigger policy streams every lane's weights from the L2 cache each step: 16 lanes (one
    /// 512-bit vector) where the CPU has 512-bit vectors and sixteen lanes' weights fill at most
    /// half of L2, else 8 lanes (one 256-bit vector) where eight lanes' weights fit L2, else one
    /// lane (one episode at a time, its forward pass vectorized across outputs). Measured on
    /// CartPole: MLP 4-64-64-2 (18 KiB a lane), 500-step episodes, 16 lanes 52.8–53.6 % of the L2
    /// limit against 8 lanes' 50.1–52.2 % (five runs) and whole 25-generation runs 2–5 % shorter
    /// (three alternated pairs), though 26-step episodes (a first generation, a small share of a
    /// run's steps) run ~10 % slower in 16 lanes, each episode's parameters written across more
    /// cache lines; 8 lanes 1.4× one lane, 4 lanes 0.8×. MLP 4-128-128-2 (68 KiB): 8 lanes 1.39×
    /// one lane, 16 lanes (beyond a 1 MiB L2) 1.15×.
    /// </summary>
    /// <param name="parameterCount">The policy's parameter count.</param>
    /// <param name="cacheBytes">The L1 data cache to fit in; by default the one Linux or else CPUID reports, else 32 KiB.</param>
    /// <param name="level2Bytes">The L2 cache; by default the one Linux or else CPUID reports, else 512 KiB.</param>
    /// <param name="wideVectors">Whether 512-bit vectors are accelerated; by default this CPU's answer.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parameterCount"/> is below 1.</exception>
    public static int AutoLanes(int parameterCount, long? cacheBytes = null, long? level2Bytes = null, bool? wideVectors = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parameterCount, 1);
        long laneBytes = 4L * parameterCount;
        if (laneBytes > MaxLaneBytes)
        {
            long level2 = level2Bytes ?? CacheSizes.Level2(512 * 1024);
            if ((wideVectors ?? Vector512.IsHardwareAccelerated) && 16 * laneBytes <= level2 / 2) return 16;
            return 8 * laneBytes <= level2 ? 8 : 1;
        }
        long budget = cacheBytes ?? CacheSizes.Level1Data(32 * 1024);
        // Half of L1 for the weights (the rest holds the layers' outputs, the observations and
        // the environments' states) where that still makes 16 lanes; else all of it.
        long fill = budget / laneBytes, half = budget / 2 / laneBytes;
        long lanes = Math.Clamp(half >= 16 ? half : fill, 1, 64);
        return (int)(lanes >= 16 ? lanes / 16 * 16 : lanes >= 8 ? 8 : lanes >= 4 ? 4 : lanes);
    }

    /// <summary>Above this many bytes of weights per lane, <see cref="AutoLanes"/> picks 16 or 8 lanes from L2, or one episode at a time.</summary>
    public const int MaxLaneBytes = 8 * 1024;

    /// <summary>Evaluates <paramref name="tasks"/> of the generation <paramref name="sampler"/> describes; <paramref name="results"/>[i] is task i's result.</summary>
    /// <exception cref="ArgumentException">The sampler is for another dimension or generation than a task, or <paramref name="results"/> is shorter than <paramref name="tasks"/>.</exception>
    public void Evaluate(ICandidateSampler sampler, ObservationNormalizer normalizer, IReadOnlyList<EvaluationTask> tasks, Span<TaskResult> results)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(normalizer);
        ArgumentNullException.ThrowIfNull(tasks);
        if (sampler.Dimension != Dimension)
            throw new ArgumentException($"the sampler has {sampler.Dimension} parameters, the policy {Dimension}.", nameof(sampler));
        if (results.Length < tasks.Count)
            throw new ArgumentException($"{results.Length} result slots for {tasks.Count} tasks.", nameof(results));
        var batch = new Batch(this, sampler, tasks);
        Run(batch, normalizer);
        batch.Assemble(results);
    }

    private void Run(Batch batch, ObservationNormalizer normalizer)
    {
        int lanes = Lanes, stride = _policy.Stride;
        int next = 0, inUse = 0;
        for (int k = 0; k < lanes; k++)
        {
            _job[k] = -1;
            if (Start(batch, k, ref next)) inUse = k + 1;
        }
        float[] raw = _raw;
        // CartPole under a linear argmax policy steps in fused loops, four lanes a group.
        bool fused = _linearCartPole is not null && normalizer.Size == _observationSize;
        NormalizationLanes4 constants = fused ? NormalizationLanes4.Of(normalizer) : default;
        // Busy lanes are 0 to inUse − 1: the lanes are refilled while the batch lasts, and at its
        // end the last busy lane moves into each hole, so the vectors stay full.
        while (inUse > 0)
        {
            bool idle = false;
            if (fused)
            {
                // Each group of four lanes to its first episode end (or a chunk of steps), then its
                // lanes' bookkeeping: the lanes' episodes are independent of each other.
                for (int first = 0; first < inUse; first += 4)
                {
                    int count = Math.Min(4, inUse - first);
                    StepLinearCartPole(first, count, constants);
                    idle |= Settle(batch, first, first + count, ref next);
                }
            }
            else
            {
                LogObservations(raw, inUse, stride);
                // Whole 8-lane vectors (the idle lanes' results are never read): the normalizer then
                // writes them with vector stores, which the forward pass's vector loads can be served from.
                normalizer.NormalizeLanes(raw, _policy.Inputs, stride, Math.Min(stride, (inUse + 7) & ~7));
                _policy.Forward(inUse);
                _policy.ActLanes(inUse, _actions, _noise, _training);
                _environments.Step(inUse, _actions, raw, stride, _results);
                idle = Settle(batch, 0, inUse, ref next);
            }
            if (idle) inUse = Compact(inUse);
        }
    }

    // Lanes from to to − 1 after a step: adds its rewards, finishes the episodes it ended and
    // starts the batch's next ones in their lanes; true when a lane was left idle.
    private bool Settle(Batch batch, int from, int to, ref int next)
    {
        bool idle = false;
        for (int k = from; k < to; k++)
        {
            _total[k] += _results[k].Reward;
            int steps = ++_steps[k];
            if (_results[k].Done || steps >= _limit)
            {
                batch.Finish(_job[k], _total[k], steps);
                idle |= !Start(batch, k, ref next);
            }
        }
        return idle;
    }

    // Lanes first to first + count − 1 (a group of four, at most) of CartPole under a linear argmax
    // policy: up to CartPoleLanes.LinearChunk steps in one fused loop, until a lane's episode ends.
    // The steps before the last gave every lane reward 1 (added to its return there) and no flag;
    // they are counted and logged here, the last one's results are left in _results, as after a
    // step of the generic loop.
    private void StepLinearCartPole(int first, int count, in NormalizationLanes4 normalization)
    {
        int most = 0;
        for (int k = first; k < first + count; k++) most = Math.Max(most, _steps[k]);
        int maxSteps = Math.Min(CartPoleLanes.LinearChunk, _limit - most);
        int taken = _linearCartPole!.StepLinear(first, count, maxSteps, LinearLanes4.Of(_policy, first), normalization, _raw, _policy.Stride, _history, _total, _results);
        for (int k = first; k < first + count; k++)
        {
            _steps[k] += taken - 1;
            _logs[k]?.AddRange(_history.AsSpan((k - first) * CartPoleLanes.LinearChunk * 4, taken * 4));
        }
    }

    // Appends each busy lane's observation to its log, where it keeps one. Observations of up to
    // four components go eight lanes at a time: their rows transposed in registers give each lane
    // its components as one 16-byte store, where a scalar copy a component and a call a lane cost
    // more (7 % of a Pendulum step). The logs hold the same floats either way.
    private void LogObservations(float[] raw, int inUse, int stride)
    {
        int size = _observationSize, k = 0;
        if (Avx.IsSupported && size is > 0 and <= 4)
        {
            ref float rows = ref MemoryMarshal.GetArrayDataReference(raw);
            for (; k < inUse && k + 8 <= stride; k += 8)
            {
                // Rows past the observation's components are zeros; lanes past the busy ones are never kept.
                var r0 = Vector256.LoadUnsafe(ref rows, (nuint)k);
                var r1 = size > 1 ? Vector256.LoadUnsafe(ref rows, (nuint)(stride + k)) : default;
                var r2 = size > 2 ? Vector256.LoadUnsafe(ref rows, (nuint)(2 * stride + k)) : default;
                var r3 = size > 3 ? Vector256.LoadUnsafe(ref rows, (nuint)(3 * stride + k)) : default;
                var low01 = Avx.UnpackLow(r0, r1);   // lanes 0, 1 | 4, 5 of rows 0 and 1
                var high01 = Avx.UnpackHigh(r0, r1); // lanes 2, 3 | 6, 7
                var low23 = Avx.UnpackLow(r2, r3);
                var high23 = Avx.UnpackHigh(r2, r3);
                var lanes04 = Avx.Shuffle(low01, low23, 0x44);
                var lanes15 = Avx.Shuffle(low01, low23, 0xEE);
                var lanes26 = Avx.Shuffle(high01, high23, 0x44);
                var lanes37 = Avx.Shuffle(high01, high23, 0xEE);
                Keep(k, inUse, lanes04.GetLower(), size);
                Keep(k + 1, inUse, lanes15.GetLower(), size);
                Keep(k + 2, inUse, lanes26.GetLower(), size);
                Keep(k + 3, inUse, lanes37.GetLower(), size);
                Keep(k + 4, inUse, lanes04.GetUpper(), size);
                Keep(k + 5, inUse, lanes15.GetUpper(), size);
                Keep(k + 6, inUse, lanes26.GetUpper(), size);
                Keep(k + 7, inUse, lanes37.GetUpper(), size);
            }
        }
        for (; k < inUse; k++) _logs[k]?.Add(raw, k, stride, size);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Keep(int lane, int inUse, Vector128<float> observation, int size)
    {
        if (lane < inUse && _logs[lane] is { } log) log.Add(observation, size);
    }

    // Moves busy lanes from the back into idle ones at the front; returns the busy count.
    private int Compact(int inUse)
    {
        int low = 0, high = inUse - 1;
        while (true)
        {
            while (low <= high && _job[low] >= 0) low++;
            while (high >= low && _job[high] < 0) high--;
            if (low >= high) return low;
            _environments.Move(high, low);
            for (int c = 0; c < _observationSize; c++) _raw[c * _policy.Stride + low] = _raw[c * _policy.Stride + high];
            _noise[low] = _noise[high];
            _total[low] = _total[high];
            _steps[low] = _steps[high];
            _job[low] = _job[high];
            _training[low] = _training[high];
            _logs[low] = _logs[high];
            _logs[high] = null;
            _job[high] = -1;
            _policy.Move(high, low);
        }
    }

    // Puts the batch's next episode in lane k, returns false when there is none (the lane idles).
    private bool Start(Batch batch, int k, ref int next)
    {
        while (next < batch.Count)
        {
            int job = next++;
            batch.Load(job, _candidate, out ulong seed);
            _policy.Load(k, _candidate);
            _environments.Reset(k, seed, _raw, _policy.Stride);
            _noise[k] = new Rng(Seeds.ActionNoise(seed));
            _total[k] = 0;
            _steps[k] = 0;
            _job[k] = job;
            _training[k] = batch.Training(job);
            _logs[k] = batch.Log(job);
            if (_limit > 0) return true;
            batch.Finish(job, 0, 0); // EpisodeRunner takes no step under a zero limit
        }
        _job[k] = -1;
        _logs[k] = null;
        return false;
    }

    private KeptObservations RentBuffer() => _spareBuffers.Count > 0 ? _spareBuffers.Pop() : new KeptObservations();

    private void ReturnBuffer(KeptObservations buffer)
    {
        buffer.Count = 0;
        _spareBuffers.Push(buffer);
    }

    // An episode's observations, one after the other, until its task's statistics take them (in
    // episode order, Batch.Finish); a bare growable array, since every lane adds to one at every step.
    private sealed class KeptObservations
    {
        public float[] Values = new float[256];
        public int Count;

        // raw holds size components of stride lanes, start < stride: unchecked reads stay inside it.
        public void Add(float[] raw, int start, int stride, int size)
        {
            if (Count + size > Values.Length) Array.Resize(ref Values, Math.Max(2 * Values.Length, Count + size));
            ref float target = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Values), Count);
            ref float source = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(raw), start);
            for (int c = 0; c < size; c++) Unsafe.Add(ref target, c) = Unsafe.Add(ref source, c * stride);
            Count += size;
        }

        // Observations one after the other, as many as `values` holds.
        public void AddRange(ReadOnlySpan<float> values)
        {
            if (Count + values.Length > Values.Length) Array.Resize(ref Values, Math.Max(2 * Values.Length, Count + values.Length));
            values.CopyTo(Values.AsSpan(Count));
            Count += values.Length;
        }

        // The first `size` (at most four) floats of `observation`; the store writes all four, the
        // ones past the observation to be overwritten by the next one or never read.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(Vector128<float> observation, int size)
        {
            if (Count + 4 > Values.Length) Array.Resize(ref Values, 2 * Values.Length);
            observation.StoreUnsafe(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Values), Count));
            Count += size;
        }
    }

    // The episodes of one batch of tasks, in task order and, within a task, in the order
    // PairEvaluator runs them: + then − candidate, each over its episodes.
    private sealed class Batch
    {
        private readonly LockstepRollouts _owner;
        private readonly ICandidateSampler _sampler;
        private readonly IReadOnlyList<EvaluationTask> _tasks;
        private readonly int _perCandidate;
        private readonly int[] _firstJob;
        private readonly int[] _jobTask;
        private readonly double[] _return;
        private readonly int[] _length;
        private readonly bool[] _finished;
        private readonly KeptObservations?[] _pending;
        private readonly ObservationStats?[] _stats;
        private readonly int[] _cursor;

        public Batch(LockstepRollouts owner, ICandidateSampler sampler, IReadOnlyList<EvaluationTask> tasks)
        {
            _owner = owner;
            _sampler = sampler;
            _tasks = tasks;
            _perCandidate = owner._episodesPerCandidate;
            _firstJob = new int[tasks.Count + 1];
            _stats = new ObservationStats?[tasks.Count];
            _cursor = new int[tasks.Count];
            int jobs = 0;
            for (int t = 0; t < tasks.Count; t++)
            {
                EvaluationTask task = tasks[t];
                if (sampler.Generation != task.Generation)
                    throw new ArgumentException($"task is of generation {task.Generation}, the sampler of generation {sampler.Generation}.", nameof(tasks));
                _firstJob[t] = jobs;
                _cursor[t] = jobs;
                jobs += task.Kind == TaskKind.Evaluate ? 1 : sampler.CandidatesPerTask * _perCandidate;
                if (task.Kind == TaskKind.Train && task.CollectStatistics && owner._observationSize > 0)
                    _stats[t] = new ObservationStats(owner._observationSize);
            }
            _firstJob[tasks.Count] = jobs;
            _jobTask = new int[jobs];
            for (int t = 0; t < tasks.Count; t++)
                for (int j = _firstJob[t]; j < _firstJob[t + 1]; j++) _jobTask[j] = t;
            _return = new double[jobs];
            _length = new int[jobs];
            _finished = new bool[jobs];
            _pending = new KeptObservations?[jobs];
        }

        public int Count => _jobTask.Length;

        public bool Training(int job) => _tasks[_jobTask[job]].Kind == TaskKind.Train;

        // Episode `job`'s observation log, or null when its task collects no statistics.
        public KeptObservations? Log(int job) => _stats[_jobTask[job]] is null ? null : _pending[job] ??= _owner.RentBuffer();

        // The parameters and reset seed of episode `job`.
        public void Load(int job, Span<float> parameters, out ulong seed)
        {
            int t = _jobTask[job];
            EvaluationTask task = _tasks[t];
            if (task.Kind == TaskKind.Evaluate)
            {
                _sampler.Center.CopyTo(parameters);
                seed = task.EnvironmentSeed;
                return;
            }
            int index = job - _firstJob[t];
            int sign = index < _perCandidate ? +1 : -1;
            _sampler.Materialize(new Candidate(task.Task, task.NoiseIndex, sign), parameters);
            seed = Seeds.Episode(task.EnvironmentSeed, index % _perCandidate);
        }

        // Every episode logs the observations its policy sees (Log); a task's statistics take
        // the logs in episode order: when the episode next in line finishes, its log and those of
        // the finished episodes after it go in, up to the first unfinished one, now next in line.
        public void Finish(int job, double total, int steps)
        {
            _return[job] = total;
            _length[job] = steps;
            _finished[job] = true;
            int t = _jobTask[job];
            ObservationStats? stats = _stats[t];
            if (stats is null || _cursor[t] != job) return;
            int end = _firstJob[t + 1];
            int cursor = job;
            for (; cursor < end && _finished[cursor]; cursor++)
            {
                if (_pending[cursor] is not { } log) continue;
                stats.AddRows(log.Values.AsSpan(0, log.Count));
                _owner.ReturnBuffer(log);
                _pending[cursor] = null;
            }
            _cursor[t] = cursor;
        }

        public void Assemble(Span<TaskResult> results)
        {
            for (int t = 0; t < _tasks.Count; t++)
            {
                EvaluationTask task = _tasks[t];
                int first = _firstJob[t];
                if (task.Kind == TaskKind.Evaluate)
                {
                    // EpisodeFitness: one evaluation episode, total / 1.
                    double total = 0;
                    total += _return[first];
                    results[t] = new TaskResult(task.Generation, task.Task, total / 1, double.NaN, _length[first], 0, null);
                    continue;
                }
                (double plus, int plusSteps) = Candidate(first);
                if (_sampler.CandidatesPerTask == 1)
                {
                    results[t] = new TaskResult(task.Generation, task.Task, plus, double.NaN, plusSteps, 0, _stats[t]);
                    continue;
                }
                (double minus, int minusSteps) = Candidate(first + _perCandidate);
                results[t] = new TaskResult(task.Generation, task.Task, plus, minus, plusSteps, minusSteps, _stats[t]);
            }
        }

        // EpisodeFitness.Evaluate's sum and mean over a candidate's episodes.
        private (double Fitness, int Steps) Candidate(int first)
        {
            double total = 0;
            int steps = 0;
            for (int e = 0; e < _perCandidate; e++)
            {
                total += _return[first + e];
                steps += _length[first + e];
            }
            return (total / _perCandidate, steps);
        }
    }
}
