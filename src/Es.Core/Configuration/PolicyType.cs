// The policy architectures es.policy.type can name.
namespace Es.Core.Configuration;

/// <summary>Policy architecture (<c>es.policy.type</c>).</summary>
public enum PolicyType
{
    /// <summary><c>linear</c>: observation to action through one affine map; hidden sizes are ignored.</summary>
    Linear,

    /// <summary><c>mlp</c>: a multilayer perceptron with <see cref="PolicySettings.Hidden"/> layers.</summary>
    Mlp,
}
