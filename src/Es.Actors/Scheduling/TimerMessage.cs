// The envelope in which an actor timer's message travels, so stale timers can be recognised.
namespace Es.Actors.Scheduling;

/// <summary>A timer firing: delivered only if <paramref name="Generation"/> is still the key's current one.</summary>
internal sealed record TimerMessage(object Key, int Generation, ActorTimerScheduler Owner);
