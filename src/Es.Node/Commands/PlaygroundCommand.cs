// `es playground`: the demo of the original ES video; paint a reward landscape and watch a strategy search it.
using System.CommandLine;
using System.Net;
using Es.Core.Configuration;
using Es.Core.Training;
using Es.Viz.Dashboard;
using Es.Viz.Playground;

namespace Es.Node.Commands;

/// <summary>
/// Serves the playground page until Ctrl-C. The search is an Es.Core strategy on two parameters
/// (any es.strategy with its hyper-parameters from --set), scored on the landscape the user paints.
/// </summary>
internal static class PlaygroundCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var listen = new Option<string>("--listen") { HelpName = "[HOST:]PORT", Description = "Where to serve the page (loopback unless --allow-remote). Default 127.0.0.1:8060.", DefaultValueFactory = _ => "127.0.0.1:8060" };
        var allowRemote = new Option<bool>("--allow-remote") { Description = "Let --listen use a non-loopback address (the page has no login)." };
        var strategy = new Option<string>("--strategy") { HelpName = "NAME", Description = "The strategy that searches, e.g. openai-es, cma-es, simple-ga (default openai-es).", DefaultValueFactory = _ => "openai-es" };
        var set = new Option<string[]>("--set") { HelpName = "KEY=VALUE", Description = "Override a setting of the search, e.g. --set es.strategy.sigma=0.05 (repeatable).", DefaultValueFactory = _ => [] };
        var pace = new Option<int>("--pace") { HelpName = "MS", Description = "Milliseconds between generations (default 100).", DefaultValueFactory = _ => 100 };
        var command = new Command("playground", "Serve the ES playground: paint a reward landscape and watch a strategy search it.") { listen, allowRemote, strategy, set, pace };
        command.SetAction((parsed, cancellation) => EsCli.Guard(
            context,
            () => RunAsync(context, parsed.GetValue(listen)!, parsed.GetValue(allowRemote), parsed.GetValue(strategy)!, parsed.GetValue(set) ?? [], parsed.GetValue(pace), cancellation),
            cancellation));
        return command;
    }

    /// <summary>The search's settings: two parameters, a population a person can follow, a small noise table; the user's --set on top.</summary>
    // The optimizer's step size only for the strategies that have one (a key without effect is refused).
    internal static string Defaults(string strategy) =>
        $"es {{ env.id = sphere, env.dimension = 2, noise.size = 1M, evaluation.every = 0, strategy {{ name = {strategy}, population = 20, sigma = 0.1"
        + (StrategySettings.HasOptimizer(strategy) ? ", optimizer.learning-rate = 0.05" : "") + " } }\n";

    private static async Task<int> RunAsync(CliContext context, string listen, bool allowRemote, string strategy, string[] overrides, int pace, CancellationToken cancellation)
    {
        if (pace < 0) throw new UsageException($"--pace must be 0 or more milliseconds (got {pace}).");
        if (!StrategySettings.KnownNames.Contains(strategy)) throw new UsageException($"--strategy: {StrategySettings.Unknown(strategy)}");
        IPEndPoint endpoint = DashboardAddress.Parse(listen, allowRemote, "--listen", "--allow-remote");
        EsSettings settings = SettingsLoader.Parse(Defaults(strategy), "es playground", overrides);
        try
        {
            _ = TrainingSetup.FromSettings(settings).CreateStrategy();
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"strategy {strategy} cannot search the playground with these settings: {e.Message}");
        }
        await using PlaygroundServer server = await PlaygroundServer.StartAsync(endpoint, settings, TimeSpan.FromMilliseconds(pace), cancellation).ConfigureAwait(false);
        context.Out.WriteLine($"playground: {server.Address} ({strategy}; Ctrl-C stops)");
        context.Out.Flush();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C is how a server is meant to end.
        }
        context.Out.WriteLine($"stopped after {server.Generation} generations");
        return ExitCodes.Success;
    }
}
