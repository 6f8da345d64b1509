// Pins CartPoleLanes.StepLinear (the fused few-lane loop) to one episode at a time: each lane's
// normalizer, linear policy, argmax and environment give the same observations, rewards and flags.
using System.Runtime.Intrinsics;
using Es.Core.Environments;
using Es.Core.Normalization;
using Es.Core.Policies;
using Es.Core.Random;

namespace Es.Core.Tests.Environments;

public sealed class CartPoleLanesLinearTests
{
    private const int Stride = 8;

    [Theory]
    [InlineData(0, 1, true, 64)]
    [InlineData(4, 2, true, 7)]
    [InlineData(0, 3, false, 64)]
    [InlineData(4, 4, true, 64)]
    [InlineData(0, 4, false, 13)]
    public void StepLinear_GivesEachLaneTheBitsOfOneEpisode_ThroughEndsRestartsAndTruncation(int first, int count, bool normalize, int chunk)
    {
        // Lane 0 balances (its episodes run to the 500-step limit), lane 1 pushes one way (short
        // episodes), lane 2 has a NaN weight (NaN outputs: action 0), lane 3 all-zero weights (ties: action 0).
        float[][] parameters =
        [
            [0, 0, 0, 0, 0, 1, 0, 0.5f, 0, 0],
            [0.3f, -0.2f, 0.1f, 0.4f, -0.5f, 0.2f, 0.05f, -0.1f, 0.01f, 0.02f],
            [0.3f, float.NaN, 0.1f, 0.4f, -0.5f, 0.2f, 0.05f, -0.1f, 0.01f, 0.02f],
            new float[10],
        ];
        ObservationNormalizer normalizer = normalize
            ? ObservationNormalizer.FromStats(new ObservationStats([0.1, -0.2, 0.01, 0.3], [5, 4, 0.2, 9], 10), clip: 1.5f)
            : ObservationNormalizer.Identity(4);
        var lanes = new CartPoleLanes(first + count);
        var references = new Episode[count];
        var observations = new float[4 * Stride];
        ulong seed = 900;
        for (int k = 0; k < count; k++)
        {
            lanes.Reset(first + k, seed, observations, Stride);
            references[k] = new Episode(seed++, parameters[k], normalizer);
        }
        var weights = Weights(p => Vector128.Create(parameters[0][p], parameters[Math.Min(1, count - 1)][p], parameters[Math.Min(2, count - 1)][p], parameters[Math.Min(3, count - 1)][p]));
        var history = new float[CartPoleLanes.LinearHistoryLength];
        var results = new StepResult[8];
        var returns = new double[8];
        var expectedReturns = new double[count];
        int steps = 0, ends = 0, truncations = 0;
        var state = new double[4];
        while (steps < 1200)
        {
            int taken = lanes.StepLinear(first, count, chunk, weights, NormalizationLanes4.Of(normalizer), observations, Stride, history, returns, results);
            Assert.InRange(taken, 1, chunk);
            steps += taken;
            bool anyEnded = false;
            for (int k = 0; k < count; k++)
            {
                for (int s = 0; s < taken; s++)
                {
                    float[] seen = references[k].Observation;
                    Assert.Equal(Bits(seen), Bits(history.AsSpan((k * CartPoleLanes.LinearChunk + s) * 4, 4)));
                    StepResult expected = references[k].Step();
                    expectedReturns[k] += expected.Reward;
                    if (s < taken - 1) Assert.Equal(new StepResult(1.0, false, false), expected);
                    else Assert.Equal(expected, results[first + k]);
                }
                for (int c = 0; c < 4; c++) Assert.Equal(BitConverter.SingleToInt32Bits(references[k].Observation[c]), BitConverter.SingleToInt32Bits(observations[c * Stride + first + k]));
                returns[first + k] += results[first + k].Reward; // the caller adds the last step's reward
                Assert.Equal(BitConverter.DoubleToInt64Bits(expectedReturns[k]), BitConverter.DoubleToInt64Bits(returns[first + k]));
                lanes.GetState(first + k, state);
                Assert.Equal(references[k].State.Select(BitConverter.DoubleToInt64Bits), state.Select(BitConverter.DoubleToInt64Bits));
                if (results[first + k].Done)
                {
                    anyEnded = true;
                    ends++;
                    if (results[first + k].Truncated) truncations++;
                    lanes.Reset(first + k, seed, observations, Stride);
                    returns[first + k] = expectedReturns[k] = 0;
                    references[k] = new Episode(seed++, parameters[k], normalizer);
                }
            }
            Assert.True(anyEnded || taken == chunk, $"{taken} steps without an end, of at most {chunk}");
        }
        Assert.True(ends > count, "lanes should end and restart");
        Assert.True(truncations > 0, "the balancing lane should reach the step limit");
    }

    [Fact]
    public void StepLinear_LeavesLanesPastTheBusyOnesAsTheyWere()
    {
        var lanes = new CartPoleLanes(4);
        var observations = new float[4 * Stride];
        for (int k = 0; k < 4; k++) lanes.Reset(k, 40 + (ulong)k, observations, Stride);
        float[] before = [.. observations];
        var state = new double[4];
        lanes.GetState(3, state);
        double[] stateBefore = [.. state];
        var weights = Weights(p => Vector128.Create(p == 5 ? 1f : 0f));
        int taken = lanes.StepLinear(0, 3, 5, weights, NormalizationLanes4.Of(ObservationNormalizer.Identity(4)), observations, Stride, new float[CartPoleLanes.LinearHistoryLength], new double[4], new StepResult[4]);
        Assert.InRange(taken, 1, 5);
        for (int c = 0; c < 4; c++)
        {
            Assert.Equal(before[c * Stride + 3], observations[c * Stride + 3]);
            Assert.NotEqual(before[c * Stride + 2], observations[c * Stride + 2]);
        }
        lanes.GetState(3, state);
        Assert.Equal(stateBefore, state);
    }

    [Fact]
    public void StepLinear_RefusesCountsAndBuffersOutOfRange()
    {
        var lanes = new CartPoleLanes(4);
        var observations = new float[4 * Stride];
        for (int k = 0; k < 4; k++) lanes.Reset(k, (ulong)k, observations, Stride);
        var weights = Weights(_ => Vector128<float>.Zero);
        var normalization = NormalizationLanes4.Of(ObservationNormalizer.Identity(4));
        var history = new float[CartPoleLanes.LinearHistoryLength];
        Assert.Throws<ArgumentException>(() => lanes.StepLinear(0, 5, 1, weights, normalization, observations, Stride, history, new double[8], new StepResult[8]));
        Assert.Throws<ArgumentException>(() => lanes.StepLinear(0, 2, 0, weights, normalization, observations, Stride, history, new double[8], new StepResult[4]));
        Assert.Throws<ArgumentException>(() => lanes.StepLinear(0, 2, 1, weights, normalization, observations, Stride, history.AsSpan(0, 10), new double[8], new StepResult[4]));
        Assert.Throws<ArgumentException>(() => lanes.StepLinear(2, 2, 1, weights, normalization, observations, Stride, history, new double[8], new StepResult[4]));
        Assert.Throws<ArgumentException>(() => lanes.StepLinear(4, 1, 1, weights, normalization, observations, Stride, history, new double[8], new StepResult[8]));
        Assert.Throws<ArgumentException>(() => lanes.StepLinear(0, 2, 1, weights, normalization, observations, Stride, history, new double[1], new StepResult[4]));
        Assert.Throws<ArgumentException>(() => NormalizationLanes4.Of(ObservationNormalizer.Identity(3)));
    }

    // Parameter p's four lanes, p in Policy's order (W[i, o] at i·2 + o, then b[o] at 8 + o).
    private static LinearLanes4 Weights(Func<int, Vector128<float>> lanes) =>
        new(lanes(0), lanes(1), lanes(2), lanes(3), lanes(4), lanes(5), lanes(6), lanes(7), lanes(8), lanes(9));

    [Fact]
    public void StepLinear_RefusesALaneWhoseEpisodeHasTerminated()
    {
        // Stepped past its end by the generic step (a reward of 0 there), a lane cannot go on in the
        // fused loop, which counts 1 for every step before its last.
        var lanes = new CartPoleLanes(4);
        var observations = new float[4 * Stride];
        for (int k = 0; k < 4; k++) lanes.Reset(k, 70 + (ulong)k, observations, Stride);
        var results = new StepResult[4];
        for (int step = 0; step < 200 && !results[0].Terminated; step++) lanes.Step(1, [1f, 1f, 1f, 1f], observations, Stride, results);
        Assert.True(results[0].Terminated, "always pushing right should topple the pole");
        var weights = Weights(_ => Vector128<float>.Zero);
        Assert.Throws<ArgumentException>(() => lanes.StepLinear(0, 2, 4, weights, NormalizationLanes4.Of(ObservationNormalizer.Identity(4)), observations, Stride,
            new float[CartPoleLanes.LinearHistoryLength], new double[4], new StepResult[4]));
    }

    private static int[] Bits(ReadOnlySpan<float> values) => values.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();

    // One episode as EpisodeRunner steps it: normalize, act, step.
    private sealed class Episode
    {
        private static readonly Policy LinearPolicy = new(PolicySpec.Linear(), CartPoleEnvironment.CreateSpec());
        private readonly CartPoleEnvironment _environment = new();
        private readonly float[] _parameters;
        private readonly ObservationNormalizer _normalizer;
        private readonly float[] _normalized = new float[4];
        private readonly float[] _action = new float[1];

        public Episode(ulong seed, float[] parameters, ObservationNormalizer normalizer)
        {
            _parameters = parameters;
            _normalizer = normalizer;
            _environment.Reset(seed, Observation);
        }

        public float[] Observation { get; } = new float[4];

        public double[] State
        {
            get
            {
                var state = new double[4];
                _environment.GetState(state);
                return state;
            }
        }

        public StepResult Step()
        {
            _normalizer.Normalize(Observation, _normalized);
            Rng unused = default;
            LinearPolicy.Act(_parameters, _normalized, _action, ref unused, addNoise: false);
            return _environment.Step(_action, Observation);
        }
    }
}
