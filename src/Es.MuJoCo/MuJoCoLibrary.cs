// Loads Debian's libmujoco.so.2.2.2 once per process and checks that the struct offsets fit it.
namespace Es.MuJoCo;

using System.Globalization;
using Es.MuJoCo.Native;

/// <summary>
/// The process-wide gate in front of the native library. <see cref="EnsureLoaded"/> runs once: it
/// checks <c>mj_version()</c>, then loads a small model with known answers and reads them through
/// <see cref="MjLayout"/> (sizes, timestep, gravity, qpos0, masses, control ranges, and that one
/// step advances time by the timestep and the free-falling body's velocity by g·dt). Any mismatch
/// means the offsets do not fit this library, and nothing is simulated with wrong memory reads.
/// </summary>
public static class MuJoCoLibrary
{
    /// <summary>The Debian package that installs the library.</summary>
    public const string LibraryPackage = "libmujoco2.2.2";

    /// <summary>The Debian package that installs the models under <see cref="ModelDirectory"/> and mujoco-testspeed.</summary>
    public const string SamplesPackage = "libmujoco-samples";

    /// <summary>Where Debian's libmujoco-samples puts the sample models.</summary>
    public const string ModelDirectory = "/usr/share/mujoco/model";

    /// <summary>The library version (mj_version() = 222) the bindings are written for.</summary>
    public const int SupportedVersion = MjLayout.Version;

    // A free-falling sphere of mass 2 and a hinged rod with a motor: enough to check every offset family.
    private const string ProbeModel = """
        <mujoco model="esakka-probe">
          <option timestep="0.004" gravity="0 0 -9.5"/>
          <worldbody>
            <body name="ball" pos="0.25 -0.5 3">
              <freejoint/>
              <geom type="sphere" size="0.1" mass="2"/>
            </body>
            <body name="rod" pos="5 0 1">
              <joint name="hinge" type="hinge" axis="0 1 0"/>
              <geom type="capsule" fromto="0 0 0 0.5 0 0" size="0.05" mass="0.5"/>
            </body>
          </worldbody>
          <actuator>
            <motor joint="hinge" gear="3" ctrllimited="true" ctrlrange="-2 1.5"/>
          </actuator>
        </mujoco>
        """;

    private static readonly Lazy<int> Loaded = new(LoadAndVerify, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Loads the library and verifies it once; later calls return at once (or rethrow the first failure).</summary>
    /// <returns>The library version, 222.</returns>
    /// <exception cref="MuJoCoException">The library is missing (install libmujoco2.2.2) or is not version 2.2.2.</exception>
    public static int EnsureLoaded() => Loaded.Value;

    /// <summary>Refuses any library version but 2.2.2, with a message that says why and what to install.</summary>
    /// <param name="version">What mj_version() returned.</param>
    /// <exception cref="MuJoCoException">The version is not 222.</exception>
    public static void VerifyVersion(int version)
    {
        if (version == SupportedVersion) return;
        throw new MuJoCoException(
            $"MuJoCo library {MjNative.Library} reports version {FormatVersion(version)} (mj_version() = {version}), but EsAkka's bindings read "
            + $"mjModel and mjData at the offsets of MuJoCo {FormatVersion(SupportedVersion)} only. Install Debian's package {LibraryPackage} "
            + $"(apt-get install {LibraryPackage}) and make sure no other libmujoco.so.2.2.2 comes first on the library path.");
    }

    /// <summary>Refuses a probe value read through the offsets that differs from what the probe model defines.</summary>
    /// <param name="what">The field that was read.</param>
    /// <param name="expected">The value the probe model defines.</param>
    /// <param name="actual">The value read from the library.</param>
    /// <exception cref="MuJoCoException">The values differ beyond rounding.</exception>
    public static void VerifyField(string what, double expected, double actual)
    {
        if (Math.Abs(expected - actual) <= 1e-9 * Math.Max(1.0, Math.Abs(expected))) return;
        throw new MuJoCoException(
            $"MuJoCo library {MjNative.Library} does not have the memory layout of MuJoCo {FormatVersion(SupportedVersion)}: {what} reads "
            + $"{actual.ToString("R", CultureInfo.InvariantCulture)} where the probe model defines {expected.ToString("R", CultureInfo.InvariantCulture)}. "
            + $"Install Debian's package {LibraryPackage} (apt-get install {LibraryPackage}); other builds are not supported.");
    }

    /// <summary>"2.2.2" for 222.</summary>
    internal static string FormatVersion(int version) =>
        version >= 100 ? $"{version / 100}.{version / 10 % 10}.{version % 10}" : version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The message for a library that cannot be opened.</summary>
    internal static string MissingLibraryMessage(string detail) =>
        $"MuJoCo library {MjNative.Library} cannot be loaded ({detail}). Install Debian's package {LibraryPackage}: apt-get install {LibraryPackage} {SamplesPackage}";

    private static int LoadAndVerify()
    {
        int version = ReadVersion(MjNative.Version);
        VerifyVersion(version);
        MuJoCoWarnings.Install();
        VerifyLayout();
        return version;
    }

    /// <summary>Calls mj_version through <paramref name="version"/>, turning a library that cannot be opened into the install message.</summary>
    internal static int ReadVersion(Func<int> version)
    {
        try
        {
            return version();
        }
        catch (DllNotFoundException e)
        {
            throw new MuJoCoException(MissingLibraryMessage(e.Message), e);
        }
        catch (EntryPointNotFoundException e)
        {
            throw new MuJoCoException(MissingLibraryMessage(e.Message), e);
        }
    }

    private static void VerifyLayout()
    {
        string path = Path.Combine(Path.GetTempPath(), $"esakka-mujoco-probe-{Environment.ProcessId}-{Guid.NewGuid():N}.xml");
        File.WriteAllText(path, ProbeModel);
        try
        {
            using var model = MjModel.LoadUnverified(path);
            VerifyField("mjModel.nq", 8, model.Nq);
            VerifyField("mjModel.nv", 7, model.Nv);
            VerifyField("mjModel.nu", 1, model.Nu);
            VerifyField("mjModel.na", 0, model.Na);
            VerifyField("mjModel.nbody", 3, model.Nbody);
            VerifyField("mjModel.njnt", 2, model.Njnt);
            VerifyField("mjModel.opt.timestep", 0.004, model.Timestep);
            VerifyField("mjModel.opt.gravity[2]", -9.5, model.Gravity.Z);
            ReadOnlySpan<double> qpos0 = model.Qpos0;
            double[] expectedQpos0 = [0.25, -0.5, 3, 1, 0, 0, 0, 0];
            for (int i = 0; i < expectedQpos0.Length; i++)
                VerifyField($"mjModel.qpos0[{i}]", expectedQpos0[i], qpos0[i]);
            VerifyField("mjModel.body_mass[1]", 2, model.BodyMass[1]);
            VerifyField("mjModel.body_mass[2]", 0.5, model.BodyMass[2]);
            VerifyField("mjModel.jnt_type[0]", MjLayout.JointFree, model.JointType[0]);
            VerifyField("mjModel.actuator_ctrllimited[0]", 1, model.ActuatorCtrlLimited[0]);
            VerifyField("mjModel.actuator_ctrlrange[0]", -2, model.ActuatorCtrlRange[0]);
            VerifyField("mjModel.actuator_ctrlrange[1]", 1.5, model.ActuatorCtrlRange[1]);
            VerifyField("mj_name2id(body, \"rod\")", 2, model.BodyId("rod"));
            VerifyField("mjModel.ngeom", 2, model.Ngeom);
            VerifyField("mjModel.geom_type[0] (sphere)", MjGeomType.Sphere, model.GeomType[0]);
            VerifyField("mjModel.geom_type[1] (capsule)", MjGeomType.Capsule, model.GeomType[1]);
            VerifyField("mjModel.geom_bodyid[1]", 2, model.GeomBodyId[1]);
            VerifyField("mjModel.geom_size[0] (sphere radius)", 0.1, model.GeomSize[0]);
            VerifyField("mjModel.geom_size[3] (capsule radius)", 0.05, model.GeomSize[3]);
            VerifyField("mjModel.geom_size[4] (capsule half-length)", 0.25, model.GeomSize[4]);

            using var data = new MjData(model);
            data.Reset();
            for (int i = 0; i < expectedQpos0.Length; i++)
                VerifyField($"mjData.qpos[{i}] after mj_resetData", expectedQpos0[i], data.Qpos[i]);
            data.Ctrl[0] = 1.0;
            data.Forward();
            VerifyField("mjData.xpos[1].z after mj_forward", 3, data.Xpos[5]);
            VerifyField("mjData.xipos[1].x after mj_forward", 0.25, data.Xipos[3]);
            VerifyField("mjData.xmat[1][0] after mj_forward", 1, data.Xmat[9]);
            VerifyField("mjData.geom_xpos[1].x after mj_forward (the capsule's centre)", 5.25, data.GeomXpos[3]);
            VerifyField("|mjData.geom_xmat[1][2]| after mj_forward (the capsule's axis along ±x)", 1, Math.Abs(data.GeomXmat[9 + 2]));
            VerifyField("mjData.subtree_com[1].y after mj_forward", -0.5, data.SubtreeCom[4]);
            VerifyField("mjData.cinert[1] mass after mj_forward", 2, data.Cinert[19]);
            VerifyField("mjData.qfrc_actuator[6] (gear 3 x ctrl 1)", 3, data.QfrcActuator[6]);
            data.Step();
            VerifyField("mjData.time after one mj_step", model.Timestep, data.Time);
            VerifyField("mjData.qvel[2] after one mj_step (g x dt)", -9.5 * 0.004, data.Qvel[2]);
            data.Forward();
            VerifyField("mjData.cvel[1] linear z after one mj_step", -9.5 * 0.004, data.Cvel[11]);
            VerifyField("mjData.nefc (no contacts)", 0, data.Nefc);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
