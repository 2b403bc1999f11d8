using System.Globalization;

namespace AckHardening.Core.Components;

/// <summary>
/// An ACK component version such as "v1.18.8.45-1c5d2cd1-aliyun": a dotted numeric core of any length
/// and an optional build suffix that carries no order. Not SemVer (four segments are common and "-aliyun"
/// is not a pre-release) and not System.Version (at most four parts, and "1.2" sorts before "1.2.0").
/// </summary>
public sealed class ComponentVersion
{
    private ComponentVersion(string original, long[] segments, string? buildSuffix)
    {
        Original = original;
        Segments = segments;
        BuildSuffix = buildSuffix;
    }

    /// <summary>The text as given.</summary>
    public string Original { get; }

    /// <summary>The numeric segments of the core, e.g. [1, 18, 8, 45].</summary>
    public IReadOnlyList<long> Segments { get; }

    /// <summary>Everything after the first '-' or '+', e.g. "1c5d2cd1-aliyun"; null when absent.</summary>
    public string? BuildSuffix { get; }

    /// <summary>Parses a version; on failure <paramref name="reason"/> says why and no version is returned.</summary>
    public static bool TryParse(string? text, out ComponentVersion? version, out string? reason)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            reason = "the version is empty";
            return false;
        }

        var trimmed = text.Trim();
        var core = trimmed;
        if (core[0] is 'v' or 'V')
            core = core[1..];

        string? suffix = null;
        var cut = core.IndexOfAny(['-', '+']);
        if (cut >= 0)
        {
            suffix = core[(cut + 1)..];
            core = core[..cut];
        }

        if (core.Length == 0)
        {
            reason = $"'{trimmed}' has no numeric part";
            return false;
        }

        var parts = core.Split('.');
        var segments = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length == 0)
            {
                reason = $"'{trimmed}' has an empty segment";
                return false;
            }
            if (!part.All(char.IsAsciiDigit))
            {
                reason = $"'{trimmed}' has the non-numeric segment '{part}'";
                return false;
            }
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out segments[i]))
            {
                reason = $"'{trimmed}' has a segment too large to compare ('{part}')";
                return false;
            }
        }

        version = new ComponentVersion(trimmed, segments, string.IsNullOrEmpty(suffix) ? null : suffix);
        reason = null;
        return true;
    }

    /// <summary>Compares the numeric cores, padding the shorter with zeros; build suffixes are ignored.</summary>
    public int CompareTo(ComponentVersion other)
    {
        var length = Math.Max(Segments.Count, other.Segments.Count);
        for (var i = 0; i < length; i++)
        {
            var mine = i < Segments.Count ? Segments[i] : 0;
            var theirs = i < other.Segments.Count ? other.Segments[i] : 0;
            if (mine != theirs)
                return mine < theirs ? -1 : 1;
        }
        return 0;
    }

    /// <summary>Compares two version strings; the result says "cannot compare" rather than guessing.</summary>
    public static VersionComparison Compare(string? left, string? right)
    {
        if (!TryParse(left, out var l, out var leftReason))
            return VersionComparison.Incomparable(leftReason!);
        if (!TryParse(right, out var r, out var rightReason))
            return VersionComparison.Incomparable(rightReason!);

        var order = l!.CompareTo(r!);
        var suffixesDiffer = order == 0 && !string.Equals(l.BuildSuffix, r!.BuildSuffix, StringComparison.Ordinal);
        return new VersionComparison(order, null, suffixesDiffer);
    }

    public override string ToString() => Original;
}

/// <summary>
/// The result of comparing two versions: <see cref="Order"/> is negative, zero or positive when the versions
/// could be compared, and null with a <see cref="Reason"/> when they could not.
/// </summary>
public readonly record struct VersionComparison(int? Order, string? Reason, bool BuildSuffixesDiffer = false)
{
    public bool IsComparable => Order.HasValue;

    public static VersionComparison Incomparable(string reason) => new(null, reason);

    public override string ToString() => Order switch
    {
        null => $"cannot compare: {Reason}",
        < 0 => "older",
        0 => BuildSuffixesDiffer ? "equal (different builds)" : "equal",
        _ => "newer",
    };
}
