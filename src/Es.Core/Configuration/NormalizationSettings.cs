// Typed es.normalization: running observation normalization.
namespace Es.Core.Configuration;

/// <summary>Observation normalization (<c>es.normalization</c>).</summary>
/// <param name="Enabled">Normalize observations with running statistics (<c>enabled</c>).</param>
/// <param name="Clip">Normalized observations are clipped to [-clip, clip] (<c>clip</c>).</param>
/// <param name="SampleProbability">Fraction of training episodes that update the statistics (<c>sample-probability</c>).</param>
public sealed record NormalizationSettings(bool Enabled, double Clip, double SampleProbability);
