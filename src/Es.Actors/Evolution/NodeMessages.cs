// Messages between the actors of a node: parameter snapshots, evaluation requests and their outcomes.
using Es.Core.Evaluation;
using Es.Core.Normalization;
using Es.Core.Strategies;

namespace Es.Actors.Evolution;

/// <summary>
/// The strategy's sampler and the normalizer of one generation, immutable: evaluators read it
/// concurrently while the replica prepares the next one.
/// </summary>
/// <param name="Generation">The generation these parameters belong to.</param>
/// <param name="Sampler">Rebuilds the generation's candidates; its Center is θ_g (never modified after creation).</param>
/// <param name="Normalizer">The normalizer of generation g (never updated after creation).</param>
public sealed record ParametersSnapshot(long Generation, ICandidateSampler Sampler, ObservationNormalizer Normalizer);

/// <summary>The replica reached a new generation.</summary>
/// <param name="Parameters">Its parameters.</param>
public sealed record ParametersAdvanced(ParametersSnapshot Parameters);

/// <summary>A task a node holds, with the name its feed knows it by.</summary>
/// <param name="Id">The task's name on this node ("generation/task").</param>
/// <param name="Task">The task.</param>
/// <param name="Reclaimed">The task was handed out before to a node that did not finish it: counted as a retry in the metrics.</param>
public sealed record TaskDelivery(string Id, EvaluationTask Task, bool Reclaimed = false);

/// <summary>Asks the replica to send <see cref="ParametersAdvanced"/> to the sender now and on every advance.</summary>
public sealed record SubscribeParameters;

/// <summary>Evaluate a task with the given parameters.</summary>
/// <param name="Delivery">The claimed task.</param>
/// <param name="Parameters">θ and normalizer of the task's generation.</param>
/// <param name="Attempt">0 for the first try; the evaluator increments it when it retries after a restart.</param>
public sealed record Evaluate(TaskDelivery Delivery, ParametersSnapshot Parameters, int Attempt = 0);

/// <summary>An evaluator's answer to <see cref="Evaluate"/>.</summary>
/// <param name="Delivery">The task.</param>
/// <param name="Result">Its result.</param>
/// <param name="Seconds">Wall time of the evaluation, which sets how far ahead the feed claims (0: unknown).</param>
public sealed record Evaluated(TaskDelivery Delivery, TaskResult Result, double Seconds = 0);

/// <summary>An evaluator gave up on a task (its retries are spent, or it was stopped while working on it).</summary>
/// <param name="Delivery">The task, to be evaluated elsewhere.</param>
/// <param name="Reason">The last failure.</param>
public sealed record EvaluationAbandoned(TaskDelivery Delivery, string Reason);

/// <summary>Published on the event stream when an evaluator stops after failures, so the coordinator can say why a pool emptied.</summary>
/// <param name="Path">The evaluator's path.</param>
/// <param name="Reason">Its last failure.</param>
public sealed record EvaluatorStopped(string Path, string Reason);
