// Server-sent events to every open page: the plumbing the live page and the playground share.
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace Es.Viz.Dashboard;

/// <summary>
/// Fans events out to the pages connected to an event-stream endpoint. Events marked to keep are
/// numbered and replayed to a page that connects later (or reconnects with Last-Event-ID); the
/// latest event of each other kind marked sticky is sent on connect. Publishing never blocks:
/// each page has a bounded queue, and a page too slow to drain it is closed (EventSource then
/// reconnects and catches up).
/// </summary>
internal sealed class EventHub
{
    private readonly Lock _gate = new();
    private readonly List<string> _history = [];
    private readonly Dictionary<string, string> _sticky = new(StringComparer.Ordinal);
    private readonly List<Channel<string>> _pages = [];

    /// <summary>Pages connected now.</summary>
    public int Pages
    {
        get { lock (_gate) return _pages.Count; }
    }

    /// <summary>Sends <paramref name="data"/> (one line of JSON) as an event of <paramref name="kind"/>.</summary>
    /// <param name="kind">The event name the page listens for.</param>
    /// <param name="data">JSON without newlines.</param>
    /// <param name="keep">Number it and replay it to later pages (generations).</param>
    /// <param name="sticky">Send the latest of this kind to later pages (member lists, the end of the run).</param>
    public void Publish(string kind, string data, bool keep = false, bool sticky = false)
    {
        lock (_gate)
        {
            string frame;
            if (keep)
            {
                _history.Add(Frame(kind, data, _history.Count + 1));
                frame = _history[^1];
            }
            else
            {
                frame = Frame(kind, data, null);
                if (sticky) _sticky[kind] = frame;
            }
            foreach (Channel<string> page in _pages)
            {
                if (!page.Writer.TryWrite(frame)) page.Writer.TryComplete();
            }
        }
    }

    /// <summary>Closes every page's stream (the server is stopping).</summary>
    public void CloseAll()
    {
        lock (_gate)
        {
            foreach (Channel<string> page in _pages) page.Writer.TryComplete();
        }
    }

    /// <summary>Serves one page's GET of the event stream until it goes away or <see cref="CloseAll"/>.</summary>
    public async Task ServeAsync(HttpContext http)
    {
        int from = int.TryParse(http.Request.Headers["Last-Event-ID"].ToString(), out int seen) ? seen : 0;
        var page = Channel.CreateBounded<string>(new BoundedChannelOptions(1024) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        var catchUp = new StringBuilder("retry: 1000\n\n");
        lock (_gate)
        {
            for (int i = Math.Max(0, from); i < _history.Count; i++) catchUp.Append(_history[i]);
            foreach (string frame in _sticky.Values) catchUp.Append(frame);
            _pages.Add(page);
        }
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        try
        {
            await http.Response.WriteAsync(catchUp.ToString(), http.RequestAborted).ConfigureAwait(false);
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

    private static string Frame(string kind, string data, int? id) =>
        id is { } n ? $"event: {kind}\nid: {n}\ndata: {data}\n\n" : $"event: {kind}\ndata: {data}\n\n";
}
