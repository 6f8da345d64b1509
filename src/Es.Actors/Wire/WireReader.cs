// Little-endian field reader for the wire codecs: every read is bounds-checked and fails as a WireException.
using System.Buffers.Binary;
using System.Text;

namespace Es.Actors.Wire;

/// <summary>
/// Reads the fields <see cref="WireWriter"/> wrote. A read past the end, a negative or impossible
/// length or invalid UTF-8 is a <see cref="WireException"/> naming the field, never an
/// IndexOutOfRange or a huge allocation: lengths are checked against the bytes that remain.
/// </summary>
internal ref struct WireReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly ReadOnlySpan<byte> _bytes;
    private int _position;

    public WireReader(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes;
        _position = 0;
    }

    public readonly int Remaining => _bytes.Length - _position;

    public byte Byte(string field) => Take(1, field)[0];

    public bool Bool(string field)
    {
        byte b = Byte(field);
        return b switch
        {
            0 => false,
            1 => true,
            _ => throw new WireException($"malformed: {field} is {b}, expected 0 or 1"),
        };
    }

    public ushort UInt16(string field) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, field));

    public int Int32(string field) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, field));

    public long Int64(string field) => BinaryPrimitives.ReadInt64LittleEndian(Take(8, field));

    public ulong UInt64(string field) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, field));

    public float Single(string field) => BitConverter.Int32BitsToSingle(Int32(field));

    public double Double(string field) => BitConverter.Int64BitsToDouble(Int64(field));

    public string String(string field, int maxBytes = int.MaxValue)
    {
        int count = Length(field, 1);
        if (count > maxBytes) throw new WireException($"malformed: {field} is {count} bytes, more than {maxBytes}");
        ReadOnlySpan<byte> bytes = Take(count, field);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new WireException($"malformed: {field} is not valid UTF-8", e);
        }
    }

    public ReadOnlySpan<byte> Bytes(int count, string field) => Take(count, field);

    public int[] Int32s(string field)
    {
        int n = Length(field, 4);
        var values = new int[n];
        for (int i = 0; i < n; i++) values[i] = Int32(field);
        return values;
    }

    public float[] Singles(string field)
    {
        int n = Length(field, 4);
        var values = new float[n];
        for (int i = 0; i < n; i++) values[i] = Single(field);
        return values;
    }

    public double[] Doubles(string field)
    {
        int n = Length(field, 8);
        var values = new double[n];
        for (int i = 0; i < n; i++) values[i] = Double(field);
        return values;
    }

    /// <summary>
    /// A count of list items that take at least <paramref name="minElementBytes"/> each, checked against the
    /// bytes that remain and against <paramref name="max"/>: a header cannot claim more items than could follow.
    /// </summary>
    public int Count(string field, int minElementBytes, int max)
    {
        int n = Length(field, minElementBytes);
        if (n > max) throw new WireException($"malformed: {field} count {n} is more than {max}");
        return n;
    }

    /// <summary>Throws unless every byte was consumed: trailing bytes mean the writer and reader disagree.</summary>
    public readonly void End(string what)
    {
        if (Remaining != 0) throw new WireException($"malformed: {Remaining} unexpected bytes after the {what}");
    }

    /// <summary>A length prefix for <paramref name="elementSize"/>-byte elements, checked against what remains.</summary>
    private int Length(string field, int elementSize)
    {
        int n = Int32($"{field} length");
        if (n < 0 || (long)n * elementSize > Remaining)
            throw new WireException($"malformed: {field} length {n} does not fit in the {Remaining} remaining bytes");
        return n;
    }

    private ReadOnlySpan<byte> Take(int count, string field)
    {
        if (count > Remaining)
            throw new WireException($"malformed: truncated at {field} (needs {count} bytes, {Remaining} left)");
        ReadOnlySpan<byte> span = _bytes.Slice(_position, count);
        _position += count;
        return span;
    }
}
