// Pins the recurrent policy settings: gru and lstm are read with their cell size, and keys that do not apply to them (or the cell size to others) are refused.
namespace Es.Core.Tests.Configuration;

using Es.Core.Configuration;
using Es.Core.Policies;
using Es.Core.Training;

public sealed class RecurrentPolicySettingsTests
{
    [Theory]
    [InlineData("gru", PolicyKind.Gru, 3)]
    [InlineData("lstm", PolicyKind.Lstm, 4)]
    public void RecurrentType_IsReadWithItsCellSize_AndBuildsThatCell(string type, PolicyKind kind, int gates)
    {
        EsSettings s = SettingsLoader.Parse($"es {{ env.id = CueMemory-v0, policy {{ type = {type}, cell-size = 5 }} }}", "recurrent.conf");
        Assert.Equal(kind, s.Policy.Type);
        Assert.Equal(5, s.Policy.CellSize);
        TrainingSetup setup = TrainingSetup.FromSettings(s);
        Assert.Equal(PolicySpec.Recurrent(kind, 5), setup.Policy);
        Assert.Equal(gates * 5 * (3 + 5 + 2) + 5 * 2 + 2, setup.Dimension);
        Assert.Equal(s, SettingsLoader.ParseSaved(s.ToHocon(), "saved.conf")); // the checkpoint's embedded configuration brings the cell back
    }

    [Fact]
    public void CellSizeOfAnMlp_IsRefused()
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Parse("es { env.id = CartPole-v1, policy { type = mlp, cell-size = 16 } }", "mlp.conf"));
        Assert.Equal("es.policy.cell-size", e.Key);
        Assert.Contains("only recurrent policies", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hidden = [8]", "es.policy.hidden")]
    [InlineData("activation = relu", "es.policy.activation")]
    public void HiddenLayersOfARecurrentPolicy_AreRefused(string setting, string key)
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Parse($"es {{ env.id = CartPole-v1, policy {{ type = gru, {setting} }} }}", "gru.conf"));
        Assert.Equal(key, e.Key);
        Assert.Contains("recurrent cell", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CellSizeBelowOne_IsRefused()
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Parse("es { env.id = CartPole-v1, policy { type = lstm, cell-size = 0 } }", "lstm.conf"));
        Assert.Equal("es.policy.cell-size", e.Key);
    }
}
