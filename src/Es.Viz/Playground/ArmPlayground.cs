// The second half of the ES demo: the planar arm reaching for the mouse pointer while its policy trains.
using System.Diagnostics;
using System.Text.Json;
using Es.Core.Configuration;
using Es.Core.Environments;
using Es.Core.Policies;
using Es.Core.Training;
using Es.Viz.Dashboard;

namespace Es.Viz.Playground;

/// <summary>
/// Trains Arm-v0 with the project's local trainer and, between generations, drives one more arm
/// with the current policy toward the target the page sets (the mouse pointer), sending its pose
/// about 20 times a second. One thread does both, so the policy read is never half-updated; it
/// works only while an arm page is open.
/// </summary>
internal sealed class ArmPlayground
{
    /// <summary>The arm task's settings (those of hocon/tasks/arm.conf), without evaluations.</summary>
    public const string Settings =
        "es { env.id = Arm-v0, policy { type = mlp, hidden = [32, 32], activation = tanh, action-noise = 0.0 }, "
        + "strategy { population = 256, sigma = 0.03, weight-decay = 0.0, episodes-per-candidate = 2, optimizer.learning-rate = 0.01 }, "
        + "normalization.enabled = true, noise.size = 8M, evaluation.every = 0, run.seed = 1 }\n";

    private static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(50);
    private readonly EventHub _events;
    private readonly Lock _gate = new();
    private (double X, double Y) _pointer = (0.5, 0.5);

    /// <summary>Creates the arm over <paramref name="events"/> (the arm page's stream).</summary>
    public ArmPlayground(EventHub events) => _events = events;

    /// <summary>Moves the target; points beyond the arm's reach are brought onto its rim.</summary>
    public void SetTarget(double x, double y)
    {
        lock (_gate) _pointer = (x, y);
    }

    /// <summary>Trains and drives the arm until <paramref name="stop"/>, idling while no arm page is open.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        TrainingSetup setup = TrainingSetup.FromSettings(SettingsLoader.Parse(Settings, "es playground (arm)"));
        LocalTrainer trainer = setup.CreateLocalTrainer(1);
        var env = (ArmEnvironment)setup.NewEnvironment()!;
        var policy = new Policy(setup.Policy!, env.Spec);
        var observation = new float[env.Spec.ObservationSize];
        var normalized = new float[env.Spec.ObservationSize];
        var action = new float[env.Spec.ActionSize];
        var state = new double[env.StateSize];
        int n = env.Options.Links;
        env.Reset(1, observation);
        var clock = Stopwatch.StartNew();
        TimeSpan nextFrame = TimeSpan.Zero;
        while (!stop.IsCancellationRequested)
        {
            if (_events.Pages == 0)
            {
                await Task.Delay(200, stop).ConfigureAwait(false);
                continue;
            }
            if (clock.Elapsed < nextFrame)
            {
                trainer.RunGeneration();
                continue;
            }
            nextFrame = clock.Elapsed + FrameInterval;
            (double tx, double ty) = Reachable(env);
            env.GetState(state);
            state[2 * n] = tx;
            state[2 * n + 1] = ty;
            // Elapsed steps back to 0: the demo's episode never ends.
            env.SetState(state, 0);
            env.GetObservation(observation);
            trainer.Learner.Normalizer.Normalize(observation, normalized);
            policy.Act(trainer.Learner.Parameters, normalized, action);
            env.Step(action, observation);
            env.GetState(state);
            (double fx, double fy) = env.Fingertip;
            _events.Publish("arm", JsonSerializer.Serialize(new
            {
                generation = trainer.Learner.Generation,
                links = env.Options.ResolveLinkLengths(),
                q = state[..n],
                target = new[] { tx, ty },
                tip = new[] { fx, fy },
            }), sticky: true);
        }
    }

    private (double X, double Y) Reachable(ArmEnvironment env)
    {
        double x, y;
        lock (_gate) (x, y) = _pointer;
        double r = Math.Sqrt(x * x + y * y);
        double clamped = Math.Clamp(r, Math.Max(env.InnerRadius, 1e-6), env.Reach);
        return r < 1e-9 ? (clamped, 0) : (x / r * clamped, y / r * clamped);
    }
}
