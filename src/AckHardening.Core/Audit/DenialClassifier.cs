using System.Text;

namespace AckHardening.Core.Audit;

/// <summary>What an event's errorCode says about authorization.</summary>
public enum CallOutcome
{
    /// <summary>Empty errorCode.</summary>
    Success,
    /// <summary>Failed for another reason (throttling, bad parameter...): the call passed authorization.</summary>
    Error,
    /// <summary>Refused for missing permission.</summary>
    Denied,
}

/// <summary>
/// Classifies ActionTrail errorCode values. No public denial event exists, so any code containing one of the
/// permission markers (NoPermission, Forbidden, NotAuthorized, AccessDenied, ErrorCheckAcl; any case) is a denial
/// and every other non-empty code is an ordinary error.
/// </summary>
public static class DenialClassifier
{
    private static readonly byte[][] Markers =
    [
        "nopermission"u8.ToArray(), "forbidden"u8.ToArray(), "notauthorized"u8.ToArray(),
        "accessdenied"u8.ToArray(), "errorcheckacl"u8.ToArray(),
    ];

    /// <summary>The markers, lower case, for building queries that must agree with this classifier.</summary>
    public static IReadOnlyList<string> DenialMarkers { get; } = Markers.Select(m => Encoding.ASCII.GetString(m)).ToArray();

    public static CallOutcome Classify(string? errorCode) =>
        string.IsNullOrEmpty(errorCode) ? CallOutcome.Success : Classify(Encoding.UTF8.GetBytes(errorCode));

    public static CallOutcome Classify(ReadOnlySpan<byte> errorCode)
    {
        if (errorCode.IsEmpty) return CallOutcome.Success;
        foreach (var m in Markers)
            if (ContainsIgnoreAsciiCase(errorCode, m)) return CallOutcome.Denied;
        return CallOutcome.Error;
    }

    /// <summary>Substring search where <paramref name="lowerNeedle"/> is lower-case ASCII.</summary>
    internal static bool ContainsIgnoreAsciiCase(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> lowerNeedle)
    {
        var last = haystack.Length - lowerNeedle.Length;
        for (var i = 0; i <= last; i++)
        {
            var j = 0;
            while (j < lowerNeedle.Length && (haystack[i + j] | 0x20) == lowerNeedle[j]) j++;
            if (j == lowerNeedle.Length) return true;
        }
        return false;
    }
}
