using System.Collections;
using System.Management.Automation;
using AckHardening.Core.Errors;
using AckHardening.Core.Policies;

namespace AckHardening.PowerShell.Commands;

/// <summary>
/// Reads a trail object by property name (ReadyForAnalysis, Reasons, and Name or TrailName for messages): the
/// trail type belongs to another area's cmdlet, so any object with those properties is accepted.
/// </summary>
internal static class PolicyTrailBinding
{
    public static TrailReadiness Read(PSObject trail)
    {
        var ready = trail.Properties["ReadyForAnalysis"]?.Value;
        if (ready is PSObject p) ready = p.BaseObject;
        if (ready is not bool isReady)
            throw new AckException("AckInvalidArgument", AckErrorKind.InvalidArgument,
                "A -Trail object must have a boolean ReadyForAnalysis property (and Reasons); pass the trail objects of the audit cmdlets.", trail);

        var reasons = new List<string>();
        switch (trail.Properties["Reasons"]?.Value is PSObject r ? r.BaseObject : trail.Properties["Reasons"]?.Value)
        {
            case null: break;
            case string s: reasons.Add(s); break;
            case IEnumerable items:
                foreach (var item in items) if (item?.ToString() is { Length: > 0 } text) reasons.Add(text);
                break;
            case var other: reasons.Add(other.ToString() ?? ""); break;
        }
        var name = trail.Properties["Name"]?.Value?.ToString() ?? trail.Properties["TrailName"]?.Value?.ToString();
        return new TrailReadiness(name, isReady, reasons);
    }
}
