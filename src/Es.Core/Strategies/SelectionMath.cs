// Small shared pieces of the strategies that replay fitnesses (hill-climber, GA, CMA-ES): argument checks, noise indices, ranking.
using Es.Core.Noise;
using Es.Core.Random;

namespace Es.Core.Strategies;

internal static class SelectionMath
{
    /// <summary>The noise index of task <paramref name="task"/> in generation <paramref name="generation"/>, drawn exactly as <see cref="OpenAiEs.NoiseIndexOf"/> draws it.</summary>
    public static int NoiseIndexOf(NoiseTable noise, ulong seed, long generation, int task, int dimension)
    {
        var rng = Rng.ForStream(Rng.Mix(seed, (ulong)generation), (ulong)task);
        return noise.SampleIndex(ref rng, dimension);
    }

    /// <summary>A stream for one purpose of one task of one generation, independent of the noise-index stream.</summary>
    public static Rng StreamOf(ulong seed, ulong purpose, long generation, int task) =>
        Rng.ForStream(Rng.Mix(Rng.Mix(seed, purpose), (ulong)generation), (ulong)task);

    /// <summary>The candidates (j, index_j, +1) [and (j, index_j, −1)] of a generation, in task order.</summary>
    public static Candidate[] Candidates(NoiseTable noise, ulong seed, long generation, int tasks, bool mirrored, int dimension)
    {
        var candidates = new Candidate[mirrored ? 2 * tasks : tasks];
        for (int j = 0; j < tasks; j++)
        {
            int index = NoiseIndexOf(noise, seed, generation, j, dimension);
            if (mirrored)
            {
                candidates[2 * j] = new Candidate(j, index, +1);
                candidates[2 * j + 1] = new Candidate(j, index, -1);
            }
            else
            {
                candidates[j] = new Candidate(j, index, +1);
            }
        }
        return candidates;
    }

    /// <summary>Checks the arguments of ComputeUpdate and copies them into a <see cref="FitnessUpdate"/>.</summary>
    public static FitnessUpdate Update(long generation, ReadOnlySpan<double> fitness, IReadOnlyList<int> tasks, int taskCount, int perTask)
    {
        if (tasks.Count == 0) throw new ArgumentException("no completed task: a generation needs at least one to learn from.", nameof(tasks));
        if (fitness.Length != perTask * tasks.Count)
            throw new ArgumentException($"expected {perTask * tasks.Count} fitnesses for {tasks.Count} tasks, got {fitness.Length}.", nameof(fitness));
        var copy = new int[tasks.Count];
        for (int k = 0; k < tasks.Count; k++)
        {
            int j = tasks[k];
            if (j < 0 || j >= taskCount) throw new ArgumentException($"task {j} is not a task of this generation (0..{taskCount - 1}).", nameof(tasks));
            if (k > 0 && j <= copy[k - 1]) throw new ArgumentException($"tasks must be ascending and distinct; {j} follows {copy[k - 1]}.", nameof(tasks));
            copy[k] = j;
        }
        for (int i = 0; i < fitness.Length; i++)
            if (!double.IsFinite(fitness[i]))
                throw new ArgumentException($"fitness[{i}] is {fitness[i]}; apply the non-finite policy before telling.", nameof(fitness));
        return new FitnessUpdate(generation, copy, fitness.ToArray());
    }

    /// <summary>The full-generation update's arguments: every task, in order.</summary>
    public static int[] AllTasks(int taskCount, int populationSize, int fitnessCount)
    {
        if (fitnessCount != populationSize)
            throw new ArgumentException($"expected {populationSize} fitnesses, got {fitnessCount}.", nameof(fitnessCount));
        var tasks = new int[taskCount];
        for (int j = 0; j < taskCount; j++) tasks[j] = j;
        return tasks;
    }

    /// <summary>Checks that <paramref name="update"/> is a fitness update for <paramref name="generation"/> that a strategy of this shape could have made.</summary>
    public static FitnessUpdate CheckApply(StrategyUpdate update, long generation, string strategy, int taskCount, int perTask)
    {
        if (update is not FitnessUpdate fitness)
            throw new ArgumentException($"{strategy} cannot apply a {update.GetType().Name}.", nameof(update));
        if (fitness.Generation != generation)
            throw new InvalidOperationException($"update is for generation {fitness.Generation}, the strategy is at generation {generation}.");
        // Revalidate: an update may come from the wire.
        _ = Update(generation, fitness.Fitness, fitness.Tasks, taskCount, perTask);
        return fitness;
    }

    /// <summary>Indices 0..n−1 ordered best first (highest fitness); ties go to the lower index, so the order is a pure function of the input.</summary>
    public static int[] RankDescending(ReadOnlySpan<double> fitness)
    {
        int n = fitness.Length;
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        double[] values = fitness.ToArray();
        Array.Sort(order, (a, b) =>
        {
            int c = values[b].CompareTo(values[a]);
            return c != 0 ? c : a.CompareTo(b);
        });
        return order;
    }

    /// <summary>Euclidean norm accumulated in double, left to right.</summary>
    public static double Norm(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (float v in x) sum += (double)v * v;
        return Math.Sqrt(sum);
    }

    /// <summary>‖a − b‖ accumulated in double, left to right.</summary>
    public static double Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = (double)a[i] - b[i];
            sum += d * d;
        }
        return Math.Sqrt(sum);
    }

    /// <summary>The report of a move of the center from <paramref name="before"/> to <paramref name="after"/>: step length as the "gradient" norm.</summary>
    public static TellReport MoveReport(ReadOnlySpan<float> before, ReadOnlySpan<float> after)
    {
        double step = Distance(before, after);
        double normBefore = Norm(before);
        return new TellReport(step, Norm(after), normBefore > 0 ? step / normBefore : step);
    }

    /// <summary>Checks a saved state's name and dimension.</summary>
    public static void CheckState(StrategyState state, string name, int dimension)
    {
        if (state.Name != name) throw new ArgumentException($"state is for strategy '{state.Name}', not '{name}'.", nameof(state));
        if (state.Center.Length != dimension)
            throw new ArgumentException($"state has {state.Center.Length} parameters, the strategy {dimension}.", nameof(state));
        if (state.Generation < 0) throw new ArgumentException($"state has a negative generation {state.Generation}.", nameof(state));
    }

    /// <summary>Checks the constructor's θ₀ and noise table.</summary>
    public static void CheckStart(ReadOnlySpan<float> initialParameters, NoiseTable noise)
    {
        if (initialParameters.Length == 0) throw new ArgumentException("θ₀ is empty.", nameof(initialParameters));
        if (noise.Size < initialParameters.Length)
            throw new ArgumentException($"the noise table holds {noise.Size} values, fewer than the {initialParameters.Length} parameters.", nameof(noise));
        foreach (float v in initialParameters)
            if (!float.IsFinite(v)) throw new ArgumentException("θ₀ holds a non-finite value.", nameof(initialParameters));
    }
}
