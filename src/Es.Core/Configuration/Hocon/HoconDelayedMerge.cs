// Parse-time placeholder for successive assignments of one key whose outcome depends on
// substitutions (`a = ${x}` then `a.b = 1`, or `a = 1` then `a = ${?X}`).
namespace Es.Core.Configuration.Hocon;

/// <summary>
/// The values assigned to one field in document order when some of them are not known until
/// resolution. Resolved left to right: objects merge (later fields win), anything else replaces,
/// and an undefined optional substitution leaves the earlier value in place.
/// </summary>
internal sealed class HoconDelayedMerge : HoconValue
{
    private readonly List<HoconValue> _items;

    internal HoconDelayedMerge(IEnumerable<HoconValue> items, HoconOrigin origin)
        : base(origin)
    {
        _items = items.ToList();
    }

    /// <summary>The assigned values, earliest first.</summary>
    public IReadOnlyList<HoconValue> Items => _items;

    public override HoconType Type => throw new InvalidOperationException("unresolved merge");

    internal override bool NeedsResolution => true;

    internal void Add(HoconValue value) => _items.Add(value);

    internal override string Describe() => "a merge of " + _items.Count + " values";
}
