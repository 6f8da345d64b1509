// ActorCell: the stash, whose messages go back to the front of the mailbox.
using Es.Actors.Dispatch;

namespace Es.Actors.Cell;

internal sealed partial class ActorCell : IStash
{
    private readonly List<Envelope> _stash = [];

    int IStash.Count => _stash.Count;

    void IStash.Stash()
    {
        var envelope = _currentEnvelope ?? throw new InvalidOperationException("Stash is only possible while processing a message.");
        if (_stash.Count > 0 && ReferenceEquals(_stash[^1].Message, envelope.Message))
            throw new InvalidOperationException($"Message [{envelope.Message}] is already stashed.");
        _stash.Add(envelope);
    }

    void IStash.Unstash()
    {
        if (_stash.Count == 0) return;
        var first = _stash[0];
        _stash.RemoveAt(0);
        Mailbox.Prepend([first]);
    }

    void IStash.UnstashAll() => UnstashAllOnRestart();

    private void UnstashAllOnRestart()
    {
        if (_stash.Count == 0) return;
        Mailbox.Prepend(_stash.ToArray());
        _stash.Clear();
    }
}
