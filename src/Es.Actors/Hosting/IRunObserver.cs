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
}
