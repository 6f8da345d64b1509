// The blocking queue between a probe's actor (producer) and the test thread (consumer).
using System.Diagnostics;

namespace Es.Actors.TestKit;

/// <summary>A received message and its sender.</summary>
internal sealed record ReceivedMessage(object Message, IActorRef Sender);

/// <summary>A minimal monitor-based queue: the probe actor adds, the test thread waits with a timeout.</summary>
internal sealed class MessageQueue
{
    private readonly Queue<ReceivedMessage> _items = new();

    public int Count
    {
        get
        {
            lock (_items) return _items.Count;
        }
    }

    public void Add(ReceivedMessage item)
    {
        lock (_items)
        {
            _items.Enqueue(item);
            Monitor.PulseAll(_items);
        }
    }

    public bool TryTake(TimeSpan timeout, out ReceivedMessage item)
    {
        var start = Stopwatch.GetTimestamp();
        lock (_items)
        {
            while (_items.Count == 0)
            {
                var left = timeout - Stopwatch.GetElapsedTime(start);
                if (left <= TimeSpan.Zero || !Monitor.Wait(_items, left))
                {
                    if (_items.Count > 0) break;
                    item = null!;
                    return false;
                }
            }
            item = _items.Dequeue();
            return true;
        }
    }
}
