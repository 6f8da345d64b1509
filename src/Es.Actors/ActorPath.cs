// Hierarchical actor names (es://system/user/parent/child), used for identity in logs and diagnostics.
namespace Es.Actors;

/// <summary>
/// The location of an actor in its system's supervision tree, e.g. <c>es://trainer/user/coordinator/pool/$a</c>.
/// Paths compare by value; two incarnations of a restarted-then-recreated name share a path, while the
/// refs stay distinct, mirroring Akka's split between ActorPath and ActorRef identity.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private readonly string _text;

    private ActorPath(string systemName, ActorPath? parent, string name)
    {
        SystemName = systemName;
        Parent = parent;
        Name = name;
        Depth = parent is null ? 0 : parent.Depth + 1;
        _text = parent is null ? $"es://{systemName}" : $"{parent._text}/{name}";
    }

    /// <summary>The actor system the path belongs to; the "address" part of the URI.</summary>
    public string SystemName { get; }

    /// <summary>The last element, unique among its siblings (empty for the root).</summary>
    public string Name { get; }

    /// <summary>The enclosing path, or null for the root.</summary>
    public ActorPath? Parent { get; }

    /// <summary>Number of elements below the root, so <c>/user</c> has depth 1.</summary>
    public int Depth { get; }

    /// <summary>The names from the root down to this path, excluding the root itself.</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var names = new string[Depth];
            for (var p = this; p.Parent is not null; p = p.Parent) names[p.Depth - 1] = p.Name;
            return names;
        }
    }

    /// <summary>The root path of a system; every actor path descends from it.</summary>
    public static ActorPath Root(string systemName) => new(systemName, null, "");

    /// <summary>The path of a child called <paramref name="name"/> below this one.</summary>
    public ActorPath Child(string name) => new(SystemName, this, name);

    /// <summary>Akka-style path composition: <c>path / "child"</c>.</summary>
    public static ActorPath operator /(ActorPath path, string name) => path.Child(name);

    /// <inheritdoc/>
    public bool Equals(ActorPath? other) => other is not null && string.Equals(_text, other._text, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ActorPath);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_text);

    /// <summary>The URI form, e.g. <c>es://system/user/a</c>.</summary>
    public override string ToString() => _text;

    /// <summary>Value equality.</summary>
    public static bool operator ==(ActorPath? left, ActorPath? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(ActorPath? left, ActorPath? right) => !(left == right);
}
