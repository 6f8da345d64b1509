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
    /// <inheritdoc />
    public void OnGeneration(GenerationMetrics metrics)
    {
        server.PublishGeneration(metrics);
        string name = metrics.Nodes > 1 ? $"this process ({metrics.Nodes} nodes alive)" : "this process";
        server.PublishMembers([new DashboardMember(name, role, "running", metrics.Evaluators, metrics.StepsPerSecond)]);
    }

    /// <inheritdoc />
    public void OnEvent(string message) => server.PublishMessage(message);
}
