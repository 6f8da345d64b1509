// The playground of the original ES demo: the user paints a reward landscape, an Es.Core strategy searches it live.
using System.Net;
using System.Text.Json;
using Es.Core.Configuration;
using Es.Core.Strategies;
using Es.Core.Training;
using Es.Viz.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Es.Viz.Playground;

/// <summary>
/// Runs a strategy of the project (any es.strategy, built by <see cref="TrainingSetup.StrategyOf"/>)
/// on two parameters, the fitness of a candidate being the painted landscape's value at it, one
/// generation every <c>pace</c>. Each generation's candidates, their fitnesses and the new centre
/// go to the pages as server-sent events; the pages send the landscape (POST /landscape) and
/// where to start again (POST /restart). GET /arm is the second half of the demo
/// (<see cref="ArmPlayground"/>): the arm reaching for the pointer while its policy trains.
/// </summary>
public sealed class PlaygroundServer : IAsyncDisposable
{
    private const int MaxBody = 1 << 20;
    private readonly EventHub _events = new();
    private readonly EventHub _armEvents = new();
    private readonly ArmPlayground _arm;
    private readonly EsSettings _settings;
    private readonly TimeSpan _pace;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private Landscape _landscape = Landscape.Flat(48);
    private IStrategy _strategy;
    private WebApplication? _app;
    private Task _loop = Task.CompletedTask;
    private Task _armLoop = Task.CompletedTask;

    private PlaygroundServer(EsSettings settings, TimeSpan pace)
    {
        _settings = settings;
        _pace = pace;
        _strategy = TrainingSetup.StrategyOf(settings, new float[2]);
        _arm = new ArmPlayground(_armEvents);
    }

    /// <summary>The page's address.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Generations run since the start or the last restart.</summary>
    public long Generation
    {
        get { lock (_gate) return _strategy.Generation; }
    }

    /// <summary>Starts the server and the search.</summary>
    /// <param name="endpoint">Where to listen.</param>
    /// <param name="settings">Settings of a 2-parameter task (the strategy and its hyper-parameters are what matter).</param>
    /// <param name="pace">Time between generations, so a person can watch them.</param>
    /// <param name="cancellation">Cancels the start.</param>
    /// <exception cref="ArgumentException">The settings do not build a strategy on two parameters.</exception>
    /// <exception cref="VizInputException">The endpoint cannot be listened on.</exception>
    public static async Task<PlaygroundServer> StartAsync(IPEndPoint endpoint, EsSettings settings, TimeSpan pace, CancellationToken cancellation = default)
    {
        var server = new PlaygroundServer(settings, pace);
        (server._app, server.Address) = await PageHost.StartAsync(endpoint, app =>
        {
            app.MapGet("/", server.PageAsync);
            app.MapGet("/events", server._events.ServeAsync);
            app.MapPost("/landscape", server.LandscapeAsync);
            app.MapPost("/restart", server.RestartAsync);
            app.MapGet("/arm", server.ArmPageAsync);
            app.MapGet("/arm/events", server._armEvents.ServeAsync);
            app.MapPost("/arm/target", server.TargetAsync);
        }, cancellation).ConfigureAwait(false);
        server._loop = Task.Run(server.LoopAsync, CancellationToken.None);
        server._armLoop = Task.Run(() => server.ArmLoopAsync(), CancellationToken.None);
        return server;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                Step();
                await Task.Delay(_pace, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task ArmLoopAsync()
    {
        try
        {
            await _arm.RunAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private Task ArmPageAsync(HttpContext http)
    {
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(PlaygroundPage.ArmHtml(), http.RequestAborted);
    }

    private async Task TargetAsync(HttpContext http)
    {
        using JsonDocument? body = await ReadJsonAsync(http).ConfigureAwait(false);
        if (body is null) return;
        try
        {
            double x = body.RootElement.GetProperty("x").GetDouble(), y = body.RootElement.GetProperty("y").GetDouble();
            if (!double.IsFinite(x) || !double.IsFinite(y) || Math.Abs(x) > 10 || Math.Abs(y) > 10) throw new ArgumentException("x and y must be finite and within ±10.");
            _arm.SetTarget(x, y);
            http.Response.StatusCode = StatusCodes.Status204NoContent;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            await BadRequestAsync(http, "target: " + e.Message).ConfigureAwait(false);
        }
    }

    /// <summary>One generation: ask, score every candidate on the landscape, tell, and show it.</summary>
    private void Step()
    {
        string data;
        lock (_gate)
        {
            Landscape landscape = _landscape;
            IReadOnlyList<Candidate> candidates = _strategy.Ask();
            var fitness = new double[candidates.Count];
            var samples = new double[candidates.Count][];
            var point = new float[2];
            for (int i = 0; i < candidates.Count; i++)
            {
                _strategy.Materialize(candidates[i], point);
                fitness[i] = landscape.At(point[0], point[1]);
                samples[i] = [point[0], point[1], fitness[i]];
            }
            long generation = _strategy.Generation;
            _strategy.Tell(fitness);
            ReadOnlySpan<float> c = _strategy.Center;
            data = JsonSerializer.Serialize(new
            {
                generation,
                strategy = _strategy.Name,
                center = new[] { (double)c[0], c[1] },
                value = landscape.At(c[0], c[1]),
                samples,
            });
        }
        _events.Publish("generation", data, sticky: true);
    }

    private Task PageAsync(HttpContext http)
    {
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(PlaygroundPage.Html(_strategy.Name), http.RequestAborted);
    }

    private async Task LandscapeAsync(HttpContext http)
    {
        using JsonDocument? body = await ReadJsonAsync(http).ConfigureAwait(false);
        if (body is null) return;
        try
        {
            JsonElement root = body.RootElement;
            int size = root.GetProperty("size").GetInt32();
            double[] values = root.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var landscape = new Landscape(size, values);
            lock (_gate) _landscape = landscape;
            http.Response.StatusCode = StatusCodes.Status204NoContent;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            await BadRequestAsync(http, "landscape: " + e.Message).ConfigureAwait(false);
        }
    }

    private async Task RestartAsync(HttpContext http)
    {
        using JsonDocument? body = await ReadJsonAsync(http).ConfigureAwait(false);
        if (body is null) return;
        try
        {
            float x = (float)body.RootElement.GetProperty("x").GetDouble(), y = (float)body.RootElement.GetProperty("y").GetDouble();
            if (!float.IsFinite(x) || !float.IsFinite(y) || Math.Abs(x) > 1 || Math.Abs(y) > 1) throw new ArgumentException("x and y must be within [-1, 1].");
            IStrategy fresh = TrainingSetup.StrategyOf(_settings, new[] { x, y });
            lock (_gate) _strategy = fresh;
            _events.Publish("message", JsonSerializer.Serialize($"restarted at ({x:0.00}, {y:0.00})"));
            http.Response.StatusCode = StatusCodes.Status204NoContent;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            await BadRequestAsync(http, "restart: " + e.Message).ConfigureAwait(false);
        }
    }

    private static async Task<JsonDocument?> ReadJsonAsync(HttpContext http)
    {
        if (http.Request.ContentLength is null or > MaxBody)
        {
            await BadRequestAsync(http, $"send JSON of at most {MaxBody} bytes with a Content-Length.").ConfigureAwait(false);
            return null;
        }
        try
        {
            return await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            await BadRequestAsync(http, "not JSON: " + e.Message).ConfigureAwait(false);
            return null;
        }
    }

    private static Task BadRequestAsync(HttpContext http, string message)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync(message);
    }

    /// <summary>Stops the search and the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await _armLoop.ConfigureAwait(false);
        _events.CloseAll();
        _armEvents.CloseAll();
        if (_app is not null) await PageHost.StopAsync(_app).ConfigureAwait(false);
        _stop.Dispose();
    }
}
