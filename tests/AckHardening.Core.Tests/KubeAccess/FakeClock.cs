namespace AckHardening.Core.Tests.KubeAccess;

/// <summary>Simulated time shared by the emulated API server and the gateway's wait loop.</summary>
internal sealed class FakeClock
{
    private long _ticks = new DateTimeOffset(2025, 5, 1, 8, 0, 0, TimeSpan.Zero).UtcTicks;
    public DateTimeOffset Now => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
