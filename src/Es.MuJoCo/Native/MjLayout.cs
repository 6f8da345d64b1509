// Byte offsets of the mjModel and mjData fields EsAkka reads, for MuJoCo 2.2.2 on x86-64 Linux.
namespace Es.MuJoCo.Native;

/// <summary>
/// Where fields live inside mjModel and mjData. MuJoCo 2.2.2 has no getter functions, so the
/// bindings read the structs directly; these offsets were taken with offsetof() from the 2.2.2
/// headers (Debian's libmujoco-dev 2.2.2-3, include/mujoco/mjmodel.h and mjdata.h) and are checked
/// against the running library at start-up by <see cref="MuJoCoLibrary"/>. Another MuJoCo version
/// moves them, which is why only 2.2.2 is accepted.
/// </summary>
internal static class MjLayout
{
    /// <summary>The only version (mj_version()) these offsets are right for.</summary>
    public const int Version = 222;

    /// <summary>sizeof(mjModel) in 2.2.2, for reference in messages.</summary>
    public const int ModelSize = 3280;

    /// <summary>sizeof(mjData) in 2.2.2.</summary>
    public const int DataSize = 41176;

    /// <summary>mjOBJ_BODY in mjtObj.</summary>
    public const int ObjectBody = 1;

    /// <summary>mjJNT_FREE in mjtJoint.</summary>
    public const int JointFree = 0;

    // mjModel: sizes (int).
    public const int ModelNq = 0;
    public const int ModelNv = 4;
    public const int ModelNu = 8;
    public const int ModelNa = 12;
    public const int ModelNbody = 16;
    public const int ModelNjnt = 20;
    public const int ModelNgeom = 24;

    // mjModel: opt (mjOption) and its fields.
    public const int ModelOpt = 232;
    public const int OptionTimestep = 0;
    public const int OptionGravity = 48;

    // mjModel: pointers.
    public const int ModelQpos0 = 1096;
    public const int ModelBodyParentId = 1112;
    public const int ModelBodyMass = 1240;
    public const int ModelJntType = 1280;
    public const int ModelGeomType = 1488;
    public const int ModelGeomBodyId = 1520;
    public const int ModelGeomSize = 1592;
    public const int ModelActuatorCtrlLimited = 2744;
    public const int ModelActuatorCtrlRange = 2792;

    // mjData: scalars.
    public const int DataNefc = 40328;
    public const int DataNcon = 40332;
    public const int DataTime = 40336;

    // mjData: pointers into its arena.
    public const int DataQpos = 40376;
    public const int DataQvel = 40384;
    public const int DataAct = 40392;
    public const int DataCtrl = 40408;
    public const int DataXpos = 40480;
    public const int DataXmat = 40496;
    public const int DataXipos = 40504;
    public const int DataGeomXpos = 40536;
    public const int DataGeomXmat = 40544;
    public const int DataSubtreeCom = 40600;
    public const int DataCinert = 40616;
    public const int DataCvel = 40960;
    public const int DataQfrcActuator = 41088;
    public const int DataCfrcExt = 41168;
}
