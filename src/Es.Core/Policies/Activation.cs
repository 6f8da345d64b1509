// Nonlinearity applied after each hidden layer of an MLP policy.
namespace Es.Core.Policies;

/// <summary>Hidden-layer nonlinearity of an MLP policy.</summary>
public enum Activation
{
    /// <summary>Hyperbolic tangent, the evolution-strategies-starter default; computed by <see cref="PolicyKernels.Tanh(float)"/>.</summary>
    Tanh,

    /// <summary>max(x, 0).</summary>
    Relu,
}
