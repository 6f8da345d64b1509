// An ordered list of HOCON values (array literal, or the result of array concatenation).
namespace Es.Core.Configuration.Hocon;

/// <summary>A list of values. Immutable once the tree it belongs to is resolved.</summary>
public sealed class HoconArray : HoconValue
{
    private readonly List<HoconValue> _items;

    internal HoconArray(IEnumerable<HoconValue> items, HoconOrigin origin)
        : base(origin)
    {
        _items = items.ToList();
    }

    /// <inheritdoc/>
    public override HoconType Type => HoconType.Array;

    /// <summary>The elements, in order.</summary>
    public IReadOnlyList<HoconValue> Items => _items;

    internal override string Describe() => "an array of " + _items.Count + " element" + (_items.Count == 1 ? string.Empty : "s");
}
