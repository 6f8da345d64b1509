// The environment registry: ids, fresh instances, specs and the unknown-id message.
namespace Es.Core.Tests.Environments;

using Es.Core.Environments;

/// <summary>Lookup by id as configurations use it.</summary>
public sealed class EnvironmentRegistryTests
{
    [Fact]
    public void Ids_AreSortedAndListEveryEnvironment()
    {
        string[] expected =
        [
            "Acrobot-v1", "Arm-v0", "CartPole-v1", "CartPole-v1-masked", "CueMemory-v0", "MountainCar-v0", "MountainCarContinuous-v0",
            "Pendulum-v1", "Pendulum-v1-masked", "PixelBreakout-v0", "PixelFreeway-v0", "PixelInvaders-v0",
        ];
        Assert.Equal(expected, EnvironmentRegistry.Ids);
    }

    [Fact]
    public void Create_EveryId_ReturnsAFreshWorkingInstanceWithThatId()
    {
        foreach (string id in EnvironmentRegistry.Ids)
        {
            Assert.True(EnvironmentRegistry.Contains(id), $"Contains('{id}') is false");
            IStatefulEnvironment a = EnvironmentRegistry.Create(id);
            IStatefulEnvironment b = EnvironmentRegistry.Create(id);
            Assert.NotSame(a, b);
            Assert.Equal(id, a.Spec.Id);
            Assert.Equal(a.Spec, EnvironmentRegistry.GetSpec(id));
            var obs = new float[a.Spec.ObservationSize];
            a.Reset(1, obs);
            a.Step(new float[a.Spec.ActionSize], obs);
        }
    }

    [Fact]
    public void Register_BuiltInId_IsRefusedAndTheBuiltInStays()
    {
        var e = Assert.Throws<ArgumentException>(() => EnvironmentRegistry.Register(new EnvironmentProvider("CartPole-v1", _ => new PendulumEnvironment())));
        Assert.Contains("built-in", e.Message, StringComparison.Ordinal);
        Assert.IsType<CartPoleEnvironment>(EnvironmentRegistry.Create("CartPole-v1"));
    }

    [Fact]
    public void Register_EmptyId_IsRefused() =>
        Assert.Throws<ArgumentException>(() => EnvironmentRegistry.Register(new EnvironmentProvider(" ", _ => new PendulumEnvironment())));

    [Fact]
    public void CreateFromSettings_BuiltInId_IsTheBuiltInAndHasNoProblem()
    {
        var settings = Es.Core.Configuration.EsSettings.Default.Env with { Id = "Pendulum-v1" };
        Assert.IsType<PendulumEnvironment>(EnvironmentRegistry.Create(settings));
        Assert.Null(EnvironmentRegistry.Check(settings));
    }

    [Fact]
    public void Specs_MatchGymnasiumsSpaces()
    {
        Assert.Equal(new DiscreteSpace(2), EnvironmentRegistry.GetSpec("CartPole-v1").ActionSpace);
        Assert.Equal(new DiscreteSpace(3), EnvironmentRegistry.GetSpec("MountainCar-v0").ActionSpace);
        Assert.Equal(new DiscreteSpace(3), EnvironmentRegistry.GetSpec("Acrobot-v1").ActionSpace);
        Assert.Equal(BoxSpace.Uniform(1, -2f, 2f), EnvironmentRegistry.GetSpec("Pendulum-v1").ActionSpace);
        Assert.Equal(BoxSpace.Uniform(1, -1f, 1f), EnvironmentRegistry.GetSpec("MountainCarContinuous-v0").ActionSpace);

        float[] cartHigh = [4.8f, float.MaxValue, 0.41887903f, float.MaxValue];
        Assert.Equal(cartHigh, EnvironmentRegistry.GetSpec("CartPole-v1").ObservationSpace.High);
        float[] acroHigh = [1f, 1f, 1f, 1f, (float)(4 * Math.PI), (float)(9 * Math.PI)];
        Assert.Equal(acroHigh, EnvironmentRegistry.GetSpec("Acrobot-v1").ObservationSpace.High);
        Assert.Equal([1f, 1f, 8f], EnvironmentRegistry.GetSpec("Pendulum-v1").ObservationSpace.High);
        Assert.Equal([-1.2f, -0.07f], EnvironmentRegistry.GetSpec("MountainCar-v0").ObservationSpace.Low);
        Assert.Equal(500, EnvironmentRegistry.GetSpec("CartPole-v1").MaxEpisodeSteps);
        Assert.Equal(200, EnvironmentRegistry.GetSpec("MountainCar-v0").MaxEpisodeSteps);
        Assert.Equal(999, EnvironmentRegistry.GetSpec("MountainCarContinuous-v0").MaxEpisodeSteps);
        Assert.Equal(200, EnvironmentRegistry.GetSpec("Pendulum-v1").MaxEpisodeSteps);
        Assert.Equal(500, EnvironmentRegistry.GetSpec("Acrobot-v1").MaxEpisodeSteps);
    }

    [Fact]
    public void Create_UnknownId_SuggestsTheNearMissAndListsKnownIds()
    {
        var ex = Assert.Throws<ArgumentException>(() => EnvironmentRegistry.Create("CartPole-v0"));
        Assert.StartsWith("unknown environment 'CartPole-v0'; did you mean 'CartPole-v1'? Known: Acrobot-v1, Arm-v0, CartPole-v1,", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Pendulum-v1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnrelatedId_ListsKnownIdsWithoutASuggestion()
    {
        var ex = Assert.Throws<ArgumentException>(() => EnvironmentRegistry.Create("HalfCheetah-v4"));
        Assert.DoesNotContain("did you mean", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Known: Acrobot-v1", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => EnvironmentRegistry.GetSpec("pendulum"));
        Assert.False(EnvironmentRegistry.Contains("pendulum-v1"));
    }

    [Fact]
    public void Create_WithArmOptions_BuildsThatArm()
    {
        var options = new ArmOptions { Links = 3 };
        IStatefulEnvironment env = EnvironmentRegistry.Create("Arm-v0", options);
        Assert.Equal(3, env.Spec.ActionSize);
        Assert.Equal(3, EnvironmentRegistry.CreateArm(options).Spec.ActionSize);
        Assert.Equal(2, EnvironmentRegistry.Create("Arm-v0", null).Spec.ActionSize);
        Assert.Throws<ArgumentException>(() => EnvironmentRegistry.Create("CartPole-v1", options));
    }
}
