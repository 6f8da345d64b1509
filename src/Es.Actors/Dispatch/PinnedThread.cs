// A dedicated thread that runs the turns of one mailbox: the pinned dispatcher.
namespace Es.Actors.Dispatch;

/// <summary>
/// Runs <see cref="Mailbox.Execute"/> on its own background thread whenever the mailbox is
/// scheduled, and ends once the mailbox is closed. The mailbox's idle/scheduled flag guarantees
/// one turn at a time, exactly as on the thread pool.
/// </summary>
internal sealed class PinnedThread
{
    private readonly Mailbox _mailbox;
    private readonly object _gate = new();
    private readonly Thread _thread;
    private bool _signalled;

    public PinnedThread(Mailbox mailbox, string name)
    {
        _mailbox = mailbox;
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Asks for one turn (called by the mailbox when it goes from idle to scheduled).</summary>
    public void Signal()
    {
        lock (_gate)
        {
            _signalled = true;
            Monitor.Pulse(_gate);
        }
    }

    private void Loop()
    {
        while (true)
        {
            lock (_gate)
            {
                while (!_signalled) Monitor.Wait(_gate);
                _signalled = false;
            }
            _mailbox.Execute();
            if (_mailbox.IsClosed) return;
        }
    }
}
