using System.Text.RegularExpressions;
using AckHardening.Core.Errors;

namespace AckHardening.Core.Services.ActionTrail;

/// <summary>ActionTrail naming and ARN rules, checked before any call so a typo fails fast and locally.</summary>
public static partial class ActionTrailNames
{
    /// <summary>
    /// Throws AckInvalidTrailName unless the name follows CreateTrail's rule: 6-36 characters, starting with a
    /// lower-case letter, then lower-case letters, digits, '-' and '_'.
    /// </summary>
    public static void ValidateTrailName(string? name)
    {
        if (name is null || !TrailNamePattern().IsMatch(name))
            throw new AckException("AckInvalidTrailName", AckErrorKind.InvalidArgument,
                $"'{name}' is not a valid trail name: use 6-36 characters, start with a lower-case letter, then lower-case letters, digits, '-' or '_'.", name);
    }

    /// <summary>Throws AckInvalidSlsProject unless the name is a valid Log Service project name (3-63, [a-z0-9-], no leading or trailing '-').</summary>
    public static void ValidateSlsProject(string? project)
    {
        if (project is null || !ProjectPattern().IsMatch(project))
            throw new AckException("AckInvalidSlsProject", AckErrorKind.InvalidArgument,
                $"'{project}' is not a valid Log Service project name: 3-63 lower-case letters, digits and '-', starting and ending with a letter or digit.", project);
    }

    /// <summary>acs:log:&lt;region&gt;:&lt;uid&gt;:project/&lt;project&gt;</summary>
    public static string SlsProjectArn(string region, string accountId, string project)
    {
        ValidateSlsProject(project);
        if (string.IsNullOrWhiteSpace(region)) throw new AckException("AckInvalidRegion", AckErrorKind.InvalidArgument, "The Log Service project's region is required.");
        if (string.IsNullOrWhiteSpace(accountId)) throw new AckException("AckAccountUnknown", AckErrorKind.InvalidOperation, "The account id is unknown; the project ARN cannot be built.");
        return $"acs:log:{region}:{accountId}:project/{project}";
    }

    /// <summary>Splits a project ARN into its region and project; false when it is not one.</summary>
    public static bool TryParseSlsProjectArn(string? arn, out string region, out string project)
    {
        region = project = "";
        if (string.IsNullOrEmpty(arn)) return false;
        var m = ProjectArnPattern().Match(arn);
        if (!m.Success) return false;
        region = m.Groups["region"].Value;
        project = m.Groups["project"].Value;
        return true;
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]{5,35}$")]
    private static partial Regex TrailNamePattern();

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$")]
    private static partial Regex ProjectPattern();

    [GeneratedRegex("^acs:log:(?<region>[^:]*):(?<uid>[^:]*):project/(?<project>[^/]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex ProjectArnPattern();
}
