// CartPole-v1 as Gymnasium draws it: a black cart on a track, a brown pole, a blue axle.
using SkiaSharp;

namespace Es.Viz.Render;

/// <summary>Gymnasium's cart-pole renderer (600 × 400, world 4.8 wide); state [x, ẋ, θ, θ̇].</summary>
internal sealed class CartPoleDrawer : IFrameDrawer
{
    private const double XThreshold = 2.4;
    private const double Scale = 600 / (XThreshold * 2);
    private const double PoleWidth = 10, PoleLength = Scale * 1.0, CartWidth = 50, CartHeight = 30, CartY = 100;

    public int Width => 600;

    public int Height => 400;

    public double FramesPerSecond => 50;

    public void Draw(SKCanvas canvas, ReadOnlySpan<double> state)
    {
        double cartX = state[0] * Scale + Width / 2.0;
        double theta = state[2];
        using SKPaint black = Shapes.Fill(0, 0, 0);
        using SKPaint track = Shapes.Stroke(0, 0, 0, 1);
        using SKPaint pole = Shapes.Fill(202, 152, 101);
        using SKPaint axle = Shapes.Fill(129, 132, 203);
        Shapes.Line(canvas, Height, 0, CartY, Width, CartY, track);
        Shapes.Polygon(canvas, Height, Shapes.Box(-CartWidth / 2, CartWidth / 2, CartHeight / 2, -CartHeight / 2), 0, cartX, CartY, black);
        double axleY = CartY + CartHeight / 4;
        // Gymnasium rotates the pole by −θ: a positive angle leans it to the right.
        Shapes.Polygon(canvas, Height, Shapes.Box(-PoleWidth / 2, PoleWidth / 2, PoleLength - PoleWidth / 2, -PoleWidth / 2), -theta, cartX, axleY, pole);
        Shapes.Circle(canvas, Height, cartX, axleY, PoleWidth / 2, axle);
    }
}
