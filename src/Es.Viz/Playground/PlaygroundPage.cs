// The playground's HTML: a canvas to paint on, the search drawn over it.
using System.Net;

namespace Es.Viz.Playground;

/// <summary>The page GET / returns; script and style inline.</summary>
internal static class PlaygroundPage
{
    /// <summary>The page for a search by <paramref name="strategy"/>.</summary>
    public static string Html(string strategy) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>EsAkka playground ({{WebUtility.HtmlEncode(strategy)}})</title>
        <style>
        {{WebAssets.Style}}
        #landscape { border: 1px solid #999; cursor: crosshair; touch-action: none; }
        .tools button { margin-right: .5em; }
        </style>
        </head>
        <body>
        <h1>ES playground: {{WebUtility.HtmlEncode(strategy)}}</h1>
        <p class="meta">Paint reward with the left button (bright is better), dig with the right button or Shift; Alt-click restarts the search there.
        White dots: this generation's candidates (larger is fitter); red: the centre θ and its trail.</p>
        <p class="tools"><button id="clear">Flatten</button><button id="restart">Restart at the centre</button> <span id="status">connecting</span></p>
        <canvas id="landscape" width="480" height="480"></canvas>
        <ul id="log"></ul>
        <script>
        {{WebAssets.Read("playground.js")}}
        </script>
        </body>
        </html>
        """;
}
