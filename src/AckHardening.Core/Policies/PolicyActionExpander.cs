using AckHardening.Policy;

namespace AckHardening.Core.Policies;

/// <summary>Flattens a worker-role policy into one row per action (Action and NotAction entries), statement by statement.</summary>
public static class PolicyActionExpander
{
    public static IEnumerable<AckPolicyAction> Expand(AckWorkerRolePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var document = policy.Document ?? PolicyDocument.Parse(policy.DocumentJson);
        for (var i = 0; i < document.Statements.Count; i++)
        {
            var st = document.Statements[i];
            var resource = string.Join(", ", st.Resource ?? new List<string>());
            var notResource = st.NotResource is null ? null : string.Join(", ", st.NotResource);
            foreach (var (action, isNot) in (st.Action ?? new List<string>()).Select(a => (a, false))
                         .Concat((st.NotAction ?? new List<string>()).Select(a => (a, true))))
            {
                var colon = action.IndexOf(':');
                yield return new AckPolicyAction
                {
                    ClusterId = policy.ClusterId,
                    RoleName = policy.RoleName,
                    PolicyName = policy.PolicyName,
                    StatementIndex = i,
                    Effect = st.Effect,
                    Action = action,
                    Resource = resource,
                    HasCondition = st.HasCondition,
                    IsWildcard = PolicyStatement.IsWildcard(action),
                    IsNotAction = isNot,
                    Service = colon > 0 ? action[..colon] : "",
                    PolicyType = policy.PolicyType,
                    VersionId = policy.DefaultVersion,
                    NotResource = notResource,
                };
            }
        }
    }
}
