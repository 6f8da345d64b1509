// The hidden-layer activations es.policy.activation can name.
namespace Es.Core.Configuration;

/// <summary>Hidden layer activation of an MLP policy (<c>es.policy.activation</c>).</summary>
public enum Activation
{
    /// <summary><c>tanh</c>, the usual choice for ES policies.</summary>
    Tanh,

    /// <summary><c>relu</c>.</summary>
    Relu,
}
