// The objective registry: ids, default dimensions, optimum handling and unknown ids.
namespace Es.Core.Tests.Objectives;

using Es.Core.Objectives;

/// <summary>Creating test functions by id as configurations do.</summary>
public sealed class ObjectiveRegistryTests
{
    [Fact]
    public void Ids_AreTheFourFunctionsSorted()
    {
        Assert.Equal(["quadratic", "rastrigin", "rosenbrock", "sphere"], ObjectiveRegistry.Ids);
    }

    [Theory]
    [InlineData("sphere", 10)]
    [InlineData("rosenbrock", 10)]
    [InlineData("rastrigin", 10)]
    [InlineData("quadratic", 3)]
    public void Create_DimensionZero_UsesTheDefaultDimension(string id, int expected)
    {
        IObjective f = ObjectiveRegistry.Create(id);
        Assert.Equal(id, f.Id);
        Assert.Equal(expected, f.Dimension);
    }

    [Fact]
    public void Create_ExplicitDimension_IsUsed()
    {
        Assert.Equal(25, ObjectiveRegistry.Create("rastrigin", 25).Dimension);
        IObjective q = ObjectiveRegistry.Create("quadratic", 5);
        Assert.Equal([0.5, 0.1, -0.3, 0.5, 0.1], q.KnownMinimizer!);
    }

    [Fact]
    public void Create_QuadraticWithOptimum_UsesIt()
    {
        IObjective q = ObjectiveRegistry.Create("quadratic", optimum: [1.0, -1.0]);
        Assert.Equal(2, q.Dimension);
        Assert.Equal(0.0, q.Evaluate([1f, -1f]));
        Assert.Throws<ArgumentException>(() => ObjectiveRegistry.Create("quadratic", 3, [1.0, -1.0]));
    }

    [Fact]
    public void Create_OptimumForAFixedFunction_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => ObjectiveRegistry.Create("sphere", 2, [1.0, 1.0]));
    }

    [Fact]
    public void Create_UnknownId_ListsTheKnownIds()
    {
        var ex = Assert.Throws<ArgumentException>(() => ObjectiveRegistry.Create("ackley"));
        Assert.Contains("unknown objective 'ackley'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("quadratic, rastrigin, rosenbrock, sphere", ex.Message, StringComparison.Ordinal);
    }
}
