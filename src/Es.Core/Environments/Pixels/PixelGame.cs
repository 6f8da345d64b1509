// Shared shape of the pixel games: a 10×10 grid with one 0/1 channel per kind of object.
namespace Es.Core.Environments;

/// <summary>
/// Base of the pixel games (MinAtar's scale, rules of our own): the observation is
/// <c>channels × 10 × 10</c> values in {0, 1}, stored flat channel-major (index
/// <c>channel·100 + row·10 + column</c>, row 0 at the top), and declared with that 3-D shape so
/// a convolutional policy and <c>es envs</c> can see it. The whole game state lives in
/// <see cref="EnvironmentBase.State"/> as small integers held in doubles, so
/// <see cref="IStatefulEnvironment.GetState"/> and <see cref="IStatefulEnvironment.SetState"/>
/// snapshot and restore any position exactly; everything random comes from the reset seed.
/// </summary>
public abstract class PixelGame : EnvironmentBase
{
    /// <summary>Rows and columns of the grid.</summary>
    public const int Size = 10;

    /// <summary>Cells per channel.</summary>
    public const int Cells = Size * Size;

    /// <summary>Creates the bookkeeping for a game with the given spec and state size.</summary>
    protected PixelGame(EnvironmentSpec spec, int stateSize)
        : base(spec, stateSize)
    {
    }

    /// <summary>The spec of a pixel game: Box(0, 1, (channels, 10, 10)) observations and <paramref name="actions"/> discrete actions.</summary>
    protected static EnvironmentSpec CreateSpec(string id, int channels, int actions, int maxEpisodeSteps) =>
        new(id, BoxSpace.Uniform(channels * Cells, 0f, 1f) with { Shape = [channels, Size, Size] }, new DiscreteSpace(actions), maxEpisodeSteps);

    /// <summary>Index of a cell of a channel in the flat observation.</summary>
    protected static int Cell(int channel, int row, int column) => channel * Cells + row * Size + column;
}
