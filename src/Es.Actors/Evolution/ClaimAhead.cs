// How many tasks a node claims ahead of its evaluators: enough work to cover a claim's round trip, measured in time.
namespace Es.Actors.Evolution;

/// <summary>
/// The claim-ahead rule of a <see cref="TaskFeed"/>. A node holds tasks beyond those being
/// evaluated so that its evaluators never wait for a claim's round trip; but every task it holds
/// at the end of a generation is one that an idle node cannot take. Both sides are a matter of
/// time, not of count: a CartPole task takes a quarter of a millisecond, a Humanoid task a tenth
/// of a second. So the rule holds about <see cref="Lookahead"/> of work per evaluator (from a
/// running mean of the evaluators' measured task times), between <see cref="Min"/> and
/// <see cref="Max"/> tasks, which also bounds how much longer than necessary a generation can
/// take because one node holds its last tasks: one lookahead.
/// </summary>
public sealed class ClaimAhead
{
    /// <summary>Fewest tasks per evaluator: the one being evaluated and the next.</summary>
    public const int Min = 2;

    /// <summary>Most tasks per evaluator, however short the tasks.</summary>
    public const int Max = 64;

    private const double Smoothing = 0.05; // weight of a new task time in the running mean
    private double _taskSeconds;

    /// <summary>A rule that starts at <paramref name="initial"/> tasks per evaluator and then holds about <paramref name="lookahead"/> of work.</summary>
    /// <param name="initial">Tasks per evaluator before any task time is known.</param>
    /// <param name="lookahead">Work to hold per evaluator; zero keeps <paramref name="initial"/> for good.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initial"/> is below 1 or <paramref name="lookahead"/> is negative.</exception>
    public ClaimAhead(int initial, TimeSpan lookahead)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initial, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(lookahead, TimeSpan.Zero);
        PerEvaluator = initial;
        Lookahead = lookahead;
    }

    /// <summary>Work held per evaluator.</summary>
    public TimeSpan Lookahead { get; }

    /// <summary>Tasks to hold per evaluator now.</summary>
    public int PerEvaluator { get; private set; }

    /// <summary>The running mean of the task times seen (0 before the first).</summary>
    public TimeSpan TaskTime => TimeSpan.FromSeconds(_taskSeconds);

    /// <summary>Takes one evaluator's measured time for one task into account.</summary>
    /// <param name="seconds">Wall time of the evaluation; ignored unless positive.</param>
    public void Observe(double seconds)
    {
        if (!(seconds > 0) || Lookahead == TimeSpan.Zero) return;
        _taskSeconds = _taskSeconds == 0 ? seconds : _taskSeconds + Smoothing * (seconds - _taskSeconds);
        PerEvaluator = (int)Math.Clamp(Math.Ceiling(Lookahead.TotalSeconds / _taskSeconds), Min, Max);
    }
}
