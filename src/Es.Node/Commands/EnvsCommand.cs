// `es envs`: the tasks a configuration can name in es.env.id, with their spaces and limits.
using System.CommandLine;
using System.Globalization;
using Es.Core.Environments;
using Es.Core.Objectives;
using Es.Node.Output;
using Spectre.Console;

namespace Es.Node.Commands;

/// <summary>Lists every registered environment and test function, so a user can pick an id without reading the source.</summary>
internal static class EnvsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var command = new Command("envs", "List the environments and test functions es.env.id can name.") { json };
        command.SetAction((parsed, cancellation) =>
            EsCli.Guard(context, () => Task.FromResult(Run(context, parsed.GetValue(json))), cancellation));
        return command;
    }

    private sealed record EnvironmentRow(string Id, string Observation, int ObservationSize, string Action, int MaxEpisodeSteps, string? Unavailable = null);

    private sealed record FunctionRow(string Id, int DefaultDimension);

    private static int Run(CliContext context, bool json)
    {
        EnvironmentRow[] environments = EnvironmentRegistry.Ids.Select(id =>
        {
            EnvironmentSpec spec;
            try
            {
                spec = EnvironmentRegistry.GetSpec(id);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A registered environment that needs something absent (the MuJoCo library, a model path) is still listed, with the reason.
                return new EnvironmentRow(id, "-", 0, "-", 0, e.Message);
            }
            return new EnvironmentRow(id, spec.ObservationSpace.ToString(), spec.ObservationSize, spec.ActionSpace.ToString(), spec.MaxEpisodeSteps);
        }).ToArray();
        FunctionRow[] functions = ObjectiveRegistry.Ids.Select(id => new FunctionRow(id, ObjectiveRegistry.Create(id).Dimension)).ToArray();

        if (json) WriteJson(context, environments, functions);
        else if (context.Terminal) WriteTables(context, environments, functions);
        else WritePlain(context, environments, functions);
        return ExitCodes.Success;
    }

    private static void WriteJson(CliContext context, EnvironmentRow[] environments, FunctionRow[] functions) =>
        JsonLine.Write(context.Out, w =>
        {
            w.WriteStartArray("environments");
            foreach (EnvironmentRow e in environments)
            {
                w.WriteStartObject();
                w.WriteString("id", e.Id);
                w.WriteString("observation_space", e.Observation);
                w.WriteNumber("observation_size", e.ObservationSize);
                w.WriteString("action_space", e.Action);
                w.WriteNumber("max_episode_steps", e.MaxEpisodeSteps);
                if (e.Unavailable is not null) w.WriteString("unavailable", e.Unavailable);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("test_functions");
            foreach (FunctionRow f in functions)
            {
                w.WriteStartObject();
                w.WriteString("id", f.Id);
                w.WriteNumber("default_dimension", f.DefaultDimension);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });

    private static void WriteTables(CliContext context, EnvironmentRow[] environments, FunctionRow[] functions)
    {
        IAnsiConsole console = Terminal.For(context);
        var envTable = new Table().Title("environments").AddColumns("id", "observation space", "action space", "step limit");
        foreach (EnvironmentRow e in environments)
            envTable.AddRow(Markup.Escape(e.Id), Markup.Escape(e.Unavailable ?? e.Observation), Markup.Escape(e.Action), e.MaxEpisodeSteps.ToString(CultureInfo.InvariantCulture));
        var functionTable = new Table().Title("test functions").AddColumns("id", "default dimension");
        foreach (FunctionRow f in functions)
            functionTable.AddRow(Markup.Escape(f.Id), f.DefaultDimension.ToString(CultureInfo.InvariantCulture));
        console.Write(envTable);
        console.Write(functionTable);
    }

    private static void WritePlain(CliContext context, EnvironmentRow[] environments, FunctionRow[] functions)
    {
        TextWriter o = context.Out;
        int idWidth = environments.Select(e => e.Id.Length).Append(functions.Max(f => f.Id.Length)).Max();
        o.WriteLine("environments:");
        foreach (EnvironmentRow e in environments)
            o.WriteLine(e.Unavailable is null
                ? $"  {e.Id.PadRight(idWidth)}  observation {e.Observation}  action {e.Action}  step limit {e.MaxEpisodeSteps}"
                : $"  {e.Id.PadRight(idWidth)}  unavailable here: {e.Unavailable}");
        o.WriteLine("test functions:");
        foreach (FunctionRow f in functions)
            o.WriteLine($"  {f.Id.PadRight(idWidth)}  default dimension {f.DefaultDimension}");
        o.Flush();
    }
}
