// Pins CueMemory-v0: the cue only at the start, the go flag 20 steps later, and the judged action.
namespace Es.Core.Tests.Environments;

using Es.Core.Environments;

public sealed class CueMemoryEnvironmentTests
{
    private static (double Return, int Length, int Cue) Play(ulong seed, Func<int, int, int> action)
    {
        var env = new CueMemoryEnvironment();
        var obs = new float[3];
        env.Reset(seed, obs);
        int cue = obs[0] == 1 ? 0 : 1;
        Assert.Equal(1f, obs[cue]);
        double total = 0;
        int t = 0;
        while (true)
        {
            if (t > 0 && t < CueMemoryEnvironment.Delay) Assert.Equal([0f, 0f, 0f], obs);
            if (t == CueMemoryEnvironment.Delay) Assert.Equal([0f, 0f, 1f], obs);
            StepResult r = env.Step([action(t, cue)], obs);
            total += r.Reward;
            t++;
            if (r.Done) return (total, t, cue);
        }
    }

    [Fact]
    public void NamingTheCueAtTheGoStep_ScoresOne_AndTheEpisodeLastsDelayPlusOneSteps()
    {
        var (ret, length, _) = Play(3, (t, cue) => t == CueMemoryEnvironment.Delay ? cue : 1 - cue);
        Assert.Equal(1, ret);
        Assert.Equal(CueMemoryEnvironment.Delay + 1, length);
    }

    [Fact]
    public void TheOtherActionAtTheGoStep_ScoresMinusOne_WhateverCameBefore()
    {
        var (ret, _, _) = Play(3, (t, cue) => t == CueMemoryEnvironment.Delay ? 1 - cue : cue);
        Assert.Equal(-1, ret);
    }

    [Fact]
    public void TheCue_IsDrawnFromTheSeed_BothSidesOccur()
    {
        int[] cues = Enumerable.Range(0, 40).Select(s => Play((ulong)s, (_, _) => 0).Cue).ToArray();
        Assert.Equal(cues, Enumerable.Range(0, 40).Select(s => Play((ulong)s, (_, _) => 1).Cue).ToArray());
        Assert.InRange(cues.Count(c => c == 1), 10, 30);
    }
}
