namespace AckHardening.Sandbox.Services.Sls.Query;

/// <summary>A query the sandbox's SLS engine cannot parse or evaluate; the handler answers 400 InvalidQueryString.</summary>
public sealed class SlsQueryException(string message) : Exception(message)
{
    /// <summary>Presto-style position prefix, as SLS reports SQL errors ("line 1:23: ...").</summary>
    public static SlsQueryException At(int column, string message) => new($"line 1:{column + 1}: {message}");
}
