// Pins that the conformance check reads the shipped reference data, honours ES_REFERENCE_DIR, and fails on a wrong value.
namespace Es.Core.Tests.Environments;

using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Sdk;

/// <summary>
/// The conformance test is only worth something if a wrong number in a reference file makes it
/// fail, and if it reads the files a fresh clone has (no folder beside the repository).
/// </summary>
public sealed class ReferenceDataTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("es-reference-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void ShippedDirectory_IsTheDefaultAndHoldsTheFiveEnvironments()
    {
        string? dir = ReferenceData.FindDirectory(null, out string tried);
        Assert.True(dir == ReferenceData.ShippedDirectory, $"expected the shipped reference data at {ReferenceData.ShippedDirectory}; looked in {tried}");
        Assert.Equal(
            ["Acrobot-v1.json", "CartPole-v1.json", "MountainCar-v0.json", "MountainCarContinuous-v0.json", "Pendulum-v1.json"],
            ReferenceData.Files(dir!).Select(f => Path.GetFileName(f)).ToArray());
    }

    [Fact]
    public void Override_IsAuthoritative_EvenWhenItDoesNotExist()
    {
        string missing = Path.Combine(_temp, "no-such-dir");
        Assert.Null(ReferenceData.FindDirectory(missing, out string tried));
        Assert.Contains(missing, tried, StringComparison.Ordinal);
        Assert.Contains(ReferenceData.DirectoryVariable, tried, StringComparison.Ordinal);

        Assert.Equal(_temp, ReferenceData.FindDirectory(_temp, out _));
    }

    [Fact]
    public void UnchangedCopy_PassesBothChecks()
    {
        ReferenceCase c = LoadFromCopy("CartPole-v1.json", text => text);
        ClassicControlConformanceTests.CheckOneStepFromEachState(c);
        ClassicControlConformanceTests.CheckFreeRollout(c);
    }

    [Fact]
    public void WrongStateValueInAFile_FailsTheOneStepCheckAtThatStep()
    {
        // The first "state" of the first case's third step, changed in its last digits.
        ReferenceCase c = LoadFromCopy("CartPole-v1.json", text => ChangeNthState(text, 2));
        var e = Assert.ThrowsAny<XunitException>(() => ClassicControlConformanceTests.CheckOneStepFromEachState(c));
        Assert.Contains("one-step step 2: state[0]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongRewardInAFile_FailsTheFreeRollout()
    {
        ReferenceCase c = LoadFromCopy("Pendulum-v1.json", text => ChangeFirst(text, "\"reward\": "));
        var e = Assert.ThrowsAny<XunitException>(() => ClassicControlConformanceTests.CheckFreeRollout(c));
        Assert.Contains("rollout step 0: reward", e.Message, StringComparison.Ordinal);
    }

    private ReferenceCase LoadFromCopy(string file, Func<string, string> edit)
    {
        string? shipped = ReferenceData.FindDirectory(null, out string tried);
        Assert.True(shipped is not null, $"shipped reference data missing; looked in {tried}");
        string copy = Path.Combine(_temp, file);
        File.WriteAllText(copy, edit(File.ReadAllText(Path.Combine(shipped!, file))));
        return ReferenceData.Load(copy)[0];
    }

    // The state array of step n of the first case: its first number is replaced by itself + 1e-9.
    private static string ChangeNthState(string text, int n)
    {
        int at = text.IndexOf("\"steps\"", StringComparison.Ordinal);
        for (int i = 0; i <= n; i++) at = text.IndexOf("\"state\": [", at + 1, StringComparison.Ordinal);
        return Bump(text, at + "\"state\": [".Length);
    }

    private static string ChangeFirst(string text, string marker)
    {
        int at = text.IndexOf(marker, text.IndexOf("\"steps\"", StringComparison.Ordinal), StringComparison.Ordinal);
        return Bump(text, at + marker.Length);
    }

    private static string Bump(string text, int start)
    {
        Match m = Regex.Match(text[start..], @"^-?[0-9][0-9.eE+-]*");
        Assert.True(m.Success, $"no number at offset {start}");
        double changed = double.Parse(m.Value, CultureInfo.InvariantCulture) + 1e-9;
        return text[..start] + changed.ToString("R", CultureInfo.InvariantCulture) + text[(start + m.Length)..];
    }
}
