// Resolves substitutions, concatenations and delayed merges of a parsed tree into an immutable
// tree of objects, arrays and scalars.
namespace Es.Core.Configuration.Hocon;

/// <summary>
/// Turns a builder root into a resolved root. Substitutions look the path up in the whole root
/// (lazily, so <c>a { x = 1, y = ${a.x} }</c> is not a cycle) and then in the environment;
/// each node is resolved once and a node met again while it is being resolved is a cycle.
/// </summary>
internal sealed class HoconResolver
{
    private readonly HoconObject _root;
    private readonly Func<string, string?> _environment;
    private readonly Dictionary<HoconValue, HoconValue?> _done = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<HoconValue> _active = new(ReferenceEqualityComparer.Instance);

    public HoconResolver(HoconObject root, Func<string, string?> environment)
    {
        _root = root;
        _environment = environment;
    }

    public HoconObject ResolveRoot() => (HoconObject)Resolve(_root)!;

    /// <summary>The resolved form of a node, or null when it is an undefined optional substitution.</summary>
    private HoconValue? Resolve(HoconValue value)
    {
        if (value is HoconScalar or HoconObject { IsResolved: true })
        {
            return value;
        }

        if (_done.TryGetValue(value, out var known))
        {
            return known;
        }

        if (!_active.Add(value))
        {
            string what = value is HoconSubstitution s ? "${" + s.PathText + "}" : value.Describe();
            throw value.Origin.Error("cycle in substitutions: " + what + " depends on itself", (value as HoconSubstitution)?.PathText);
        }

        HoconValue? result = value switch
        {
            HoconObject o => ResolveObject(o),
            HoconArray a => new HoconArray(a.Items.Select(Resolve).OfType<HoconValue>(), a.Origin),
            HoconSubstitution s => Substitute(s),
            HoconConcatenation c => Concatenate(c),
            HoconDelayedMerge m => Merge(m),
            _ => throw new InvalidOperationException("unknown node " + value.GetType().Name),
        };

        _active.Remove(value);
        _done[value] = result;
        return result;
    }

    private HoconObject ResolveObject(HoconObject obj)
    {
        var result = new HoconObject(obj.Origin);
        foreach (string key in obj.Keys)
        {
            if (Resolve(obj[key]) is { } v)
            {
                result.Set(key, v, obj.GetKeyOrigin(key));
            }
        }

        result.MarkResolved();
        return result;
    }

    private HoconValue? Substitute(HoconSubstitution s)
    {
        if (!s.EnvironmentOnly && Lookup(s.Path) is { } found)
        {
            return found;
        }

        if (_environment(s.PathText) is { } text)
        {
            return HoconScalar.String(text, s.Origin);
        }

        return s.Optional
            ? null
            : throw s.Origin.Error("could not resolve substitution ${" + s.PathText + "}: no such key in the configuration and no environment variable " + s.PathText, s.PathText);
    }

    /// <summary>Walks the unresolved root along a path, resolving only what lies on the way.</summary>
    private HoconValue? Lookup(IReadOnlyList<string> path)
    {
        HoconValue current = _root;
        foreach (string key in path)
        {
            if (current.NeedsResolution)
            {
                if (Resolve(current) is not { } resolved)
                {
                    return null;
                }

                current = resolved;
            }

            if (current is not HoconObject o || !o.TryGetField(key, out var next))
            {
                return null;
            }

            current = next;
        }

        return Resolve(current);
    }

    private HoconValue? Concatenate(HoconConcatenation c)
    {
        var parts = new List<(string Gap, HoconValue? Value)>();
        for (int i = 0; i < c.Items.Count; i++)
        {
            parts.Add((c.Gaps[i], Resolve(c.Items[i])));
        }

        var defined = parts.Where(p => p.Value is not null).Select(p => p.Value!).ToList();
        if (defined.Count == 0)
        {
            return null;
        }

        var first = defined[0];
        foreach (var part in defined)
        {
            bool compatible = (first, part) switch
            {
                (HoconObject, HoconObject) => true,
                (HoconArray, HoconArray) => true,
                (HoconScalar, HoconScalar) => true,
                _ => false,
            };
            if (!compatible)
            {
                throw part.Origin.Error("cannot concatenate " + first.Describe() + " with " + part.Describe());
            }
        }

        switch (first)
        {
            case HoconObject:
                return defined.Cast<HoconObject>().Aggregate((acc, next) => HoconObject.Merge(acc, next));
            case HoconArray:
                return new HoconArray(defined.Cast<HoconArray>().SelectMany(a => a.Items), c.Origin);
            default:
                {
                    if (defined.Count == 1 && parts.Count == 1)
                    {
                        return first;
                    }

                    var sb = new System.Text.StringBuilder();
                    for (int i = 0; i < parts.Count; i++)
                    {
                        if (i > 0)
                        {
                            sb.Append(parts[i].Gap);
                        }

                        if (parts[i].Value is HoconScalar s)
                        {
                            sb.Append(s.Text);
                        }
                    }

                    return HoconScalar.String(sb.ToString(), c.Origin);
                }
        }
    }

    private HoconValue? Merge(HoconDelayedMerge m)
    {
        HoconValue? acc = null;
        foreach (var item in m.Items)
        {
            var value = Resolve(item);
            acc = (acc, value) switch
            {
                (_, null) => acc,
                (HoconObject a, HoconObject b) => HoconObject.Merge(a, b),
                _ => value,
            };
        }

        return acc;
    }
}
