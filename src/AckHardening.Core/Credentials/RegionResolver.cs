using AckHardening.Core.Errors;

namespace AckHardening.Core.Credentials;

/// <summary>The default region: the explicit one, else ALIBABA_CLOUD_REGION_ID, else the CLI profile's region_id.</summary>
public static class RegionResolver
{
    public static string Resolve(string? explicitRegion, Func<string, string?>? environment = null, string? cliConfigPath = null, string? profileName = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitRegion)) return explicitRegion.Trim();
        var env = environment ?? Environment.GetEnvironmentVariable;
        if (env(DefaultCredentialChainOptions.RegionVariable) is { Length: > 0 } fromEnv && !string.IsNullOrWhiteSpace(fromEnv)) return fromEnv.Trim();
        var path = cliConfigPath ?? AliyunCliConfig.DefaultPath;
        string? profileNote = null;
        if (File.Exists(path))
        {
            try
            {
                var profile = AliyunCliConfig.Load(path).GetProfile(profileName ?? env(DefaultCredentialChainOptions.ProfileVariable));
                if (!string.IsNullOrWhiteSpace(profile.RegionId)) return profile.RegionId.Trim();
                profileNote = $"profile '{profile.Name}' in '{path}' has no region_id";
            }
            catch (AckException e)
            {
                profileNote = e.Message;
            }
        }
        else
        {
            profileNote = $"'{path}' does not exist";
        }
        throw new AckException("AckNoRegion", AckErrorKind.InvalidArgument,
            $"No region given: pass -Region (e.g. -Region cn-hangzhou) or set {DefaultCredentialChainOptions.RegionVariable}. ({profileNote}.)")
        {
            RecommendedAction = "Pass -Region, e.g. Connect-AckAccount -Region cn-hangzhou.",
        };
    }
}
