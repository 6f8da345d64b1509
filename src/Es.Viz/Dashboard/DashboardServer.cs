// The live page of a run: a Kestrel server that pushes each generation to the open pages with server-sent events.
using System.Net;
using System.Text.Json;
using Es.Core.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Es.Viz.Dashboard;

/// <summary>A member of the run as the page lists it.</summary>
/// <param name="Name">The member (a process or node).</param>
/// <param name="Role">single-process, head or worker.</param>
/// <param name="State">running, stopped, …</param>
/// <param name="Evaluators">Evaluators it runs.</param>
/// <param name="StepsPerSecond">Its environment steps per second in the latest generation.</param>
public sealed record DashboardMember(string Name, string Role, string State, int Evaluators, double StepsPerSecond);

/// <summary>
/// Serves GET / (the page, everything inline) and GET /events (a server-sent-event stream:
/// every generation so far, then each new one as it completes, messages, the member list and
/// the end of the run). Publishing never blocks the run (see <see cref="EventHub"/>).
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly EventHub _events = new();
    private readonly string _title;
    private WebApplication? _app;

    private DashboardServer(string title) => _title = title;

    /// <summary>The page's address, e.g. http://127.0.0.1:8050/ (with the port chosen when 0 was asked for).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Starts listening on <paramref name="endpoint"/>.</summary>
    /// <exception cref="VizInputException">The address cannot be listened on (in use, not this machine's).</exception>
    public static async Task<DashboardServer> StartAsync(IPEndPoint endpoint, string title, CancellationToken cancellation = default)
    {
        var server = new DashboardServer(title);
        (server._app, server.Address) = await PageHost.StartAsync(endpoint, app =>
        {
            app.MapGet("/", server.PageAsync);
            app.MapGet("/events", server._events.ServeAsync);
        }, cancellation).ConfigureAwait(false);
        return server;
    }

    /// <summary>Sends a completed generation to every page (and to pages that open later).</summary>
    public void PublishGeneration(GenerationMetrics metrics) => _events.Publish("generation", JsonSerializer.Serialize(metrics), keep: true);

    /// <summary>Sends a message for the page's log (an evaluator restarted, a checkpoint written).</summary>
    public void PublishMessage(string message) => _events.Publish("message", JsonSerializer.Serialize(message));

    /// <summary>Replaces the member list the pages show.</summary>
    public void PublishMembers(IReadOnlyList<DashboardMember> members) =>
        _events.Publish("members", JsonSerializer.Serialize(members.Select(m => new
        {
            name = m.Name, role = m.Role, state = m.State, evaluators = m.Evaluators, steps_per_second = m.StepsPerSecond,
        })), sticky: true);

    /// <summary>Tells the pages the run is over and why.</summary>
    public void PublishEnd(string reason) => _events.Publish("end", JsonSerializer.Serialize(reason), sticky: true);

    private Task PageAsync(HttpContext http)
    {
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(DashboardPage.Html(_title), http.RequestAborted);
    }

    /// <summary>Closes every stream and stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        _events.CloseAll();
        if (_app is not null) await PageHost.StopAsync(_app).ConfigureAwait(false);
    }
}
