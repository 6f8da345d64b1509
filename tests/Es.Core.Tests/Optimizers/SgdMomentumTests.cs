// Pins SGD with momentum: the starter's velocity form and its checkpoint round trip.
using Es.Core.Optimizers;

namespace Es.Core.Tests.Optimizers;

public class SgdMomentumTests
{
    [Fact]
    public void Step_FollowsVelocityForm()
    {
        var sgd = new SgdMomentum(1, learningRate: 0.1, momentum: 0.5);
        float[] theta = [1f];
        sgd.Step(theta, [2f]);   // v = 0.5·0 + 0.5·2 = 1 → θ = 1 − 0.1
        Assert.Equal(0.9f, theta[0], 6);
        sgd.Step(theta, [2f]);   // v = 0.5·1 + 0.5·2 = 1.5 → θ = 0.9 − 0.15
        Assert.Equal(0.75f, theta[0], 6);
    }

    [Fact]
    public void Step_ThrowsForMismatchedLengths()
    {
        var sgd = new SgdMomentum(2);
        Assert.Throws<ArgumentException>(() => sgd.Step(new float[3], new float[2]));
        Assert.Throws<ArgumentException>(() => sgd.Step(new float[2], new float[1]));
    }

    [Fact]
    public void LoadState_RestoresVelocity()
    {
        var a = new SgdMomentum(2);
        float[] theta = [1f, 1f];
        a.Step(theta, [1f, -1f]);
        var b = new SgdMomentum(2);
        b.LoadState(a.SaveState());
        float[] t1 = [0.5f, 0.5f], t2 = [0.5f, 0.5f];
        a.Step(t1, [0.3f, 0.3f]);
        b.Step(t2, [0.3f, 0.3f]);
        Assert.Equal(t1, t2);
        Assert.Equal(a.StepCount, b.StepCount);
    }
}
