// Feeds a run's progress to its live page (es train/head --dashboard).
using Es.Actors.Hosting;
using Es.Core.Runs;
using Es.Viz.Dashboard;

namespace Es.Node.Output;

/// <summary>
/// Forwards generations and messages to the <see cref="DashboardServer"/>, and keeps the member
/// list: the process itself with its role, state, evaluators and steps/s (a head also says how
/// many nodes were alive; the run reports no per-node figures to its observer).
/// </summary>
internal sealed class DashboardObserver(DashboardServer server, string role) : IRunObserver
{
    private GenerationMetrics? _last;

    /// <inheritdoc />
    public void OnGeneration(GenerationMetrics metrics)
    {
        server.PublishGeneration(metrics);
        Volatile.Write(ref _last, metrics);
        Members(metrics, "running");
    }

    /// <summary>Tells the page the run is over: the member stopped, and why.</summary>
    public void Finish(string reason)
    {
        if (Volatile.Read(ref _last) is { } last) Members(last, "stopped");
        server.PublishEnd(reason);
    }

    private void Members(GenerationMetrics metrics, string state)
    {
        string name = metrics.Nodes > 1 ? $"this process ({metrics.Nodes} nodes alive)" : "this process";
        server.PublishMembers([new DashboardMember(name, role, state, metrics.Evaluators, metrics.StepsPerSecond)]);
    }

    /// <inheritdoc />
    public void OnEvent(string message) => server.PublishMessage(message);
}
