// The geom types of MuJoCo 2.2.2 (mjtGeom) that EsAkka tells apart, for drawing a model.
namespace Es.MuJoCo;

/// <summary>Values of <see cref="MjModel.GeomType"/> (mjtGeom in mjmodel.h of MuJoCo 2.2.2); mesh and height-field geoms have others.</summary>
public static class MjGeomType
{
    /// <summary>mjGEOM_PLANE: an infinite plane (a floor).</summary>
    public const int Plane = 0;

    /// <summary>mjGEOM_SPHERE: size[0] is the radius.</summary>
    public const int Sphere = 2;

    /// <summary>mjGEOM_CAPSULE: size[0] radius, size[1] half-length along the geom's z axis.</summary>
    public const int Capsule = 3;

    /// <summary>mjGEOM_ELLIPSOID: size holds the three radii.</summary>
    public const int Ellipsoid = 4;

    /// <summary>mjGEOM_CYLINDER: size[0] radius, size[1] half-length along the geom's z axis.</summary>
    public const int Cylinder = 5;

    /// <summary>mjGEOM_BOX: size holds the three half-sizes.</summary>
    public const int Box = 6;
}
