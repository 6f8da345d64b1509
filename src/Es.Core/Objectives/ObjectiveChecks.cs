// Argument checks shared by the test functions.
namespace Es.Core.Objectives;

/// <summary>Shared validation so every objective reports a wrong input the same way.</summary>
internal static class ObjectiveChecks
{
    /// <summary>Throws unless <paramref name="x"/> has <paramref name="dimension"/> values.</summary>
    public static void Length(ReadOnlySpan<float> x, int dimension, string id)
    {
        if (x.Length != dimension)
            throw new ArgumentException($"{id}: expected {dimension} values, got {x.Length}.", nameof(x));
    }

    /// <summary>Throws unless <paramref name="points"/> holds exactly <paramref name="count"/> points of <paramref name="dimension"/> values.</summary>
    public static void Points(ReadOnlySpan<float> points, int count, int dimension, string id)
    {
        if (points.Length != (long)count * dimension)
            throw new ArgumentException($"{id}: expected {count} points of {dimension} values ({(long)count * dimension} values), got {points.Length}.", nameof(points));
    }

    /// <summary>Throws unless <paramref name="dimension"/> is at least <paramref name="minimum"/>.</summary>
    public static int Dimension(int dimension, int minimum, string id)
    {
        if (dimension < minimum)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"{id} needs dimension ≥ {minimum}.");
        return dimension;
    }
}
