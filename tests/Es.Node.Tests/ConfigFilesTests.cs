// The user-facing files in hocon/ that this command documents must load and validate.
using Es.Core.Configuration;

namespace Es.Node.Tests;

public class ConfigFilesTests
{
    // humanoid.conf names a MuJoCo task, which `es` registers at start-up; these tests load files directly.
    public ConfigFilesTests() => Es.MuJoCo.MuJoCoEnvironments.Register();

    [Fact]
    public void DefaultsConf_LoadsToTheReferenceDefaults()
    {
        EsSettings settings = SettingsLoader.Load(Path.Combine(TestFiles.RepositoryRoot(), "hocon", "defaults.conf"));
        Assert.Equal(EsSettings.Default.ToHocon(), settings.ToHocon());
    }

    [Fact]
    public void SingleProcessConf_Loads()
    {
        EsSettings settings = SettingsLoader.Load(Path.Combine(TestFiles.RepositoryRoot(), "hocon", "single-process.conf"));
        Assert.Equal("CartPole-v1", settings.Env.Id);
    }

    public static TheoryData<string> TaskFiles()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(TestFiles.RepositoryRoot(), "hocon", "tasks"), "*.conf").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(TaskFiles))]
    public void TaskFile_LoadsAndBuildsARun(string file)
    {
        EsSettings settings = SettingsLoader.Load(Path.Combine(TestFiles.RepositoryRoot(), "hocon", "tasks", file));
        Es.Core.Training.TrainingSetup setup = Es.Core.Training.TrainingSetup.FromSettings(settings);
        Assert.True(settings.Run.GoalReturn is not null, $"{file} should state the goal that solves its task");
        Assert.True(setup.Dimension > 0);
    }

    [Fact]
    public void EveryTaskOfTheIssue_HasATaskFile()
    {
        string[] ids = Directory.GetFiles(Path.Combine(TestFiles.RepositoryRoot(), "hocon", "tasks"), "*.conf")
            .Select(f => SettingsLoader.Load(f).Env.Id).ToArray();
        foreach (string id in new[] { "CartPole-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1", "Acrobot-v1", "Arm-v0" })
            Assert.Contains(id, ids);
    }

    [Fact]
    public void HeadAndWorkerConfs_DescribeTheSameRun_OnLoopback()
    {
        EsSettings head = SettingsLoader.Load(Path.Combine(TestFiles.RepositoryRoot(), "hocon", "head.conf"));
        EsSettings worker = SettingsLoader.Load(Path.Combine(TestFiles.RepositoryRoot(), "hocon", "worker.conf"));
        Assert.Equal(head with { Cluster = worker.Cluster, Akka = worker.Akka }, worker);
        Assert.Equal(head.Cluster.RunId, worker.Cluster.RunId);
        Akka.Configuration.Config headAkka = Es.Actors.Hosting.EsActorSystem.Config(head);
        Akka.Configuration.Config workerAkka = Es.Actors.Hosting.EsActorSystem.Config(worker);
        Assert.Equal(headAkka.GetStringList("akka.cluster.seed-nodes"), workerAkka.GetStringList("akka.cluster.seed-nodes"));
        Assert.Equal($"akka.tcp://esakka@127.0.0.1:{headAkka.GetInt("akka.remote.dot-netty.tcp.port")}", Assert.Single(headAkka.GetStringList("akka.cluster.seed-nodes")));
        Assert.Equal("127.0.0.1", headAkka.GetString("akka.remote.dot-netty.tcp.hostname"));
        Assert.Equal("127.0.0.1", workerAkka.GetString("akka.remote.dot-netty.tcp.hostname"));
    }
}
