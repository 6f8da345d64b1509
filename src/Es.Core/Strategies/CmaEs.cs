// CMA-ES (Hansen's tutorial, 2016) behind the ask/tell interface: z from the noise table, full covariance, optional IPOP restarts.
using Es.Core.Noise;
using Es.Core.Random;
using MathNet.Numerics.LinearAlgebra;

namespace Es.Core.Strategies;

/// <summary>
/// The covariance matrix adaptation evolution strategy as N. Hansen, "The CMA Evolution Strategy:
/// A Tutorial" (arXiv:1604.00772, 2016) states it, with its default parameters: candidates
/// xₖ = m + σ·B·D·zₖ with zₖ the noise-table slice of task k; (μ/μ_w, λ) recombination with log
/// weights; cumulative step-size adaptation; rank-one and rank-μ covariance updates; a lazy
/// eigendecomposition C = B·D²·Bᵀ (MathNet.Numerics, managed and deterministic) once every
/// λ / ((c₁ + c_μ)·n·10) generations. Optional IPOP restarts (Auger and Hansen, 2005).
/// </summary>
/// <remarks>
/// <para>
/// Numbers: m, σ, C and the paths are double; a candidate is computed in double and rounded to
/// float once, and the update uses the rounded candidates actually evaluated (yₖ = (xₖ − m)/σ).
/// The center is m rounded to float. Logarithms and exponentials go through
/// <see cref="DeterministicMath"/>; everything else is plain loops in a fixed order.
/// </para>
/// <para>
/// Cost: materializing a candidate is O(n²), an update O(μ·n²) plus an O(n³) decomposition every
/// few generations, and the state holds two n×n matrices (C and B·D, 16·n² bytes). The practical
/// limit is a few thousand parameters (n = 2,000: 32 MB of state, about 4·10⁶ multiply-adds per
/// candidate); beyond that use OpenAI-ES or PEPG.
/// </para>
/// <para>
/// Partial generation (straggler cut-off): the completed candidates are ranked and recombined with
/// the weights of a population of their count (μ' = ⌊λ'/2⌋ and its μ_eff, which also normalizes
/// the path updates); the learning rates stay those of λ.
/// </para>
/// <para>
/// Restarts (<see cref="CmaEsOptions.Restarts"/> &gt; 0): after an update, when TolFun, TolX or
/// ConditionCov holds, the strategy starts again from θ₀, σ₀ and C = I with λ multiplied by
/// <see cref="CmaEsOptions.PopulationIncrease"/>, so <see cref="PopulationSize"/> and
/// <see cref="TaskCount"/> change between generations. The center then jumps back to θ₀.
/// </para>
/// <para>
/// σ has no floor. Long after convergence on a noiseless function σ can underflow; an update
/// whose m, σ, paths or C would leave the finite double range is undone (the distribution stays,
/// the generation advances), or triggers a restart when restarts are left.
/// </para>
/// <para>
/// State: <see cref="StrategyState.Center"/> is m as float; <see cref="StrategyState.Extra"/> is
/// [restarts done, λ, generations since the restart, that count at the last decomposition, σ,
/// (1 − c_σ)^(2·(g+1)), history length h, m (n), p_σ (n), p_c (n), C (n², row-major), B (n²,
/// eigenvectors in columns), D (n), θ₀ (n), the best fitness of each of the last h generations (h)].
/// </para>
/// </remarks>
public sealed class CmaEs : IStrategy
{
    private const int Header = 7;

    private readonly CmaEsOptions _options;
    private readonly NoiseTable _noise;
    private readonly ulong _seed;
    private readonly int _n;
    private double[] _theta0;
    private CmaParameters _p;
    private int _restarts;
    private long _sinceRestart;
    private long _lastEigen;
    private double _sigma;
    private double _pathDecay;
    private double[] _mean;
    private double[] _pSigma;
    private double[] _pc;
    private double[] _c;
    // Replaced, never written in place, after each decomposition: samplers share it.
    private double[] _bd;
    // B and D of the last decomposition, for C^(−1/2) = B·D⁻¹·Bᵀ; B·D is recomputed from them on load with the same products.
    private double[] _b;
    private double[] _d;
    private List<double> _history;
    private float[] _center;
    private Candidate[]? _asked;
    private CmaSampler? _sampler;

    /// <summary>Creates the strategy with m = <paramref name="initialParameters"/>, σ = σ₀, C = I.</summary>
    /// <param name="options">Hyper-parameters; validated here.</param>
    /// <param name="initialParameters">θ₀, the initial mean.</param>
    /// <param name="noise">The shared noise table; it must hold at least one slice of the parameter count.</param>
    /// <param name="seed">Seed of the noise-index streams (the run seed).</param>
    /// <exception cref="ArgumentException">Invalid options, an empty or non-finite θ₀, or a noise table smaller than θ.</exception>
    public CmaEs(CmaEsOptions options, ReadOnlySpan<float> initialParameters, NoiseTable noise, ulong seed)
    {
        options.Validate();
        StrategyChecks.Start(initialParameters, noise);
        _options = options;
        _noise = noise;
        _seed = seed;
        _n = initialParameters.Length;
        _theta0 = new double[_n];
        for (int i = 0; i < _n; i++) _theta0[i] = initialParameters[i];
        _p = new CmaParameters(_n, options.InitialPopulation(_n));
        _mean = [];
        _pSigma = [];
        _pc = [];
        _c = [];
        _bd = [];
        _b = [];
        _d = [];
        _history = [];
        _center = [];
        Start(_p.Lambda);
    }

    /// <inheritdoc/>
    public string Name => "cma-es";

    /// <inheritdoc/>
    public int Dimension => _n;

    /// <inheritdoc/>
    /// <remarks>λ of the current run; it grows at an IPOP restart.</remarks>
    public int PopulationSize => _p.Lambda;

    /// <inheritdoc/>
    public int TaskCount => _options.Mirrored ? _p.Lambda / 2 : _p.Lambda;

    /// <summary>The hyper-parameters.</summary>
    public CmaEsOptions Options => _options;

    /// <inheritdoc/>
    public long Generation { get; private set; }

    /// <inheritdoc/>
    /// <remarks>The mean m, rounded to float.</remarks>
    public ReadOnlySpan<float> Center => _center;

    /// <summary>The current step size σ.</summary>
    public double Sigma => _sigma;

    /// <inheritdoc/>
    /// <remarks><see cref="Sigma"/>, the global step size (a candidate's spread along a principal axis is σ times that axis's scale).</remarks>
    public double MeanSigma => _sigma;

    /// <summary>IPOP restarts done so far.</summary>
    public int RestartCount => _restarts;

    /// <summary>The condition number of C at the last decomposition (max D² / min D²).</summary>
    public double Condition
    {
        get
        {
            double max = _d.Max(), min = _d.Min();
            return max * max / (min * min);
        }
    }

    private int PerTask => _options.Mirrored ? 2 : 1;

    /// <inheritdoc/>
    public IReadOnlyList<Candidate> Ask() =>
        _asked ??= FitnessReplay.Candidates(_noise, _seed, Generation, TaskCount, _options.Mirrored, _n);

    /// <inheritdoc/>
    public void Materialize(in Candidate candidate, Span<float> destination) =>
        CmaSampler.Sample(_mean, _sigma, _bd, _noise, candidate, destination);

    /// <inheritdoc/>
    public ICandidateSampler Sampler() => _sampler ??= new CmaSampler(Generation, _mean, _sigma, _bd, _noise, PerTask);

    /// <inheritdoc/>
    public TellResult Tell(ReadOnlySpan<double> fitness)
    {
        StrategyUpdate update = ComputeUpdate(fitness, FitnessReplay.AllTasks(TaskCount, PopulationSize, fitness.Length));
        return new TellResult(update, Apply(update));
    }

    /// <inheritdoc/>
    /// <remarks>A partial generation recombines the completed candidates with the weights of a population of their count.</remarks>
    public StrategyUpdate ComputeUpdate(ReadOnlySpan<double> fitness, IReadOnlyList<int> tasks) =>
        FitnessReplay.Pack(Generation, fitness, tasks, TaskCount, PerTask);

    /// <inheritdoc/>
    /// <remarks><see cref="TellReport.GradientNorm"/> is ‖Δm‖, the length of the mean's step.</remarks>
    public TellReport Apply(StrategyUpdate update)
    {
        FitnessUpdate u = FitnessReplay.Unpack(update, Name, Generation, TaskCount, PerTask);
        IReadOnlyList<Candidate> candidates = Ask();
        int n = _n;
        double[] weights = u.Fitness.Length == _p.Lambda ? _p.Weights : CmaParameters.WeightsFor(u.Fitness.Length, out _);
        double muEff = u.Fitness.Length == _p.Lambda ? _p.MuEff : 1 / weights.Sum(w => w * w);
        int mu = weights.Length;
        int[] order = FitnessReplay.BestFirst(u.Fitness);

        // y_i = (x_i − m)/σ of the μ best, from the float candidates that were evaluated.
        var ys = new double[mu][];
        var x = new float[n];
        for (int r = 0; r < mu; r++)
        {
            int i = order[r];
            Candidate c = candidates[PerTask * u.Tasks[i / PerTask] + i % PerTask];
            Materialize(c, x);
            var y = new double[n];
            for (int k = 0; k < n; k++) y[k] = (x[k] - _mean[k]) / _sigma;
            ys[r] = y;
        }
        var yw = new double[n];
        for (int r = 0; r < mu; r++)
            for (int k = 0; k < n; k++) yw[k] += weights[r] * ys[r][k];

        // m ← m + σ·y_w (c_m = 1).
        float[] before = _center;
        // Kept to undo a degenerate step (see below); C is the only large one, O(n²) like the update itself.
        double[] oldMean = (double[])_mean.Clone(), oldPSigma = (double[])_pSigma.Clone(), oldPc = (double[])_pc.Clone(), oldC = (double[])_c.Clone();
        double oldSigma = _sigma, oldPathDecay = _pathDecay;
        for (int k = 0; k < n; k++) _mean[k] += _sigma * yw[k];

        // p_σ ← (1 − c_σ)·p_σ + √(c_σ(2 − c_σ)μ_eff)·C^(−1/2)·y_w, with C^(−1/2) = B·D⁻¹·Bᵀ.
        double[] whitened = InverseSqrtTimes(yw);
        double cs = _p.CSigma;
        double sigmaScale = Math.Sqrt(cs * (2 - cs) * muEff);
        double normPs = 0;
        for (int k = 0; k < n; k++)
        {
            _pSigma[k] = (1 - cs) * _pSigma[k] + sigmaScale * whitened[k];
            normPs += _pSigma[k] * _pSigma[k];
        }
        normPs = Math.Sqrt(normPs);
        _pathDecay *= (1 - cs) * (1 - cs);
        bool hSigma = normPs / Math.Sqrt(1 - _pathDecay) < (1.4 + 2.0 / (n + 1)) * _p.ChiN;

        // p_c ← (1 − c_c)·p_c + h_σ·√(c_c(2 − c_c)μ_eff)·y_w.
        double cc = _p.Cc;
        double pcScale = hSigma ? Math.Sqrt(cc * (2 - cc) * muEff) : 0;
        for (int k = 0; k < n; k++) _pc[k] = (1 - cc) * _pc[k] + pcScale * yw[k];

        // C ← (1 − c₁ − c_μ + δ(h_σ)·c₁)·C + c₁·p_c·p_cᵀ + c_μ·Σ wᵢ·yᵢ·yᵢᵀ (Σw = 1), δ = (1 − h_σ)·c_c(2 − c_c).
        double c1 = _p.C1, cmu = _p.CMu;
        double decay = 1 - c1 - cmu + (hSigma ? 0 : c1 * cc * (2 - cc));
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double rankMu = 0;
                for (int r = 0; r < mu; r++) rankMu += weights[r] * ys[r][i] * ys[r][j];
                double v = decay * _c[i * n + j] + c1 * _pc[i] * _pc[j] + cmu * rankMu;
                _c[i * n + j] = v;
                _c[j * n + i] = v;
            }
        }

        // σ ← σ·exp((c_σ/d_σ)(‖p_σ‖/E‖N(0, I)‖ − 1)).
        _sigma *= DeterministicMath.Exp(cs / _p.DSigma * (normPs / _p.ChiN - 1));

        // A step that leaves the double range (σ underflowed to 0 long after convergence, so y = 0/0)
        // is undone: the distribution stays where it was, or restarts when restarts are left.
        bool degenerate = !IsFinite();
        if (degenerate)
        {
            _mean = oldMean;
            _pSigma = oldPSigma;
            _pc = oldPc;
            _c = oldC;
            _sigma = oldSigma;
            _pathDecay = oldPathDecay;
        }
        _sinceRestart++;
        if (!degenerate && _sinceRestart - _lastEigen >= _p.EigenGap) Decompose();

        _history.Add(u.Fitness[order[0]]);
        if (_history.Count > _p.HistoryLength) _history.RemoveAt(0);
        bool restarted = false;
        if (_restarts < _options.Restarts && (degenerate || ShouldRestart(u.Fitness)))
        {
            _restarts++;
            int lambda = (int)Math.Floor(_p.Lambda * _options.PopulationIncrease);
            if (_options.Mirrored && lambda % 2 != 0) lambda++;
            Start(lambda);
            restarted = true;
        }
        else
        {
            UpdateCenter();
        }
        Generation++;
        _asked = null;
        _sampler = null;
        TellReport report = FitnessReplay.MoveReport(before, _center);
        return restarted ? report with { GradientNorm = 0 } : report;
    }

    /// <inheritdoc/>
    public StrategyState SaveState()
    {
        int n = _n, h = _history.Count;
        var extra = new double[Header + 4 * n + 2 * n * n + n + h];
        extra[0] = _restarts;
        extra[1] = _p.Lambda;
        extra[2] = _sinceRestart;
        extra[3] = _lastEigen;
        extra[4] = _sigma;
        extra[5] = _pathDecay;
        extra[6] = h;
        int o = Header;
        _mean.CopyTo(extra, o); o += n;
        _pSigma.CopyTo(extra, o); o += n;
        _pc.CopyTo(extra, o); o += n;
        _c.CopyTo(extra, o); o += n * n;
        _b.CopyTo(extra, o); o += n * n;
        _d.CopyTo(extra, o); o += n;
        _theta0.CopyTo(extra, o); o += n;
        _history.CopyTo(extra, o);
        return new StrategyState(Name, Generation, (float[])_center.Clone(), null, extra);
    }

    /// <inheritdoc/>
    public void LoadState(StrategyState state)
    {
        FitnessReplay.CheckState(state, Name, Dimension);
        int n = _n;
        double[] extra = state.Extra ?? throw new ArgumentException($"a {Name} state needs its covariance and paths in Extra; it has none.", nameof(state));
        if (extra.Length < Header)
            throw new ArgumentException($"a {Name} state's Extra is too short ({extra.Length} values).", nameof(state));
        int h = (int)extra[6];
        long expected = Header + 4L * n + 2L * n * n + n + h;
        if (extra[6] < 0 || extra.Length != expected)
            throw new ArgumentException($"a {Name} state of {n} parameters with a history of {extra[6]} needs {expected} Extra values, got {extra.Length}.", nameof(state));
        int lambda = (int)extra[1];
        if (extra[0] < 0 || extra[0] > _options.Restarts || lambda < 2 || (_options.Mirrored && lambda % 2 != 0))
            throw new ArgumentException($"a {Name} state with {extra[0]} restarts and λ = {extra[1]} does not fit these options (restarts <= {_options.Restarts}{(_options.Mirrored ? ", even λ" : "")}).", nameof(state));
        if (!(extra[4] > 0) || double.IsInfinity(extra[4]))
            throw new ArgumentException($"a {Name} state has an invalid σ {extra[4]}.", nameof(state));
        _restarts = (int)extra[0];
        _p = new CmaParameters(n, lambda);
        _sinceRestart = (long)extra[2];
        _lastEigen = (long)extra[3];
        _sigma = extra[4];
        _pathDecay = extra[5];
        int o = Header;
        _mean = extra.AsSpan(o, n).ToArray(); o += n;
        _pSigma = extra.AsSpan(o, n).ToArray(); o += n;
        _pc = extra.AsSpan(o, n).ToArray(); o += n;
        _c = extra.AsSpan(o, n * n).ToArray(); o += n * n;
        _b = extra.AsSpan(o, n * n).ToArray(); o += n * n;
        _d = extra.AsSpan(o, n).ToArray(); o += n;
        _theta0 = extra.AsSpan(o, n).ToArray(); o += n;
        _history = extra.AsSpan(o, h).ToArray().ToList();
        _bd = BTimesD(_b, _d, n);
        Generation = state.Generation;
        UpdateCenter();
        _asked = null;
        _sampler = null;
    }

    /// <summary>(Re)starts from θ₀, σ₀, C = I and zero paths with population <paramref name="lambda"/>.</summary>
    private void Start(int lambda)
    {
        int n = _n;
        _p = new CmaParameters(n, lambda);
        _mean = (double[])_theta0.Clone();
        _sigma = _options.Sigma;
        _pSigma = new double[n];
        _pc = new double[n];
        _c = new double[n * n];
        _b = new double[n * n];
        _bd = new double[n * n];
        _d = new double[n];
        for (int i = 0; i < n; i++)
        {
            _c[i * n + i] = 1;
            _b[i * n + i] = 1;
            _bd[i * n + i] = 1;
            _d[i] = 1;
        }
        _sinceRestart = 0;
        _lastEigen = 0;
        _pathDecay = 1;
        _history = [];
        UpdateCenter();
    }

    private void UpdateCenter()
    {
        var center = new float[_n];
        for (int i = 0; i < _n; i++) center[i] = (float)_mean[i];
        _center = center;
    }

    /// <summary>C^(−1/2)·v = B·D⁻¹·Bᵀ·v, with the B and D of the last decomposition.</summary>
    private double[] InverseSqrtTimes(double[] v)
    {
        int n = _n;
        var t = new double[n];
        for (int k = 0; k < n; k++)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += _b[i * n + k] * v[i];
            t[k] = s / _d[k];
        }
        var result = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            int row = i * n;
            for (int k = 0; k < n; k++) s += _b[row + k] * t[k];
            result[i] = s;
        }
        return result;
    }

    /// <summary>C = B·D²·Bᵀ by MathNet's symmetric eigendecomposition (managed Householder tridiagonalization and QL: a fixed sequence of operations).</summary>
    private void Decompose()
    {
        int n = _n;
        Matrix<double> c = Matrix<double>.Build.Dense(n, n, (i, j) => _c[i * n + j]);
        var evd = c.Evd(Symmetricity.Symmetric);
        Matrix<double> vectors = evd.EigenVectors;
        var d = new double[n];
        var b = new double[n * n];
        for (int k = 0; k < n; k++)
        {
            // Round-off can leave tiny negative eigenvalues; floor them so D stays positive.
            double lambdaK = Math.Max(evd.EigenValues[k].Real, 1e-300);
            d[k] = Math.Sqrt(lambdaK);
        }
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k++) b[i * n + k] = vectors[i, k];
        _b = b;
        _d = d;
        _bd = BTimesD(b, d, n);
        _lastEigen = _sinceRestart;
    }

    private static double[] BTimesD(double[] b, double[] d, int n)
    {
        var bd = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k++) bd[i * n + k] = b[i * n + k] * d[k];
        return bd;
    }

    /// <summary>Whether σ is positive and finite and m, the paths and C are finite.</summary>
    private bool IsFinite()
    {
        if (!(_sigma > 0) || !double.IsFinite(_sigma)) return false;
        for (int i = 0; i < _n; i++)
            if (!double.IsFinite(_mean[i]) || !double.IsFinite(_pSigma[i]) || !double.IsFinite(_pc[i])) return false;
        foreach (double v in _c)
            if (!double.IsFinite(v)) return false;
        return true;
    }

    /// <summary>The tutorial's TolFun, TolX and ConditionCov criteria (appendix B.3).</summary>
    private bool ShouldRestart(double[] fitness)
    {
        if (_history.Count >= _p.HistoryLength)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (double f in _history.Concat(fitness))
            {
                min = Math.Min(min, f);
                max = Math.Max(max, f);
            }
            if (max - min < _options.TolFun) return true;
        }
        double tolX = _options.TolX * _options.Sigma;
        bool allSmall = true;
        for (int i = 0; i < _n && allSmall; i++)
            allSmall = _sigma * Math.Abs(_pc[i]) < tolX && _sigma * Math.Sqrt(_c[i * _n + i]) < tolX;
        if (allSmall) return true;
        return Condition > _options.MaxCondition;
    }
}
