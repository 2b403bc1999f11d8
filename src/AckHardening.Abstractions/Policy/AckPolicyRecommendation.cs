namespace AckHardening.Policy;

/// <summary>A proposed least-privilege version of one policy (Get-AckPolicyRecommendation).</summary>
public sealed class AckPolicyRecommendation
{
    public string? ClusterId { get; set; }
    public string? RoleName { get; set; }
    public string? PolicyName { get; set; }
    /// <summary>The default version the proposal was computed from, e.g. "v2".</summary>
    public string? CurrentVersion { get; set; }
    /// <summary>Action entries in Allow statements before (Action lists, NotAction not counted).</summary>
    public int ActionsBefore { get; init; }
    public int ActionsAfter { get; init; }
    public int RemovedCount => RemovedActions.Length;
    /// <summary>Removed (and narrowed) entries joined with ", " for Export-Csv.</summary>
    public string Removed => string.Join(", ", RemovedActions);
    /// <summary>True when the proposal has no statement left (the policy would grant nothing).</summary>
    public bool IsEmpty { get; init; }
    /// <summary>True when the proposal differs from the current document.</summary>
    public bool HasChanges { get; init; }
    public int WarningCount => Warnings.Length;
    public string ProposedDocumentJson => ProposedDocument.ToJson();
    // Nested detail after the scalars, so Export-Csv gives a useful file.
    public string[] RemovedActions { get; init; } = Array.Empty<string>();
    public PolicyDocument ProposedDocument { get; init; } = new();
    public PolicyDocument? CurrentDocument { get; init; }
    public string[] Warnings { get; init; } = Array.Empty<string>();
    public AckPolicyActionDecision[] Decisions { get; init; } = Array.Empty<AckPolicyActionDecision>();

    public override string ToString() => $"{PolicyName}: {ActionsBefore} -> {ActionsAfter} actions, {RemovedCount} removed";
}
