namespace AckHardening.Core.Audit;

/// <summary>Passes reads through but leaves the caller's stream open when disposed.</summary>
internal sealed class NonClosingStream(Stream inner) : ReadOnlyForwardStream
{
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
    public override int Read(Span<byte> buffer) => inner.Read(buffer);
}
