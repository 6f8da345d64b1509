// Registration with Es.Core: the ids become known to the registry and to configuration, and bad settings are located errors.
namespace Es.MuJoCo.Tests;

using Es.Core.Configuration;
using Es.Core.Environments;
using Es.Core.Training;

public class MuJoCoEnvironmentsTests
{
    public MuJoCoEnvironmentsTests() => MuJoCoEnvironments.Register();

    [Fact]
    public void Register_AddsTheIdsToTheRegistry()
    {
        foreach (string id in MuJoCoEnvironments.Ids)
            Assert.Contains(id, EnvironmentRegistry.Ids);
        Assert.Equal(426, EnvironmentRegistry.GetSpec("Humanoid").ObservationSize);
        Assert.IsType<Es.MuJoCo.Tasks.Arm26ReachEnvironment>(EnvironmentRegistry.Create("Arm26Reach"));
    }

    [Fact]
    public void Register_Twice_IsHarmless()
    {
        MuJoCoEnvironments.Register();
        Assert.Equal(1, EnvironmentRegistry.Ids.Count(id => id == "Humanoid"));
    }

    [Fact]
    public void CreateFromSettings_UserModel_UsesTheRunsMuJoCoSettings()
    {
        var env = EsSettings.Default.Env with
        {
            Id = "MuJoCo",
            MuJoCo = MuJoCoSettings.Default with { Model = Es.MuJoCo.Tasks.Arm26ReachEnvironment.DefaultModelPath, Reward = "reach", MaxEpisodeSteps = 77 },
        };
        Assert.Null(EnvironmentRegistry.Check(env));
        IStatefulEnvironment created = EnvironmentRegistry.Create(env);
        Assert.Equal(77, created.Spec.MaxEpisodeSteps);
        Assert.Equal(6, created.Spec.ActionSize);
    }

    [Fact]
    public void Settings_HumanoidTaskFile_BuildsATrainingSetup()
    {
        EsSettings settings = SettingsLoader.Parse("es.env.id = Humanoid\nes.policy.hidden = [8]\nes.noise.size = 100000", "test.conf");
        TrainingSetup setup = TrainingSetup.FromSettings(settings);
        Assert.Equal(426, setup.Environment!.ObservationSize);
        Assert.Equal(426 * 8 + 8 + 8 * 21 + 21, setup.Dimension);
    }

    [Fact]
    public void Settings_UserModelThatDoesNotExist_FailsAtTheKeyWithItsLocation()
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Parse(
            "es.env.id = MuJoCo\nes.env.mujoco.model = \"/nowhere/robot.xml\"", "robot.conf"));
        Assert.Contains("es.env.mujoco.model", e.Message, StringComparison.Ordinal);
        Assert.Contains("robot.conf", e.Message, StringComparison.Ordinal);
        Assert.Contains("/nowhere/robot.xml", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_UserModelWithoutPath_FailsNamingTheKey()
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Parse("es.env.id = MuJoCo", "robot.conf"));
        Assert.Contains("es.env.mujoco.model", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_UnknownReward_FailsListingTheRewards()
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Parse(
            $"es.env.id = MuJoCo\nes.env.mujoco.model = \"{Es.MuJoCo.Tasks.HumanoidEnvironment.DefaultModelPath}\"\nes.env.mujoco.reward = sprint", "robot.conf"));
        Assert.Contains("es.env.mujoco.reward", e.Message, StringComparison.Ordinal);
        Assert.Contains("forward", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_UserModelWithAMissingBody_FailsAtTheBodyKey()
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Parse(
            $"es.env.id = MuJoCo\nes.env.mujoco.model = \"{Es.MuJoCo.Tasks.HumanoidEnvironment.DefaultModelPath}\"\nes.env.mujoco.body = tail", "robot.conf"));
        Assert.Contains("es.env.mujoco.body", e.Message, StringComparison.Ordinal);
    }
}
