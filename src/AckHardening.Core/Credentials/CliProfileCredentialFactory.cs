using AckHardening.Core.Errors;
using AckHardening.Core.Http;
using AckHardening.Core.Services.Sts;

namespace AckHardening.Core.Credentials;

/// <summary>Turns an aliyun CLI profile into a credential provider (modes AK, StsToken, RamRoleArn, EcsRamRole).</summary>
public static class CliProfileCredentialFactory
{
    public static readonly IReadOnlyList<string> SupportedModes = new[] { "AK", "StsToken", "RamRoleArn", "EcsRamRole" };

    /// <param name="stsTransportFactory">Transport for AssumeRole (RamRoleArn mode), signing with the given provider.</param>
    /// <param name="ecsFactory">Builds the ECS provider for a role name (EcsRamRole mode); tests point it at a stub.</param>
    public static ICredentialProvider Create(AliyunCliProfile profile, Func<ICredentialProvider, IApiTransport> stsTransportFactory,
        Func<string?, ICredentialProvider>? ecsFactory = null, Func<DateTimeOffset>? clock = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var source = "Profile:" + profile.Name;
        var mode = string.IsNullOrEmpty(profile.Mode) ? "AK" : profile.Mode;
        switch (mode.ToLowerInvariant())
        {
            case "ak":
                return new StaticCredentialProvider(Require(profile, profile.AccessKeyId, "access_key_id"), Require(profile, profile.AccessKeySecret, "access_key_secret"),
                    null, source);
            case "ststoken":
                return new StaticCredentialProvider(Require(profile, profile.AccessKeyId, "access_key_id"), Require(profile, profile.AccessKeySecret, "access_key_secret"),
                    Require(profile, profile.StsToken, "sts_token"), source);
            case "ramrolearn":
                var keys = new StaticCredentialProvider(Require(profile, profile.AccessKeyId, "access_key_id"),
                    Require(profile, profile.AccessKeySecret, "access_key_secret"), profile.StsToken, source);
                return new AssumeRoleCredentialProvider(keys, stsTransportFactory, Require(profile, profile.RamRoleArn, "ram_role_arn"),
                    profile.RamSessionName, profile.ExpiredSeconds is { } s and >= StsClient.MinDurationSeconds ? s : StsClient.DefaultDurationSeconds,
                    null, profile.ExternalId, clock);
            case "ecsramrole":
                return (ecsFactory ?? (role => new EcsRamRoleCredentialProvider(role, clock: clock)))(profile.RamRoleName);
            default:
                throw new AckException("AckProfileModeUnsupported", AckErrorKind.NotImplemented,
                    $"Profile '{profile.Name}' uses mode '{profile.Mode}', which this module does not support. Supported: {string.Join(", ", SupportedModes)}.",
                    profile.Name);
        }
    }

    private static string Require(AliyunCliProfile profile, string? value, string key) =>
        !string.IsNullOrEmpty(value) ? value
        : throw new AckException("AckProfileIncomplete", AckErrorKind.InvalidData,
            $"Profile '{profile.Name}' (mode {profile.Mode}) has no '{key}'.", profile.Name);
}
