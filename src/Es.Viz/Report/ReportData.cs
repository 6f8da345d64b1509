// The JSON the page script draws from: the runs' names, notes and metrics rows, as metrics.jsonl has them.
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Es.Viz.Report;

/// <summary>
/// Turns runs into the object the page script reads. The rows keep the field names of
/// metrics.jsonl, so the live page can append the very objects a run writes.
/// </summary>
public static class ReportData
{
    /// <summary>{"title": …, "runs": [{"name", "directory", "note", "rows": [metrics objects]}]}.</summary>
    public static string ToJson(string title, IEnumerable<RunMetrics> runs)
    {
        var array = new JsonArray();
        foreach (RunMetrics run in runs)
        {
            var rows = new JsonArray();
            foreach (var g in run.Generations) rows.Add(JsonSerializer.SerializeToNode(g));
            array.Add(new JsonObject
            {
                ["name"] = run.Name,
                ["directory"] = run.Directory,
                ["note"] = run.Note,
                ["rows"] = rows,
            });
        }
        return new JsonObject { ["title"] = title, ["runs"] = array }.ToJsonString();
    }
}
