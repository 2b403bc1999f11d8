namespace AckHardening.Components;

/// <summary>A component config change (ModifyClusterAddon): the config before and after the merge and the keys that differ.</summary>
public sealed class AckComponentConfigChange
{
    public string? ClusterId { get; set; }
    public string Component { get; set; } = "";
    /// <summary>The top-level keys whose value changed, joined with ", ".</summary>
    public string ChangedKeys => string.Join(", ", ChangedKeyList);
    /// <summary>True when ModifyClusterAddon was sent; false for -WhatIf or when nothing changed.</summary>
    public bool Applied { get; set; }
    /// <summary>The config JSON as read from the cluster.</summary>
    public string Before { get; set; } = "";
    /// <summary>The merged config JSON (what was, or would be, sent).</summary>
    public string After { get; set; } = "";
    public IReadOnlyList<string> ChangedKeyList { get; set; } = Array.Empty<string>();

    public override string ToString() => $"{Component}: {(ChangedKeyList.Count == 0 ? "no change" : ChangedKeys)}";
}
