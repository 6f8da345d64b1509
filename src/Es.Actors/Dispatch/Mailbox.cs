// The per-actor queues and the thread-pool work item that drains them one message at a time.
using System.Collections.Concurrent;
using Es.Actors.Cell;

namespace Es.Actors.Dispatch;

/// <summary>
/// Two queues (system, user) plus an idle/scheduled flag flipped by compare-and-swap: whoever enqueues into an
/// idle mailbox schedules it on the .NET thread pool, and only one run is ever in flight, which is what makes an
/// actor single-threaded. A run drains all system messages, then up to <c>throughput</c> user messages, draining
/// system messages again after each one so that Stop, Suspend and supervision overtake queued user messages.
/// A mailbox of the pinned dispatcher runs its turns on its own <see cref="PinnedThread"/> instead of the pool.
/// </summary>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Scheduled = 1;

    private readonly ConcurrentQueue<Envelope> _user = new();
    private readonly ConcurrentQueue<SystemMessage> _system = new();
    private readonly Queue<Envelope> _unstashed = new(); // touched only by the running turn
    private readonly int _throughput;
    private ActorCell _cell = null!;
    private readonly string? _pinnedThreadName;
    private PinnedThread? _pinned;
    private int _status;
    private volatile bool _closed;

    /// <param name="throughput">User messages per turn.</param>
    /// <param name="pinnedThreadName">Run turns on a dedicated thread of this name (the pinned dispatcher); null for the thread pool.</param>
    public Mailbox(int throughput, string? pinnedThreadName = null)
    {
        _throughput = throughput;
        _pinnedThreadName = pinnedThreadName;
    }

    /// <summary>Queued user messages (a racy snapshot, good enough for SmallestMailbox routing).</summary>
    public int NumberOfMessages => _user.Count + _unstashed.Count;

    /// <summary>True while a turn is queued on or running on the thread pool.</summary>
    public bool IsScheduled => Volatile.Read(ref _status) == Scheduled;

    public bool IsClosed => _closed;

    public void SetCell(ActorCell cell) => _cell = cell;

    public void Enqueue(Envelope envelope)
    {
        if (_closed)
        {
            _cell.ToDeadLetters(envelope);
            return;
        }
        _user.Enqueue(envelope);
        if (_closed) DrainUserQueue(); // closed concurrently: nobody else will look at the queue again
        else TrySchedule();
    }

    public void SystemEnqueue(SystemMessage message)
    {
        if (_closed)
        {
            _cell.HandleSystemMessageAfterDeath(message);
            return;
        }
        _system.Enqueue(message);
        if (_closed) DrainSystemQueue();
        else TrySchedule();
    }

    /// <summary>Puts stashed messages back in front of everything else; called by the running turn only.</summary>
    public void Prepend(IEnumerable<Envelope> envelopes)
    {
        var rest = _unstashed.ToArray();
        _unstashed.Clear();
        foreach (var e in envelopes) _unstashed.Enqueue(e);
        foreach (var e in rest) _unstashed.Enqueue(e);
    }

    /// <summary>Closes the mailbox for good (on the running turn): everything left, and everything later, is dead.</summary>
    public void Close()
    {
        _closed = true;
        while (_unstashed.TryDequeue(out var e)) _cell.ToDeadLetters(e);
        DrainUserQueue();
        DrainSystemQueue();
    }

    /// <summary>Schedules a turn unless one is already queued or running.</summary>
    public void TrySchedule()
    {
        if (Interlocked.CompareExchange(ref _status, Scheduled, Idle) != Idle) return;
        if (_pinnedThreadName is null)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            return;
        }
        // Started on the first turn, by whoever won the flag: only one thread is ever created.
        _pinned ??= new PinnedThread(this, _pinnedThreadName);
        _pinned.Signal();
    }

    /// <summary>One turn on a thread-pool thread.</summary>
    public void Execute()
    {
        try
        {
            ProcessAllSystemMessages();
            ProcessUserMessages();
        }
        catch (Exception e)
        {
            // The cell handles actor failures itself; reaching here is a runtime bug, which must not kill the process.
            _cell.LogRuntimeError(e);
        }
        finally
        {
            Interlocked.Exchange(ref _status, Idle);
            if (!_closed && (!_system.IsEmpty || (HasUserMessages && _cell.CanProcessUserMessages)))
                TrySchedule();
        }
    }

    private bool HasUserMessages => _unstashed.Count > 0 || !_user.IsEmpty;

    private void ProcessAllSystemMessages()
    {
        while (!_closed && _system.TryDequeue(out var message))
            _cell.SystemInvoke(message);
    }

    private void ProcessUserMessages()
    {
        for (var left = _throughput; left > 0 && !_closed && _cell.CanProcessUserMessages; left--)
        {
            if (!_unstashed.TryDequeue(out var envelope) && !_user.TryDequeue(out envelope)) return;
            _cell.Invoke(envelope);
            ProcessAllSystemMessages();
        }
    }

    private void DrainUserQueue()
    {
        while (_user.TryDequeue(out var e)) _cell.ToDeadLetters(e);
    }

    private void DrainSystemQueue()
    {
        while (_system.TryDequeue(out var m)) _cell.HandleSystemMessageAfterDeath(m);
    }
}
