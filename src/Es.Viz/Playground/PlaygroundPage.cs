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
        <p class="tools"><button id="clear">Flatten</button><button id="restart">Restart at the centre</button> <span id="status">connecting</span> · <a href="arm">the arm reaching for the pointer</a></p>
        <canvas id="landscape" width="480" height="480"></canvas>
        <ul id="log"></ul>
        <script>
        {{WebAssets.Read("playground.js")}}
        </script>
        </body>
        </html>
        """;

    /// <summary>The arm page: the arm follows the pointer while its policy trains.</summary>
    public static string ArmHtml() => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>EsAkka playground: the arm</title>
        <style>
        {{WebAssets.Style}}
        #arm { border: 1px solid #999; cursor: crosshair; }
        </style>
        </head>
        <body>
        <h1>ES playground: the arm reaching for the pointer</h1>
        <p class="meta">Arm-v0 trains with openai-es (the settings of hocon/tasks/arm.conf) while you watch; move the mouse over the square and
        the arm, driven by the policy of the latest generation, reaches for it (red). Early generations flail; the task file reaches its goal in about 1,500 generations.
        <a href="./">Back to the landscape</a>.</p>
        <p><span id="status">connecting</span></p>
        <canvas id="arm" width="480" height="480"></canvas>
        <script>
        {{WebAssets.Read("arm.js")}}
        </script>
        </body>
        </html>
        """;
}
