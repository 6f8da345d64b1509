// Shared by the strategies whose update is the fitnesses themselves (PEPG, SNES, ARS, CMA-ES, GA, hill-climber): noise indices, checks, ranking.
using Es.Core.Noise;
using Es.Core.Random;

namespace Es.Core.Strategies;

/// <summary>
/// The plumbing of a <see cref="FitnessUpdate"/>: the noise index every replica recomputes for a
/// task, the checks <see cref="IStrategy.ComputeUpdate"/> makes on what it is given, and the
/// checks <see cref="IStrategy.Apply"/> makes on an update that may have crossed the network.
/// </summary>
internal static class FitnessReplay
{
    /// <summary>The noise index of <paramref name="task"/> in <paramref name="generation"/>: drawn as <see cref="OpenAiEs.NoiseIndexOf"/> draws it, from (seed, generation, task) alone.</summary>
    public static int NoiseIndexOf(NoiseTable noise, ulong seed, long generation, int task, int dimension)
    {
        var rng = Rng.ForStream(Rng.Mix(seed, (ulong)generation), (ulong)task);
        return noise.SampleIndex(ref rng, dimension);
    }

    /// <summary>The candidates of a generation in task order: (j, index, +1) and, when mirrored, (j, index, −1).</summary>
    public static Candidate[] Candidates(NoiseTable noise, ulong seed, long generation, int taskCount, bool mirrored, int dimension)
    {
        var candidates = new Candidate[mirrored ? 2 * taskCount : taskCount];
        for (int j = 0; j < taskCount; j++)
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

    /// <summary>Checks the arguments of <see cref="IStrategy.ComputeUpdate"/> and packs them (copied) into the update.</summary>
    /// <exception cref="ArgumentException">Counts disagree, a task index is out of range or not ascending, or a fitness is not finite.</exception>
    public static FitnessUpdate Pack(long generation, ReadOnlySpan<double> fitness, IReadOnlyList<int> tasks, int taskCount, int perTask)
    {
        int[] copy = tasks.ToArray();
        Check(copy, fitness, taskCount, perTask, nameof(fitness), nameof(tasks));
        return new FitnessUpdate(generation, copy, fitness.ToArray());
    }

    /// <summary>Checks an update before a strategy applies it: its kind, its generation, and that its tasks and fitnesses fit this strategy.</summary>
    /// <exception cref="ArgumentException">The update is not a <see cref="FitnessUpdate"/>, or its contents do not fit.</exception>
    /// <exception cref="InvalidOperationException">The update is for another generation.</exception>
    public static FitnessUpdate Unpack(StrategyUpdate update, string strategy, long generation, int taskCount, int perTask)
    {
        if (update is not FitnessUpdate step)
            throw new ArgumentException($"{strategy} cannot apply a {update.GetType().Name}; it replays a {nameof(FitnessUpdate)}.", nameof(update));
        if (step.Generation != generation)
            throw new InvalidOperationException($"update is for generation {step.Generation}, the strategy is at generation {generation}.");
        if (step.Tasks is null || step.Fitness is null)
            throw new ArgumentException("the update has no tasks or no fitnesses.", nameof(update));
        Check(step.Tasks, step.Fitness, taskCount, perTask, nameof(update), nameof(update));
        return step;
    }

    private static void Check(IReadOnlyList<int> tasks, ReadOnlySpan<double> fitness, int taskCount, int perTask, string fitnessName, string tasksName)
    {
        if (tasks.Count == 0) throw new ArgumentException("no completed task: there is nothing to learn from.", tasksName);
        if (fitness.Length != perTask * tasks.Count)
            throw new ArgumentException($"expected {perTask * tasks.Count} fitnesses for {tasks.Count} tasks, got {fitness.Length}.", fitnessName);
        for (int k = 0; k < tasks.Count; k++)
        {
            int j = tasks[k];
            if (j < 0 || j >= taskCount) throw new ArgumentException($"task {j} is not a task of this generation (0..{taskCount - 1}).", tasksName);
            if (k > 0 && j <= tasks[k - 1]) throw new ArgumentException($"tasks must be ascending and distinct; {j} follows {tasks[k - 1]}.", tasksName);
        }
        for (int i = 0; i < fitness.Length; i++)
            if (!double.IsFinite(fitness[i]))
                throw new ArgumentException($"fitness[{i}] is {fitness[i]}; apply the non-finite policy before telling.", fitnessName);
    }

    /// <summary>Candidate indices sorted by fitness, best first; ties keep candidate order, so the order is a pure function of the input.</summary>
    public static int[] BestFirst(ReadOnlySpan<double> fitness)
    {
        var order = new int[fitness.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        double[] values = fitness.ToArray();
        Array.Sort(order, (a, b) =>
        {
            int c = values[b].CompareTo(values[a]);
            return c != 0 ? c : a.CompareTo(b);
        });
        return order;
    }

    /// <summary>Euclidean norm accumulated left to right in double (a fixed order: the same bits everywhere).</summary>
    public static double Norm(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (float v in x) sum += (double)v * v;
        return Math.Sqrt(sum);
    }

    /// <summary>Euclidean norm of a double vector, accumulated left to right.</summary>
    public static double Norm(ReadOnlySpan<double> x)
    {
        double sum = 0;
        foreach (double v in x) sum += v * v;
        return Math.Sqrt(sum);
    }

    /// <summary>A stream for one purpose of one task of one generation, independent of the noise-index stream.</summary>
    public static Rng StreamOf(ulong seed, ulong purpose, long generation, int task) =>
        Rng.ForStream(Rng.Mix(Rng.Mix(seed, purpose), (ulong)generation), (ulong)task);

    /// <summary>The full-generation update's arguments: every task, in order.</summary>
    public static int[] AllTasks(int taskCount, int populationSize, int fitnessCount)
    {
        if (fitnessCount != populationSize)
            throw new ArgumentException($"expected {populationSize} fitnesses, got {fitnessCount}.", nameof(fitnessCount));
        var tasks = new int[taskCount];
        for (int j = 0; j < taskCount; j++) tasks[j] = j;
        return tasks;
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
}
