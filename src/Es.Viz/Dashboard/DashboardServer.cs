// The live page of a run: a Kestrel server that pushes each generation to the open pages with server-sent events.
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Es.Core.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
/// the end of the run). A page that reconnects sends Last-Event-ID and gets only what it missed.
/// Publishing never blocks the run: each page has a bounded queue, and a page too slow to drain
/// it is dropped (it reconnects and catches up from the history).
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _title;
    private readonly Lock _gate = new();
    private readonly List<string> _history = [];
    private readonly List<Channel<string>> _pages = [];
    private string? _members;
    private string? _end;

    private DashboardServer(WebApplication app, string title)
    {
        _app = app;
        _title = title;
    }

    /// <summary>The page's address, e.g. http://127.0.0.1:8050/ (with the port chosen when 0 was asked for).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Starts listening on <paramref name="endpoint"/>.</summary>
    /// <exception cref="VizInputException">The address cannot be listened on (in use, not this machine's).</exception>
    public static async Task<DashboardServer> StartAsync(IPEndPoint endpoint, string title, CancellationToken cancellation = default)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(endpoint));
        WebApplication app = builder.Build();
        var server = new DashboardServer(app, title);
        app.MapGet("/", server.PageAsync);
        app.MapGet("/events", server.EventsAsync);
        // Browsers ask for an icon; answer "none" rather than 404.
        app.MapGet("/favicon.ico", () => Results.NoContent());
        try
        {
            await app.StartAsync(cancellation).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new VizInputException($"--dashboard {endpoint}: cannot listen there: {e.Message}", e);
        }
        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Address = new Uri(bound.EndsWith('/') ? bound : bound + "/");
        return server;
    }

    /// <summary>Sends a completed generation to every page (and to pages that open later).</summary>
    public void PublishGeneration(GenerationMetrics metrics) => Publish("generation", JsonSerializer.Serialize(metrics), keep: true);

    /// <summary>Sends a message for the page's log (an evaluator restarted, a checkpoint written).</summary>
    public void PublishMessage(string message) => Publish("message", JsonSerializer.Serialize(message), keep: false);

    /// <summary>Replaces the member list the pages show.</summary>
    public void PublishMembers(IReadOnlyList<DashboardMember> members)
    {
        string data = JsonSerializer.Serialize(members.Select(m => new
        {
            name = m.Name, role = m.Role, state = m.State, evaluators = m.Evaluators, steps_per_second = m.StepsPerSecond,
        }));
        lock (_gate) _members = data;
        Publish("members", data, keep: false);
    }

    /// <summary>Tells the pages the run is over and why.</summary>
    public void PublishEnd(string reason)
    {
        string data = JsonSerializer.Serialize(reason);
        lock (_gate) _end = data;
        Publish("end", data, keep: false);
    }

    private void Publish(string kind, string data, bool keep)
    {
        lock (_gate)
        {
            string frame;
            if (keep)
            {
                _history.Add(data);
                frame = Frame(kind, data, _history.Count);
            }
            else
            {
                frame = Frame(kind, data, null);
            }
            foreach (Channel<string> page in _pages)
            {
                // A full queue means the page stopped reading: close it; EventSource reconnects with Last-Event-ID.
                if (!page.Writer.TryWrite(frame)) page.Writer.TryComplete();
            }
        }
    }

    private static string Frame(string kind, string data, int? id) =>
        id is { } n ? $"event: {kind}\nid: {n}\ndata: {data}\n\n" : $"event: {kind}\ndata: {data}\n\n";

    private Task PageAsync(HttpContext http)
    {
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(DashboardPage.Html(_title), http.RequestAborted);
    }

    private async Task EventsAsync(HttpContext http)
    {
        int from = int.TryParse(http.Request.Headers["Last-Event-ID"].ToString(), out int seen) ? seen : 0;
        var page = Channel.CreateBounded<string>(new BoundedChannelOptions(1024) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        var catchUp = new StringBuilder();
        lock (_gate)
        {
            for (int i = Math.Max(0, from); i < _history.Count; i++) catchUp.Append(Frame("generation", _history[i], i + 1));
            if (_members is not null) catchUp.Append(Frame("members", _members, null));
            if (_end is not null) catchUp.Append(Frame("end", _end, null));
            _pages.Add(page);
        }
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        try
        {
            // The retry line tells EventSource how soon to reconnect if the stream drops.
            await http.Response.WriteAsync("retry: 1000\n\n" + catchUp, http.RequestAborted).ConfigureAwait(false);
            await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            while (true)
            {
                using var keepAlive = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
                keepAlive.CancelAfter(TimeSpan.FromSeconds(15));
                string frame;
                try
                {
                    if (!await page.Reader.WaitToReadAsync(keepAlive.Token).ConfigureAwait(false)) break;
                    if (!page.Reader.TryRead(out frame!)) continue;
                }
                catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
                {
                    frame = ": keep-alive\n\n";
                }
                await http.Response.WriteAsync(frame, http.RequestAborted).ConfigureAwait(false);
                await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away.
        }
        finally
        {
            lock (_gate) _pages.Remove(page);
        }
    }

    /// <summary>Closes every stream and stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            foreach (Channel<string> page in _pages) page.Writer.TryComplete();
        }
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(patience.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
