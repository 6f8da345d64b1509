// Pins what the pixel-game task files claim: ES from the pixels beats a random policy by a stated margin.
namespace Es.Core.Tests.Training;

using Xunit.Abstractions;

public sealed class PixelGamesTrainingTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("pixel-breakout.conf", "PixelBreakout-v0", 0.2)]
    [InlineData("pixel-invaders.conf", "PixelInvaders-v0", 4.0)]
    [InlineData("pixel-freeway.conf", "PixelFreeway-v0", 5.0)]
    public void TrainedFromPixels_BeatsARandomPolicy(string file, string id, double margin)
    {
        double random = TaskFileRuns.RandomPolicyReturn(id, 200);
        double trained = TaskFileRuns.TrainAndJudge(file, output);
        output.WriteLine($"{id}: random policy {random:F2}, trained {trained:F2}");
        Assert.True(trained >= random + margin, $"{id}: trained {trained:F2} over 100 fresh episodes, random policy {random:F2}; the margin is {margin}");
    }
}
