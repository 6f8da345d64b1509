// The metrics of one run directory as the report and the dashboard read them.
using Es.Core.Runs;

namespace Es.Viz.Report;

/// <summary>
/// The generations of one run, read from its metrics.jsonl. A run killed while writing leaves a
/// last line cut short; that line is dropped and said in <see cref="Note"/>, so the report of a
/// crashed run still shows everything the run finished.
/// </summary>
/// <param name="Name">The label of the run in legends (its directory name).</param>
/// <param name="Directory">The run directory.</param>
/// <param name="Generations">One entry per complete metrics line, in file order.</param>
/// <param name="Note">What the reader had to leave out, or null when the file was whole.</param>
public sealed record RunMetrics(string Name, string Directory, IReadOnlyList<GenerationMetrics> Generations, string? Note);
