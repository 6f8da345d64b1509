// Hands a run's progress to several observers (the progress display, the report refresher, the live page).
using Es.Actors.Hosting;
using Es.Core.Runs;

namespace Es.Node.Output;

/// <summary>An observer that forwards every call to each of its observers in order.</summary>
internal sealed class ObserverFanout(params IRunObserver[] observers) : IRunObserver
{
    /// <inheritdoc />
    public void OnGeneration(GenerationMetrics metrics)
    {
        foreach (IRunObserver o in observers) o.OnGeneration(metrics);
    }

    /// <inheritdoc />
    public void OnEvent(string message)
    {
        foreach (IRunObserver o in observers) o.OnEvent(message);
    }

    /// <inheritdoc />
    public void OnMembers(IReadOnlyList<MemberStatus> members)
    {
        foreach (IRunObserver o in observers) o.OnMembers(members);
    }
}
