// Starts a small Kestrel server on one endpoint, quietly, for the live page and the playground.
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Es.Viz.Dashboard;

/// <summary>Kestrel on one endpoint with no logging to the console (the command's output is the run's).</summary>
internal static class PageHost
{
    /// <summary>Builds the app, lets <paramref name="map"/> add its routes, starts it, and returns it with the address it listens on.</summary>
    /// <exception cref="VizInputException">The endpoint cannot be listened on.</exception>
    public static async Task<(WebApplication App, Uri Address)> StartAsync(IPEndPoint endpoint, Action<WebApplication> map, CancellationToken cancellation)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(endpoint));
        WebApplication app = builder.Build();
        map(app);
        // Browsers ask for an icon; answer "none" rather than 404.
        app.MapGet("/favicon.ico", () => Results.NoContent());
        try
        {
            await app.StartAsync(cancellation).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new VizInputException($"{endpoint}: cannot listen there: {e.Message}", e);
        }
        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
    }

    /// <summary>Stops <paramref name="app"/>, giving open requests two seconds.</summary>
    public static async Task StopAsync(WebApplication app)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await app.StopAsync(patience.Token).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
