// The callbacks through which a run reports progress to whoever started it (the command line, a library user, a test).
using Es.Core.Runs;

namespace Es.Actors.Hosting;

/// <summary>Receives a run's progress. Called from actor threads: implementations must be thread-safe and quick.</summary>
public interface IRunObserver
{
    /// <summary>A generation completed.</summary>
    void OnGeneration(GenerationMetrics metrics);

    /// <summary>Something worth telling the user (an evaluator restarted, a task re-issued, a checkpoint written).</summary>
    void OnEvent(string message);

    /// <summary>The run's members changed, or a generation ended (with each member's throughput in it). Optional.</summary>
    void OnMembers(IReadOnlyList<MemberStatus> members)
    {
    }
}

/// <summary>One node of a run as the head sees it.</summary>
/// <param name="Address">The node's address (<c>akka.tcp://esakka@host:port</c>, or "local" in one process).</param>
/// <param name="Roles">Its roles (head, worker), comma-separated.</param>
/// <param name="State">up, unreachable, leaving or removed.</param>
/// <param name="Evaluators">Evaluators its feed reported (0: it does not evaluate).</param>
/// <param name="StepsPerSecond">Environment steps per second of its results in the last generation.</param>
public sealed record MemberStatus(string Address, string Roles, string State, int Evaluators, double StepsPerSecond)
{
}
