using System.Globalization;

namespace AckHardening.Sandbox.Services.CsAddons;

/// <summary>
/// Orders addon versions the way component management does: the dotted numeric core after an optional 'v',
/// compared segment by segment; the build suffix after the first '-' carries no order. The sandbox keeps its own
/// copy so that it never shares logic with the module it tests.
/// </summary>
internal static class SandboxVersion
{
    public static int Compare(string left, string right)
    {
        var a = Core(left);
        var b = Core(right);
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : 0;
            var y = i < b.Length ? b[i] : 0;
            if (x != y) return x < y ? -1 : 1;
        }
        return 0;
    }

    private static long[] Core(string version)
    {
        var text = version.Trim().TrimStart('v', 'V');
        var cut = text.IndexOfAny(['-', '+']);
        if (cut >= 0) text = text[..cut];
        return text.Split('.').Select(s => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).ToArray();
    }
}
