// Parse-time placeholder for a value concatenation (`${x} "suffix"`, `[1] [2]`, `{a=1} {b=2}`).
namespace Es.Core.Configuration.Hocon;

/// <summary>
/// Several values written side by side on one line. What they become (a string with the
/// whitespace between them kept, an array, or a merged object) is only known once each part is
/// resolved. Never appears in a resolved tree.
/// </summary>
internal sealed class HoconConcatenation : HoconValue
{
    internal HoconConcatenation(IReadOnlyList<HoconValue> items, IReadOnlyList<string> gaps, HoconOrigin origin)
        : base(origin)
    {
        if (items.Count != gaps.Count)
        {
            throw new ArgumentException("one gap per item (the first one empty)", nameof(gaps));
        }

        Items = items;
        Gaps = gaps;
    }

    /// <summary>The parts, in order.</summary>
    public IReadOnlyList<HoconValue> Items { get; }

    /// <summary>The whitespace written before each part (empty for the first); kept only by string concatenation.</summary>
    public IReadOnlyList<string> Gaps { get; }

    public override HoconType Type => throw new InvalidOperationException("unresolved concatenation");

    internal override bool NeedsResolution => true;

    internal override string Describe() => "a concatenation";
}
