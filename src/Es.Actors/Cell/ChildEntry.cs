// A parent's bookkeeping for one child: the ref, its restart budget and whether it is on its way out.
using Es.Actors.Supervision;

namespace Es.Actors.Cell;

/// <summary>One child as its parent tracks it; the name stays reserved until the child's death is confirmed.</summary>
internal sealed class ChildEntry(LocalActorRef child)
{
    public LocalActorRef Ref { get; } = child;

    public ChildRestartStats Stats { get; } = new(child);

    /// <summary>Set once the parent sent Terminate; supervision ignores the child from then on.</summary>
    public bool Stopping { get; set; }
}
