using System.Collections;
using System.Management.Automation;
using AckHardening.Components;
using AckHardening.Core.Components;
using AckHardening.Core.Errors;
using AckHardening.Core.Services.Cs;
using AckHardening.PowerShell.Infrastructure;

namespace AckHardening.PowerShell.Commands;

/// <summary>
/// Set-AckComponentConfig: merges top-level keys into a component's config (read with GetClusterAddonInstance) and
/// sends the result with ModifyClusterAddon; e.g. tokenMode=managedRole for aliyun-acr-credential-helper.
/// </summary>
[Cmdlet(VerbsCommon.Set, "AckComponentConfig", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AckComponentConfigChange))]
public sealed class SetAckComponentConfigCommand : AckServiceCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ClusterId { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Component")]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>Top-level keys to set; a $null value removes the key.</summary>
    [Parameter(Mandatory = true, Position = 2)]
    [ValidateNotNull]
    public Hashtable Config { get; set; } = new();

    protected override void ProcessRecord()
    {
        var target = $"{Name} in cluster {ClusterId}";
        if (Config.Count == 0)
        {
            WriteAckError(new AckException(ComponentErrors.ConfigInvalid, AckErrorKind.InvalidArgument, "-Config names no key to change.", Config), target);
            return;
        }

        CsAddonClient cs;
        try
        {
            cs = new CsAddonClient(CreateTransport(), Session.Region);
        }
        catch (Exception e) when (e is AckException or ArgumentException)
        {
            ThrowAckError(e, Region);
            return;
        }

        var changes = Config.Cast<DictionaryEntry>()
            .Select(e => new KeyValuePair<string, object?>(Convert.ToString(e.Key) ?? "", ComponentCmdletSupport.Unwrap(e.Value)))
            .ToList();
        try
        {
            var instance = Run(ct => cs.GetClusterAddonInstanceAsync(ClusterId, Name, ct));
            var merge = AddonConfigMerge.Merge(instance.Name, instance.Config, changes);
            var change = new AckComponentConfigChange
            {
                ClusterId = ClusterId,
                Component = instance.Name,
                Before = merge.Before,
                After = merge.After,
                ChangedKeyList = merge.ChangedKeys,
            };
            if (!merge.HasChanges)
            {
                WriteVerbose($"The config of {target} already has these values; nothing is sent.");
                WriteObject(change);
                return;
            }
            if (!ShouldProcess(target, $"ModifyClusterAddon: {Describe(merge)}"))
                return;
            Run(ct => cs.ModifyClusterAddonAsync(ClusterId, instance.Name, merge.After, ct));
            change.Applied = true;
            WriteObject(change);
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            WriteAckError(ComponentErrors.MapAddonNotFound(e, ClusterId, Name), target);
        }
    }

    private static string Describe(AddonConfigMergeResult merge)
    {
        var before = AcrTokenMode.ParseAddonConfig(merge.Before);
        var after = AcrTokenMode.ParseAddonConfig(merge.After);
        return string.Join("; ", merge.ChangedKeys.Select(k =>
            $"{k}: {Show(before.TryGetValue(k, out var b) ? b : null, before.ContainsKey(k))} -> {Show(after.TryGetValue(k, out var a) ? a : null, after.ContainsKey(k))}"));
    }

    private static string Show(string? value, bool present) => present ? (value is null ? "null" : $"'{value}'") : "(absent)";
}
