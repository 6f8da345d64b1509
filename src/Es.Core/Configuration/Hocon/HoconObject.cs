// A HOCON object (the root of a parsed document is one): ordered fields plus the typed, path-based
// getters the rest of EsAkka reads configuration through.
namespace Es.Core.Configuration.Hocon;

/// <summary>
/// A set of named fields in the order they were first written. The parser builds it up
/// in place; once resolved (everything the public API hands out) it never changes.
/// Getters take path expressions such as <c>es.strategy.sigma</c> and throw
/// <see cref="ConfigException"/> with the value's file, line and column when the value is missing
/// or of the wrong type.
/// </summary>
public sealed class HoconObject : HoconValue
{
    private readonly Dictionary<string, HoconValue> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HoconOrigin> _keyOrigins = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    internal HoconObject(HoconOrigin origin, bool resolved = false)
        : base(origin)
    {
        IsResolved = resolved;
    }

    /// <inheritdoc/>
    public override HoconType Type => HoconType.Object;

    /// <summary>The keys of this object's own fields, in the order they were first written.</summary>
    public IReadOnlyList<string> Keys => _order;

    /// <summary>Number of fields.</summary>
    public int Count => _order.Count;

    /// <summary>The value of an own field (a single key, not a path).</summary>
    /// <exception cref="KeyNotFoundException">No such field.</exception>
    public HoconValue this[string key] => _fields[key];

    /// <summary>True once resolution has produced this object; the parser's builders are not.</summary>
    internal bool IsResolved { get; private set; }

    /// <summary>Looks up an own field (a single key, not a path).</summary>
    public bool TryGetField(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HoconValue? value) =>
        _fields.TryGetValue(key, out value);

    /// <summary>Where the key of an own field was last written (the value's origin may differ, e.g. for <c>a { b = 1 }</c>).</summary>
    public HoconOrigin GetKeyOrigin(string key) => _keyOrigins.TryGetValue(key, out var o) ? o : Origin;

    /// <summary>True when the path leads to a value, including an explicit null.</summary>
    public bool HasPath(string path) => TryGetValue(path, out _);

    /// <summary>Follows a path expression; false when some key on the way is absent or is not an object.</summary>
    public bool TryGetValue(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HoconValue? value)
    {
        value = this;
        foreach (string key in HoconPath.Split(path))
        {
            if (value is not HoconObject o || !o.TryGetField(key, out value))
            {
                value = null;
                return false;
            }
        }

        return true;
    }

    /// <summary>The value at a path, of any type.</summary>
    /// <exception cref="ConfigException">Nothing at that path.</exception>
    public HoconValue GetValue(string path)
    {
        var segments = HoconPath.Split(path);
        HoconValue current = this;
        for (int i = 0; i < segments.Count; i++)
        {
            if (current is not HoconObject o)
            {
                throw HoconConvert.Mismatch(current, HoconPath.Join(segments.Take(i)), "an object containing " + HoconPath.QuoteKeyIfNeeded(segments[i]));
            }

            if (!o.TryGetField(segments[i], out var next))
            {
                throw new ConfigException("missing key (no value at this path)", Origin.File, null, null, path);
            }

            current = next;
        }

        return current;
    }

    /// <summary>True when the path holds an explicit <c>null</c> (used for optional settings such as goal-return).</summary>
    public bool IsNull(string path) => GetValue(path).Type == HoconType.Null;

    /// <summary>The object at a path.</summary>
    public HoconObject GetObject(string path) =>
        GetValue(path) as HoconObject ?? throw HoconConvert.Mismatch(GetValue(path), path, "an object");

    /// <summary>A string; numbers and booleans are returned as written.</summary>
    public string GetString(string path) => HoconConvert.ToText(GetValue(path), path);

    /// <summary>A 32-bit integer; integral doubles such as <c>1e3</c> are accepted.</summary>
    public int GetInt(string path) => HoconConvert.ToInt(GetValue(path), path);

    /// <summary>A 64-bit integer; integral doubles such as <c>1e3</c> are accepted.</summary>
    public long GetLong(string path) => HoconConvert.ToLong(GetValue(path), path);

    /// <summary>A double.</summary>
    public double GetDouble(string path) => HoconConvert.ToDouble(GetValue(path), path);

    /// <summary>A boolean: true/false, yes/no, on/off.</summary>
    public bool GetBool(string path) => HoconConvert.ToBool(GetValue(path), path);

    /// <summary>A duration in the spec's format (<c>10s</c>, <c>500 ms</c>, <c>2 minutes</c>); a bare number is milliseconds.</summary>
    public TimeSpan GetDuration(string path) => HoconConvert.ToDuration(GetValue(path), path);

    /// <summary>A size in bytes in the spec's format (<c>512k</c> = 524288, <c>1GB</c> = 10^9); a bare number is bytes.</summary>
    public long GetBytes(string path) => HoconConvert.ToBytes(GetValue(path), path);

    /// <summary>An array of 32-bit integers.</summary>
    public IReadOnlyList<int> GetIntList(string path) => HoconConvert.ToList(GetValue(path), path, HoconConvert.ToInt, "ints");

    /// <summary>An array of doubles.</summary>
    public IReadOnlyList<double> GetDoubleList(string path) => HoconConvert.ToList(GetValue(path), path, HoconConvert.ToDouble, "numbers");

    /// <summary>An array of strings.</summary>
    public IReadOnlyList<string> GetStringList(string path) => HoconConvert.ToList(GetValue(path), path, HoconConvert.ToText, "strings");

    /// <summary>
    /// Every non-object value (scalars, nulls, arrays) with its full path, depth first in field
    /// order. Empty objects contribute nothing.
    /// </summary>
    public IEnumerable<KeyValuePair<string, HoconValue>> GetLeaves() => Leaves([]);

    /// <summary>
    /// Combines this object with a fallback the Akka/Lightbend way: this object's values win, and
    /// where both hold an object at the same key the two merge recursively.
    /// </summary>
    public HoconObject WithFallback(HoconObject fallback) => Merge(fallback, this);

    /// <summary>Writes the tree as HOCON text that parses back to an equal tree.</summary>
    public string ToHocon() => HoconRenderer.Render(this);

    /// <inheritdoc/>
    public override string ToString() => ToHocon();

    /// <summary>Recursive merge of two resolved objects; <paramref name="over"/> wins.</summary>
    internal static HoconObject Merge(HoconObject fallback, HoconObject over)
    {
        var result = new HoconObject(over.Origin, resolved: true);
        foreach (string key in fallback._order)
        {
            result.SetUnchecked(key, fallback._fields[key], fallback.GetKeyOrigin(key));
        }

        foreach (string key in over._order)
        {
            var value = over._fields[key];
            if (value is HoconObject o && result._fields.TryGetValue(key, out var existing) && existing is HoconObject e)
            {
                value = Merge(e, o);
            }

            result.SetUnchecked(key, value, over.GetKeyOrigin(key));
        }

        return result;
    }

    /// <summary>
    /// A copy in which every explicit <c>null</c> that <paramref name="defaults"/> holds a value for
    /// takes that value (and its origin), recursively: in a user's configuration <c>null</c> means
    /// "unset", back to the default.
    /// </summary>
    internal HoconObject WithNullsFrom(HoconObject defaults)
    {
        var result = new HoconObject(Origin, resolved: true);
        foreach (string key in _order)
        {
            HoconValue value = _fields[key];
            HoconOrigin origin = GetKeyOrigin(key);
            if (defaults.TryGetField(key, out var fallback))
            {
                if (value is HoconObject o && fallback is HoconObject f)
                {
                    value = o.WithNullsFrom(f);
                }
                else if (value.Type == HoconType.Null && fallback.Type != HoconType.Null)
                {
                    value = fallback;
                    origin = defaults.GetKeyOrigin(key);
                }
            }

            result.SetUnchecked(key, value, origin);
        }

        return result;
    }

    /// <summary>Sets an own field while building; the first write fixes the key's position in <see cref="Keys"/>.</summary>
    internal void Set(string key, HoconValue value, HoconOrigin keyOrigin)
    {
        if (IsResolved)
        {
            throw new InvalidOperationException("a resolved HOCON object is immutable");
        }

        SetUnchecked(key, value, keyOrigin);
    }

    /// <summary>Seals an object that resolution has just filled in.</summary>
    internal void MarkResolved() => IsResolved = true;

    /// <summary>A copy of this builder and its nested builders, so a self-reference keeps the value it saw.</summary>
    internal HoconObject Snapshot()
    {
        if (IsResolved)
        {
            return this;
        }

        var copy = new HoconObject(Origin);
        foreach (string key in _order)
        {
            copy.SetUnchecked(key, SnapshotOf(_fields[key]), GetKeyOrigin(key));
        }

        return copy;
    }

    internal static HoconValue SnapshotOf(HoconValue value) => value switch
    {
        HoconObject o => o.Snapshot(),
        HoconDelayedMerge m => new HoconDelayedMerge(m.Items.Select(SnapshotOf), m.Origin),
        _ => value,
    };

    internal override string Describe() => "an object";

    private void SetUnchecked(string key, HoconValue value, HoconOrigin keyOrigin)
    {
        if (!_fields.ContainsKey(key))
        {
            _order.Add(key);
        }

        _fields[key] = value;
        _keyOrigins[key] = keyOrigin;
    }

    private IEnumerable<KeyValuePair<string, HoconValue>> Leaves(List<string> prefix)
    {
        foreach (string key in _order)
        {
            prefix.Add(key);
            var value = _fields[key];
            if (value is HoconObject o)
            {
                foreach (var leaf in o.Leaves(prefix))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return new(HoconPath.Join(prefix), value);
            }

            prefix.RemoveAt(prefix.Count - 1);
        }
    }
}
