// Collects drawn frames and writes them as one looping GIF.
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.PixelFormats;
using SkiaSharp;

namespace Es.Viz.Render;

/// <summary>
/// SkiaSharp draws (it has shapes and text; ImageSharp 2.x has neither without ImageSharp.Drawing,
/// which the package feed cannot restore), ImageSharp 2.1.13 encodes the GIF (Skia has no GIF
/// encoder). Frames are kept in memory until <see cref="Save"/>, so long episodes call for --every.
/// </summary>
public sealed class GifWriter : IDisposable
{
    private readonly Image<Rgba32> _gif;
    private readonly int _delay;
    private bool _first = true;

    /// <summary>Starts an animation of <paramref name="width"/> × <paramref name="height"/> showing <paramref name="framesPerSecond"/> frames a second.</summary>
    public GifWriter(int width, int height, double framesPerSecond)
    {
        _gif = new Image<Rgba32>(width, height);
        _gif.Metadata.GetGifMetadata().RepeatCount = 0;
        // GIF delays are in hundredths of a second; browsers treat 0 and 1 as 10, so 2 is the fastest honest rate.
        _delay = Math.Max(2, (int)Math.Round(100 / framesPerSecond));
    }

    /// <summary>Frames added so far.</summary>
    public int Frames { get; private set; }

    /// <summary>Appends the bitmap's pixels as the next frame.</summary>
    public void Add(SKBitmap bitmap)
    {
        using SKBitmap rgba = bitmap.ColorType == SKColorType.Rgba8888 ? bitmap.Copy() : bitmap.Copy(SKColorType.Rgba8888);
        using var frame = Image.LoadPixelData<Rgba32>(rgba.GetPixelSpan(), rgba.Width, rgba.Height);
        frame.Frames.RootFrame.Metadata.GetGifMetadata().FrameDelay = _delay;
        if (_first)
        {
            _gif.Frames.InsertFrame(0, frame.Frames.RootFrame);
            _gif.Frames.RemoveFrame(1);
            _first = false;
        }
        else
        {
            _gif.Frames.AddFrame(frame.Frames.RootFrame);
        }
        Frames++;
    }

    /// <summary>Writes the GIF to <paramref name="stream"/>.</summary>
    public void Save(Stream stream) => _gif.SaveAsGif(stream, new GifEncoder { ColorTableMode = GifColorTableMode.Local });

    /// <inheritdoc />
    public void Dispose() => _gif.Dispose();
}
