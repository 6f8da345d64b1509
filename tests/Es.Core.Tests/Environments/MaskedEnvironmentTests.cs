// Pins the masked classic-control tasks: the same episode as the inner task, with the velocities hidden.
namespace Es.Core.Tests.Environments;

using Es.Core.Environments;

public sealed class MaskedEnvironmentTests
{
    [Theory]
    [InlineData(MaskedEnvironment.CartPoleId, "CartPole-v1", new[] { 0, 2 })]
    [InlineData(MaskedEnvironment.PendulumId, "Pendulum-v1", new[] { 0, 1 })]
    public void MaskedTask_ShowsTheKeptComponentsOfTheSameEpisode(string maskedId, string innerId, int[] kept)
    {
        IStatefulEnvironment masked = EnvironmentRegistry.Create(maskedId);
        IStatefulEnvironment inner = EnvironmentRegistry.Create(innerId);
        Assert.Equal(kept.Length, masked.Spec.ObservationSize);
        Assert.Equal(inner.Spec.ActionSpace, masked.Spec.ActionSpace);
        Assert.Equal(inner.Spec.MaxEpisodeSteps, masked.Spec.MaxEpisodeSteps);
        var full = new float[inner.Spec.ObservationSize];
        var part = new float[kept.Length];
        inner.Reset(9, full);
        masked.Reset(9, part);
        var random = new Es.Core.Random.Rng(1);
        for (int t = 0; t < 300; t++)
        {
            Assert.Equal(kept.Select(k => full[k]).ToArray(), part);
            float[] action = inner.Spec.ActionSpace is DiscreteSpace d ? [random.NextInt64(d.N)] : [(float)random.NextDouble(-2, 2)];
            StepResult a = inner.Step(action, full);
            StepResult b = masked.Step(action, part);
            Assert.Equal(a, b);
            if (a.Done) break;
        }
    }

    [Fact]
    public void MaskedCartPole_HidesBothVelocities()
    {
        EnvironmentSpec spec = EnvironmentRegistry.GetSpec(MaskedEnvironment.CartPoleId);
        Assert.Equal(CartPoleEnvironment.CreateSpec().ObservationSpace.High[0], spec.ObservationSpace.High[0]);
        Assert.Equal(CartPoleEnvironment.CreateSpec().ObservationSpace.High[2], spec.ObservationSpace.High[1]);
    }
}
