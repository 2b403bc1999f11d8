namespace AckHardening.Policy;

/// <summary>One problem found in a policy document before it is sent; Path names the element, e.g. Statement[2].Action[0].</summary>
public sealed class AckPolicyValidationFinding
{
    public PolicyFindingSeverity Severity { get; init; }
    /// <summary>Stable code, e.g. "ActionFormat", "DocumentTooLarge".</summary>
    public string Code { get; init; } = "";
    public string Path { get; init; } = "";
    public string Message { get; init; } = "";

    public override string ToString() => $"{Severity} {Path}: {Message}";
}
