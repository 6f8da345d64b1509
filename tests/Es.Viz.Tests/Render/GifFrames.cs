// Reads a GIF back frame by frame, to check what es render wrote, and lays frames side by side for docs/img.
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Es.Viz.Tests.Render;

/// <summary>What the tests measure in a GIF: frame count, colours per frame, how much frames differ.</summary>
public static class GifFrames
{
    /// <summary>Loads the GIF's frames.</summary>
    public static Image<Rgba32> Load(byte[] gif) => Image.Load<Rgba32>(gif);

    /// <summary>Distinct colours in frame <paramref name="index"/> (a blank frame has one).</summary>
    public static int Colours(Image<Rgba32> gif, int index)
    {
        var seen = new HashSet<Rgba32>();
        ImageFrame<Rgba32> frame = gif.Frames[index];
        frame.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
                foreach (Rgba32 p in rows.GetRowSpan(y)) seen.Add(p);
        });
        return seen.Count;
    }

    /// <summary>Pixels that differ between frames <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static int Difference(Image<Rgba32> gif, int a, int b)
    {
        using Image<Rgba32> first = gif.Frames.CloneFrame(a);
        using Image<Rgba32> second = gif.Frames.CloneFrame(b);
        int count = 0;
        for (int y = 0; y < first.Height; y++)
            for (int x = 0; x < first.Width; x++)
                if (first[x, y] != second[x, y]) count++;
        return count;
    }

    /// <summary>Writes frames spread over the animation side by side into $ES_SCREENSHOTS/<paramref name="name"/> (how docs/img is refreshed).</summary>
    public static void ContactSheet(Image<Rgba32> gif, string name, int count = 4)
    {
        string? folder = Environment.GetEnvironmentVariable("ES_SCREENSHOTS");
        if (string.IsNullOrEmpty(folder)) return;
        Directory.CreateDirectory(folder);
        int n = Math.Min(count, gif.Frames.Count);
        using var sheet = new Image<Rgba32>(gif.Width * n, gif.Height);
        for (int i = 0; i < n; i++)
        {
            int index = n == 1 ? 0 : (int)Math.Round((double)i * (gif.Frames.Count - 1) / (n - 1));
            using Image<Rgba32> frame = gif.Frames.CloneFrame(index);
            sheet.Mutate(c => c.DrawImage(frame, new Point(i * gif.Width, 0), 1f));
        }
        sheet.SaveAsPng(Path.Combine(folder, name));
    }
}
