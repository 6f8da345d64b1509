// Feeds a run's progress to its live page (es train/head --dashboard).
using Es.Actors.Hosting;
using Es.Core.Runs;
using Es.Viz.Dashboard;

namespace Es.Node.Output;

/// <summary>
/// Forwards generations and messages to the <see cref="DashboardServer"/>, and keeps the member
/// list: every node of a cluster run with its roles, state, evaluators and steps/s as the head
/// reports them, or, in one process, the process itself.
/// </summary>
internal sealed class DashboardObserver(DashboardServer server, string role) : IRunObserver
{
    private GenerationMetrics? _last;
    private IReadOnlyList<MemberStatus>? _members;

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

    /// <inheritdoc />
    public void OnMembers(IReadOnlyList<MemberStatus> members)
    {
        Volatile.Write(ref _members, members);
        server.PublishMembers([.. members.Select(m => new DashboardMember(m.Address, m.Roles, m.State, m.Evaluators, m.StepsPerSecond))]);
    }

    private void Members(GenerationMetrics metrics, string state)
    {
        if (Volatile.Read(ref _members) is { Count: > 0 } members)
        {
            if (state == "stopped") server.PublishMembers([.. members.Select(m => new DashboardMember(m.Address, m.Roles, "stopped", m.Evaluators, 0))]);
            return;
        }
        string name = metrics.Nodes > 1 ? $"this process ({metrics.Nodes} nodes alive)" : "this process";
        server.PublishMembers([new DashboardMember(name, role, state, metrics.Evaluators, metrics.StepsPerSecond)]);
    }

    /// <inheritdoc />
    public void OnEvent(string message) => server.PublishMessage(message);
}
