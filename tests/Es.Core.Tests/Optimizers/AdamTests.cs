// Pins Adam's update against a hand-written reference and its checkpoint round trip.
using Es.Core.Optimizers;

namespace Es.Core.Tests.Optimizers;

public class AdamTests
{
    [Fact]
    public void Step_MatchesTheStartersFormula_OverSeveralSteps()
    {
        const int n = 5;
        var adam = new Adam(n, learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8);
        float[] theta = [0.1f, -0.2f, 0.3f, 0f, 1f];
        double[] reference = theta.Select(x => (double)x).ToArray();
        double[] m = new double[n], v = new double[n];
        var random = new System.Random(20230828);
        for (int t = 1; t <= 20; t++)
        {
            float[] g = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            adam.Step(theta, g);
            double a = 0.01 * Math.Sqrt(1 - Math.Pow(0.999, t)) / (1 - Math.Pow(0.9, t));
            for (int i = 0; i < n; i++)
            {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                reference[i] += -a * m[i] / (Math.Sqrt(v[i]) + 1e-8);
            }
        }
        for (int i = 0; i < n; i++) Assert.Equal(reference[i], theta[i], 5);
        Assert.Equal(20, adam.StepCount);
    }

    [Fact]
    public void FirstStep_MovesEachParameterByTheLearningRate_AgainstTheGradientSign()
    {
        var adam = new Adam(3, learningRate: 0.05);
        float[] theta = [1f, 1f, 1f];
        double ratio = adam.Step(theta, [2f, -3f, 0.5f]);
        Assert.Equal(0.95f, theta[0], 4);
        Assert.Equal(1.05f, theta[1], 4);
        Assert.Equal(0.95f, theta[2], 4);
        Assert.Equal(0.05, ratio, 3);
    }

    [Fact]
    public void LoadState_ContinuesBitForBit()
    {
        var random = new System.Random(20230828);
        float[][] grads = Enumerable.Range(0, 10).Select(_ => Enumerable.Range(0, 4).Select(_ => (float)random.NextDouble()).ToArray()).ToArray();
        var straight = new Adam(4);
        float[] a = [1f, 2f, 3f, 4f];
        foreach (float[] g in grads) straight.Step(a, g);

        var first = new Adam(4);
        float[] b = [1f, 2f, 3f, 4f];
        for (int i = 0; i < 5; i++) first.Step(b, grads[i]);
        var resumed = new Adam(4);
        resumed.LoadState(first.SaveState());
        for (int i = 5; i < 10; i++) resumed.Step(b, grads[i]);
        Assert.Equal(a, b);
    }

    [Fact]
    public void LoadState_RefusesAnotherKindOrSize()
    {
        var adam = new Adam(3);
        Assert.Contains("'sgd'", Assert.Throws<ArgumentException>(() => adam.LoadState(new SgdMomentum(3).SaveState())).Message);
        Assert.Throws<ArgumentException>(() => adam.LoadState(new Adam(4).SaveState()));
    }

    [Theory]
    [InlineData(0.0, 0.9, 0.999, 1e-8)]
    [InlineData(0.01, 1.0, 0.999, 1e-8)]
    [InlineData(0.01, 0.9, -0.1, 1e-8)]
    [InlineData(0.01, 0.9, 0.999, 0.0)]
    public void Constructor_RefusesInvalidHyperParameters(double lr, double b1, double b2, double eps)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(3, lr, b1, b2, eps));
    }
}
