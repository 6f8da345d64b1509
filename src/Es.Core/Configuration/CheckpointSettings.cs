// Typed es.checkpoint: checkpoint frequency.
namespace Es.Core.Configuration;

/// <summary>Checkpoints (<c>es.checkpoint</c>).</summary>
/// <param name="Every">Generations between checkpoints, 0 = only the final one (<c>every</c>).</param>
public sealed record CheckpointSettings(int Every);
