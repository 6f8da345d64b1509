// ActorCell: creating, naming, listing and stopping children.
using System.Text;
using Es.Actors.Dispatch;

namespace Es.Actors.Cell;

internal sealed partial class ActorCell
{
    private const string NameChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+~";
    private readonly object _childrenLock = new();
    private readonly Dictionary<string, ChildEntry> _children = new(StringComparer.Ordinal);
    private long _nextChildNumber;
    private volatile bool _isTerminating;

    public IReadOnlyList<IActorRef> Children
    {
        get
        {
            lock (_childrenLock) return _children.Values.Select(c => (IActorRef)c.Ref).ToArray();
        }
    }

    public IActorRef ActorOf(Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        LocalActorRef child;
        lock (_childrenLock)
        {
            if (_isTerminating)
                throw new InvalidOperationException($"Cannot create a child of {SelfRef.Path}: it is stopping.");
            if (name is null) name = NextChildName();
            else ValidateName(name);
            if (_children.ContainsKey(name))
                throw new InvalidActorNameException($"Actor name [{name}] is not unique below {SelfRef.Path}.");
            child = _system.CreateCell(props, SelfRef, SelfRef.Path / name).SelfRef;
            _children.Add(name, new ChildEntry(child));
        }
        child.Cell.Start();
        return child;
    }

    public IActorRef Child(string name)
    {
        lock (_childrenLock) return _children.TryGetValue(name, out var c) ? c.Ref : ActorRefs.Nobody;
    }

    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is not IInternalActorRef target) throw new ArgumentException($"{actor} was not created by this runtime.", nameof(actor));
        if (!ReferenceEquals(actor, SelfRef))
        {
            lock (_childrenLock)
            {
                if (TryGetChild(actor, out var entry)) entry.Stopping = true;
            }
        }
        target.SendSystemMessage(Dispatch.Terminate.Instance);
    }

    /// <summary>Children that are not on their way out, for supervision.</summary>
    internal IReadOnlyList<ChildEntry> LiveChildren()
    {
        lock (_childrenLock) return _children.Values.Where(c => !c.Stopping).ToArray();
    }

    private bool IsChild(IActorRef actor)
    {
        lock (_childrenLock) return TryGetChild(actor, out _);
    }

    private bool AnyStoppingChildren()
    {
        lock (_childrenLock) return _children.Values.Any(c => c.Stopping);
    }

    private void StopAllChildren()
    {
        foreach (var child in Children) Stop(child);
    }

    private void SuspendChildren(IActorRef? except)
    {
        foreach (var child in LiveChildren())
            if (!ReferenceEquals(child.Ref, except)) child.Ref.SendSystemMessage(Suspend.Instance);
    }

    private void ResumeChildren(Exception? causedByFailure, IActorRef? perpetrator)
    {
        foreach (var child in LiveChildren())
            child.Ref.SendSystemMessage(new Resume(ReferenceEquals(child.Ref, perpetrator) ? causedByFailure : null));
    }

    /// <summary>A child's death is confirmed: free its name and finish a pending restart or stop that waited for it.</summary>
    private void HandleChildTerminated(IActorRef actor)
    {
        lock (_childrenLock)
        {
            if (TryGetChild(actor, out _)) _children.Remove(actor.Path.Name);
        }
        if (_pending != PendingAction.None && !AnyStoppingChildren()) FinishPending();
    }

    private bool TryGetChild(IActorRef actor, out ChildEntry entry)
    {
        if (_children.TryGetValue(actor.Path.Name, out var found) && ReferenceEquals(found.Ref, actor))
        {
            entry = found;
            return true;
        }
        entry = null!;
        return false;
    }

    private string NextChildName()
    {
        var sb = new StringBuilder("$");
        var next = _nextChildNumber++;
        do
        {
            sb.Append(NameChars[(int)(next & 63)]);
            next >>= 6;
        } while (next != 0);
        return sb.ToString();
    }

    private static void ValidateName(string name)
    {
        if (name.Length == 0) throw new InvalidActorNameException("Actor name must not be empty.");
        if (name[0] == '$') throw new InvalidActorNameException($"Actor name [{name}] must not start with '$' (reserved for generated names).");
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && "-_.*$+:@&=,!~';".IndexOf(c, StringComparison.Ordinal) < 0)
                throw new InvalidActorNameException($"Illegal actor name [{name}]: character '{c}' is not allowed.");
        }
    }
}
