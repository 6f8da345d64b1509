// Test actor whose lifecycle hooks and failures are reported to a probe, with a counter as its state.
namespace Es.Actors.Tests.Support;

/// <summary>
/// Reports "PreStart", "PostStop", ("PreRestart", message) and ("PostRestart", cause message) to <c>probe</c>.
/// Handles "inc" (state++), "get" (replies the state), "fail" (throws InvalidOperationException("boom")),
/// and any other string by replying it.
/// </summary>
public sealed class Reporter : ReceiveActor
{
    private readonly IActorRef _probe;
    private readonly string _name;
    private int _count;

    public Reporter(IActorRef probe, string name = "")
    {
        _probe = probe;
        _name = name;
        Receive<string>(s => s == "inc", _ => _count++);
        Receive<string>(s => s == "get", _ => Sender.Tell(_count));
        Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("boom"));
        Receive<string>(s => Sender.Tell(s));
    }

    protected override void PreStart() => _probe.Tell(_name + "PreStart");

    protected override void PostStop() => _probe.Tell(_name + "PostStop");

    protected override void PreRestart(Exception reason, object? message)
    {
        _probe.Tell((_name + "PreRestart", message));
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        _probe.Tell((_name + "PostRestart", (object?)reason.Message));
        base.PostRestart(reason);
    }
}
