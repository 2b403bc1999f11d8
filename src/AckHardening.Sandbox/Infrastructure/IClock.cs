namespace AckHardening.Sandbox.Infrastructure;

/// <summary>
/// Simulated time: runs with the wall clock but can be pushed forward by the control API, so tests can expire
/// STS tokens or finish long tasks without waiting. Request-date checks use <see cref="WallUtcNow"/> instead,
/// because clients sign with their own wall clock.
/// </summary>
public interface IClock
{
    DateTimeOffset UtcNow { get; }
    DateTimeOffset WallUtcNow { get; }
    void Advance(TimeSpan by);
}

public sealed class SimulatedClock : IClock
{
    private readonly TimeProvider _wall;
    private long _offsetTicks;

    public SimulatedClock(TimeProvider? wall = null) => _wall = wall ?? TimeProvider.System;

    public DateTimeOffset WallUtcNow => _wall.GetUtcNow();
    public DateTimeOffset UtcNow => WallUtcNow.AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "Simulated time only moves forward.");
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
