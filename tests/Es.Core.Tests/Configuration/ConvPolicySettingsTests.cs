// Pins the conv policy settings: es.policy.conv is read for conv policies only, checked against the task's pixels, and its reference batch only with VBN.
namespace Es.Core.Tests.Configuration;

using Es.Core.Configuration;
using Es.Core.Policies;
using Es.Core.Training;

public sealed class ConvPolicySettingsTests
{
    [Fact]
    public void ConvType_BuildsItsLayers_AndRoundTripsThroughTheSavedConfiguration()
    {
        EsSettings s = SettingsLoader.Parse("es { env.id = PixelInvaders-v0, policy { type = conv, hidden = [16], activation = relu, conv { channels = [8, 4], kernels = [3, 2], strides = [1, 2] } } }", "conv.conf");
        TrainingSetup setup = TrainingSetup.FromSettings(s);
        Assert.Equal(PolicySpec.Convolutional([new ConvLayer(8, 3, 1), new ConvLayer(4, 2, 2)], [16]), setup.Policy);
        Assert.Null(setup.ReferenceBatch);
        Assert.Equal(s, SettingsLoader.ParseSaved(s.ToHocon(), "saved.conf"));
    }

    [Theory]
    [InlineData("es { env.id = PixelFreeway-v0, policy { type = mlp, conv.channels = [4] } }", "es.policy.conv.channels", "only convolutional policies")]
    [InlineData("es { env.id = PixelFreeway-v0, policy { type = conv, conv.reference-batch = 8 } }", "es.policy.conv.reference-batch", "only virtual batch normalization")]
    [InlineData("es { env.id = CartPole-v1, policy.type = conv }", "es.policy.type", "pixel observations")]
    [InlineData("es { env.id = PixelFreeway-v0, policy { type = conv, conv { channels = [4, 4], kernels = [3, 9], strides = [1, 1] } } }", "es.policy.conv.kernels", "does not fit")]
    [InlineData("es { env.id = PixelFreeway-v0, policy { type = conv, conv { channels = [4, 4], kernels = [3], strides = [1, 1] } } }", "es.policy.conv.kernels", "one kernel size per conv layer")]
    [InlineData("es { env.id = PixelFreeway-v0, policy { type = conv, conv { strides = [0] } } }", "es.policy.conv.strides", "must be > 0")]
    public void BadConvSettings_AreRefusedAtTheirKey(string text, string key, string reason)
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Parse(text, "conv.conf"));
        Assert.Equal(key, e.Key);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }
}
