using AckHardening.Core.Components;

namespace AckHardening.Core.Tests.Components;

public class ComponentVersionTests
{
    // left, right, expected sign (-1, 0, 1)
    public static TheoryData<string, string, int> Ordered => new()
    {
        // Pitfall: string comparison says 45 < 9.
        { "v1.18.8.45-1c5d2cd1-aliyun", "v1.18.8.9-1c5d2cd1-aliyun", 1 },
        { "v1.10.0", "v1.9.3", 1 },
        { "v0.3.9-d554015-aliyun", "v0.3.9.4-ff225cd-aliyun", -1 },
        // Newer csi and terway tags have no suffix at all.
        { "v1.36.2", "v1.18.8.45-1c5d2cd1-aliyun", 1 },
        { "v1.8.13", "v1.0.10.333-gfd2b7b8-aliyun", 1 },
        // System.Version pitfall: "1.2" < "1.2.0" there; here they are equal.
        { "1.2", "1.2.0", 0 },
        { "1.2.0.0.0", "1.2", 0 },
        // Leading zeros in date-based versions.
        { "v23.02.06.2-74e2172-aliyun", "v23.2.6.2", 0 },
        { "v23.02.06.2-74e2172-aliyun", "v23.02.06.1-aaaaaaa-aliyun", 1 },
        { "v24.01.01.1-aaaaaaa-aliyun", "v23.02.06.2-74e2172-aliyun", 1 },
        // SemVer pitfall: "-aliyun" is build metadata, not a pre-release.
        { "1.0.0-x", "1.0.0", 0 },
        { "v1.3.1-bcf13de9-aliyun", "v1.3.1", 0 },
        // Equal numbers with different shas are equal.
        { "v0.3.9.4-ff225cd-aliyun", "v0.3.9.4-0000000-aliyun", 0 },
        { "v1.0.10.333-gfd2b7b8-aliyun", "1.0.10.333", 0 },
        // Mixed v prefix / no prefix, upper-case V.
        { "1.1.11", "v1.1.10", 1 },
        { "V3.0.2", "3.0.11", -1 },
        // Segment counts from 2 to 5.
        { "1.5", "1.4.99.99.99", 1 },
        { "v1.5.5", "v1.5.4.9", 1 },
        // Metrics-server: the image tag differs from the addon version yet both compare numerically.
        { "v0.3.8.5-307cf45-aliyun", "v0.3.8.7-307cf45-aliyun", -1 },
        // SemVer-style '+' build metadata is also ignored.
        { "1.2.3+build.7", "1.2.3", 0 },
        // Surrounding whitespace is not part of the version.
        { " v1.2.3 ", "1.2.3", 0 },
    };

    [Theory]
    [MemberData(nameof(Ordered))]
    public void Compares_numerically(string left, string right, int expected)
    {
        var result = ComponentVersion.Compare(left, right);
        Assert.True(result.IsComparable, result.Reason);
        Assert.Equal(expected, Math.Sign(result.Order!.Value));

        var reverse = ComponentVersion.Compare(right, left);
        Assert.Equal(-expected, Math.Sign(reverse.Order!.Value));
    }

    [Theory]
    [InlineData("v1.2.3-rc1", "1.2.3")] // suffix after '-' is ignored
    public void Suffix_after_dash_is_never_a_pre_release(string left, string right) =>
        Assert.Equal(0, ComponentVersion.Compare(left, right).Order);

    [Theory]
    [InlineData("v1.2.rc1", "non-numeric segment 'rc1'")]
    [InlineData("1.2.3rc1", "non-numeric segment '3rc1'")]
    [InlineData("latest", "non-numeric segment 'latest'")]
    [InlineData("v1..2", "empty segment")]
    [InlineData("1.2.", "empty segment")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData(null, "empty")]
    [InlineData("v", "no numeric part")]
    [InlineData("-aliyun", "no numeric part")]
    [InlineData("v-abc", "no numeric part")]
    [InlineData("1.99999999999999999999", "too large")]
    [InlineData("1.-2", "empty segment")]
    [InlineData("1.+2", "empty segment")]
    [InlineData("1.２", "non-numeric")] // full-width digit: not an ASCII number
    public void Refuses_to_guess(string? text, string reasonFragment)
    {
        var result = ComponentVersion.Compare(text, "1.0.0");
        Assert.False(result.IsComparable);
        Assert.Null(result.Order);
        Assert.Contains(reasonFragment, result.Reason);
        Assert.StartsWith("cannot compare", result.ToString());

        // The same answer whichever side is bad.
        Assert.False(ComponentVersion.Compare("1.0.0", text).IsComparable);
    }

    [Fact]
    public void Reports_that_equal_numbers_come_from_different_builds()
    {
        var differ = ComponentVersion.Compare("v0.3.9.4-ff225cd-aliyun", "v0.3.9.4-1234567-aliyun");
        Assert.Equal(0, differ.Order);
        Assert.True(differ.BuildSuffixesDiffer);

        var same = ComponentVersion.Compare("v0.3.9.4-ff225cd-aliyun", "0.3.9.4-ff225cd-aliyun");
        Assert.False(same.BuildSuffixesDiffer);
    }

    [Fact]
    public void Parses_segments_and_suffix()
    {
        Assert.True(ComponentVersion.TryParse("v1.18.8.45-1c5d2cd1-aliyun", out var v, out _));
        Assert.Equal([1L, 18, 8, 45], v!.Segments);
        Assert.Equal("1c5d2cd1-aliyun", v.BuildSuffix);
        Assert.Equal("v1.18.8.45-1c5d2cd1-aliyun", v.ToString());

        Assert.True(ComponentVersion.TryParse("v1.36.2", out var plain, out _));
        Assert.Null(plain!.BuildSuffix);
    }
}
