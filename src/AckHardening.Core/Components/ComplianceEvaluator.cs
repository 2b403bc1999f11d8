using AckHardening.Components;

namespace AckHardening.Core.Components;

/// <summary>
/// Checks each catalog component against what a cluster runs and picks the procedure's next step:
/// grant the managed role first when it is missing, migrate FlexVolume to CSI, upgrade what is below its
/// minimum, set the ACR helper's tokenMode when it still uses the worker role, and otherwise redeploy so the
/// component picks up token credentials.
/// </summary>
public static class ComplianceEvaluator
{
    /// <summary>One result per catalog entry, in catalog order.</summary>
    public static IReadOnlyList<AckComponentCompliance> Evaluate(ComponentCatalog catalog, ComplianceInput input)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(input);
        return catalog.Entries.Select(entry => Evaluate(entry, input)).ToList();
    }

    public static AckComponentCompliance Evaluate(AckComponentCatalogEntry entry, ComplianceInput input)
    {
        var installed = FindInstalled(entry.Name, input.Installed);
        var granted = LookupGrant(entry.ServiceRole, input.ServiceRoleGrants);
        var notes = new List<string>();

        var result = new AckComponentCompliance
        {
            ClusterId = input.ClusterId,
            Component = entry.Name,
            Category = entry.Category,
            MinimumVersion = entry.MinimumVersion,
            ServiceRole = entry.ServiceRole,
            ServiceRoleGranted = granted,
            WorkloadList = entry.WorkloadList,
        };

        if (installed is null)
        {
            result.Status = ComplianceStatus.NotInstalled;
            result.NextStep = ComponentNextStep.None;
            result.Remarks = entry.Remarks;
            return result;
        }

        result.InstalledVersion = string.IsNullOrWhiteSpace(installed.Version) ? null : installed.Version.Trim();

        var comparison = ComponentVersion.Compare(result.InstalledVersion, entry.MinimumVersion);
        if (!comparison.IsComparable)
        {
            result.Status = ComplianceStatus.Unknown;
            notes.Add(result.InstalledVersion is null
                ? "The installed version was not reported, so it cannot be compared with the minimum."
                : $"Cannot compare the installed version with the minimum: {comparison.Reason}.");
        }
        else
        {
            result.Status = comparison.Order < 0 ? ComplianceStatus.UpgradeRequired : ComplianceStatus.Compliant;
            if (comparison.Order == 0 && comparison.BuildSuffixesDiffer)
                notes.Add("The installed version equals the minimum numerically but comes from a different build.");
        }

        if (!string.IsNullOrEmpty(installed.State) && !installed.State.Equals("active", StringComparison.OrdinalIgnoreCase)
            && installed.Source == ComponentSource.AddonApi)
            notes.Add($"The component is currently '{installed.State}'; wait for it to become active.");

        var tokenMode = entry.HasRemark(RemarkKind.SetTokenMode)
            ? AcrTokenMode.Resolve(ConfigOf(entry.Name, input.AddonConfigs), input.ClusterCreated, input.TokenModeConfigKey)
            : null;

        result.NextStep = ChooseNextStep(entry, result.Status, granted, tokenMode, notes);
        if (!string.IsNullOrEmpty(entry.Remarks))
            notes.Add(entry.Remarks);
        result.Remarks = string.Join(" ", notes);
        return result;
    }

    private static ComponentNextStep ChooseNextStep(
        AckComponentCatalogEntry entry, ComplianceStatus status, bool? granted, AcrTokenModeResolution? tokenMode, List<string> notes)
    {
        // FlexVolume gets no token support worth keeping: the procedure's answer is CSI, whatever its version.
        if (entry.HasRemark(RemarkKind.MigrateToCsi))
            return ComponentNextStep.MigrateToCsi;

        // Without the role ACK cannot issue the token, so neither an upgrade nor a redeploy moves the component off
        // the worker role.
        if (granted == false)
        {
            notes.Add($"The managed service role {entry.ServiceRole} is not granted; grant it first.");
            return ComponentNextStep.GrantServiceRole;
        }

        if (status == ComplianceStatus.Unknown)
            return ComponentNextStep.None;

        if (tokenMode is not null)
        {
            if (tokenMode.NeedsManagedRole)
                notes.Add($"It still uses the worker role ({tokenMode.Reason}): set tokenMode to managedRole" +
                          (status == ComplianceStatus.UpgradeRequired ? " after the upgrade." : "."));
            else if (tokenMode.Mode == AcrCredentialMode.Undetermined)
                notes.Add($"Could not tell whether it uses the worker role: {tokenMode.Reason}.");
        }

        if (status == ComplianceStatus.UpgradeRequired)
            return ComponentNextStep.Upgrade;

        return tokenMode?.NeedsManagedRole == true ? ComponentNextStep.SetTokenMode : ComponentNextStep.Redeploy;
    }

    // Component management is authoritative; a workload reading only stands in when the addon API has none.
    private static AckComponent? FindInstalled(string name, IReadOnlyList<AckComponent> installed)
    {
        var matches = installed.Where(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.FirstOrDefault(c => c.Source == ComponentSource.AddonApi && !string.IsNullOrWhiteSpace(c.Version))
            ?? matches.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c.Version))
            ?? matches.FirstOrDefault();
    }

    private static bool? LookupGrant(string? role, IReadOnlyDictionary<string, bool?>? grants)
    {
        if (string.IsNullOrEmpty(role) || grants is null)
            return null;
        foreach (var (name, granted) in grants)
        {
            if (string.Equals(name, role, StringComparison.OrdinalIgnoreCase))
                return granted;
        }
        return null;
    }

    private static IReadOnlyDictionary<string, string?>? ConfigOf(
        string name, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>>? configs)
    {
        if (configs is null)
            return null;
        foreach (var (component, config) in configs)
        {
            if (string.Equals(component, name, StringComparison.OrdinalIgnoreCase))
                return config;
        }
        return null;
    }
}
