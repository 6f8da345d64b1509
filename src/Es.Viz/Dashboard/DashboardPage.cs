// The live page's HTML: the report's charts, fed by the server's event stream.
using System.Net;

namespace Es.Viz.Dashboard;

/// <summary>The page GET / returns; script and style inline, data from /events.</summary>
internal static class DashboardPage
{
    /// <summary>The page for a run titled <paramref name="title"/>.</summary>
    public static string Html(string title)
    {
        string data = WebAssets.ForScript(System.Text.Json.JsonSerializer.Serialize(new { title, runs = new[] { new { name = "run", rows = Array.Empty<object>() } } }));
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{WebUtility.HtmlEncode(title)} (live)</title>
            <style>
            {WebAssets.Style}
            </style>
            </head>
            <body>
            <h1>{WebUtility.HtmlEncode(title)}</h1>
            <p class="meta"><span id="generation">waiting for the first generation</span> · <span id="status">connecting</span></p>
            <table class="members" id="members"></table>
            <div id="report"></div>
            <h2>Messages</h2>
            <ul id="log"></ul>
            <script type="application/json" id="es-data">{data}</script>
            <script>
            {WebAssets.Script}
            </script>
            <script>EsViz.live(document.getElementById('report'), JSON.parse(document.getElementById('es-data').textContent), 'events');</script>
            </body>
            </html>
            """;
    }
}
