// TestKit: the implicit probe's expectations, so tests can write ExpectMsg directly (as in Akka).
namespace Es.Actors.TestKit;

public partial class TestKit
{
    /// <summary>Expects the next message to <see cref="TestActor"/> to be a <typeparamref name="T"/>.</summary>
    public T ExpectMsg<T>(TimeSpan? timeout = null) => _testProbe.ExpectMsg<T>(timeout);

    /// <summary>Expects the next message to <see cref="TestActor"/> to be a <typeparamref name="T"/> satisfying <paramref name="predicate"/>.</summary>
    public T ExpectMsg<T>(Predicate<T> predicate, TimeSpan? timeout = null, string? hint = null) => _testProbe.ExpectMsg(predicate, timeout, hint);

    /// <summary>Expects the next message to <see cref="TestActor"/> to equal <paramref name="expected"/>.</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) => _testProbe.ExpectMsg(expected, timeout);

    /// <summary>Asserts that <see cref="TestActor"/> gets no message for <paramref name="duration"/> (dilated).</summary>
    public void ExpectNoMsg(TimeSpan duration) => _testProbe.ExpectNoMsg(duration);

    /// <summary>Expects the <see cref="Terminated"/> of <paramref name="target"/> (after <see cref="Watch"/>).</summary>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null) => _testProbe.ExpectTerminated(target, timeout);

    /// <summary>Takes the next <paramref name="n"/> messages of <see cref="TestActor"/>.</summary>
    public IReadOnlyList<object> ReceiveN(int n, TimeSpan? timeout = null) => _testProbe.ReceiveN(n, timeout);

    /// <summary>Takes the next message of <see cref="TestActor"/>, or null on timeout.</summary>
    public object? ReceiveOne(TimeSpan? timeout = null) => _testProbe.ReceiveOne(timeout);

    /// <summary>Skips messages of <see cref="TestActor"/> until one matches, and returns it.</summary>
    public T FishForMessage<T>(Predicate<T> isMessage, TimeSpan? timeout = null) => _testProbe.FishForMessage(isMessage, timeout);

    /// <summary>Makes <see cref="TestActor"/> watch <paramref name="target"/>.</summary>
    public IActorRef Watch(IActorRef target) => _testProbe.Watch(target);

    /// <summary>Makes <see cref="TestActor"/> stop watching <paramref name="target"/>.</summary>
    public IActorRef Unwatch(IActorRef target) => _testProbe.Unwatch(target);
}
