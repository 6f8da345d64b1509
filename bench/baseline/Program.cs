// One thread evaluates generation 0's training tasks of a task file again and again, task by task
// and, where this checkout's PairEvaluator has EvaluateMany, as one batch in lockstep; prints the
// best steps per CPU-second of each over interleaved rounds. Found by reflection, so a checkout from
// before lockstep rollouts builds and runs the same loop. ES_BASELINE_GENERATION=N first trains N
// generations (one episode at a time, the same θ in every build) and measures generation N's tasks.
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Es.Core.Configuration;
using Es.Core.Evaluation;
using Es.Core.Normalization;
using Es.Core.Strategies;
using Es.Core.Training;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: es-baseline TASK_FILE SECONDS [KEY=VALUE ...]");
    return 2;
}
double seconds = double.Parse(args[1], CultureInfo.InvariantCulture);
// Evaluation episodes are left out below, so the task file is read as it is (a build from before
// `null` settings refuses those overrides).
EsSettings settings = SettingsLoader.Load(args[0], [.. args.Skip(2)]);
TrainingSetup setup = TrainingSetup.FromSettings(settings);
Learner learner = setup.CreateLearner();
PairEvaluator evaluator = setup.CreateEvaluator();
int generations = int.Parse(Environment.GetEnvironmentVariable("ES_BASELINE_GENERATION") ?? "0", CultureInfo.InvariantCulture);
while (learner.Generation < generations)
{
    IReadOnlyList<EvaluationTask> all = learner.Tasks();
    ICandidateSampler s = learner.Strategy.Sampler();
    var assembler = new GenerationAssembler(learner.Generation, all.Count);
    foreach (EvaluationTask t in all) assembler.Add(evaluator.Evaluate(s, learner.Normalizer, t));
    learner.Complete(assembler);
}
IReadOnlyList<EvaluationTask> tasks = learner.Tasks().Where(t => t.Kind == TaskKind.Train).ToList();
ICandidateSampler sampler = learner.Strategy.Sampler();
MethodInfo? many = typeof(PairEvaluator).GetMethod("EvaluateMany");
long batchSteps = 0;
void One()
{
    foreach (EvaluationTask t in tasks) evaluator.Evaluate(sampler, learner.Normalizer, t);
}
void Many() => many!.Invoke(evaluator, [sampler, learner.Normalizer, tasks]);
foreach (EvaluationTask t in tasks)
{
    TaskResult r = evaluator.Evaluate(sampler, learner.Normalizer, t);
    batchSteps += r.StepsPositive + r.StepsNegative;
}
for (int i = 0; i < 3; i++)
{
    One();
    if (many is not null) Many();
}
double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
double Rate(Action batch)
{
    double start = Cpu();
    long steps = 0;
    while (Cpu() - start < seconds / 10)
    {
        batch();
        steps += batchSteps;
    }
    return steps / (Cpu() - start);
}
double bestOne = 0, bestMany = 0;
for (int round = 0; round < 5; round++)
{
    bestOne = Math.Max(bestOne, Rate(One));
    if (many is not null) bestMany = Math.Max(bestMany, Rate(Many));
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"generation {learner.Generation}, mean episode {batchSteps / (2.0 * tasks.Count):F0} steps: one episode {bestOne / 1e6:F2} M steps/s, lockstep {(many is null ? "(none in this build)" : $"{bestMany / 1e6:F2} M steps/s")}"));
return 0;
