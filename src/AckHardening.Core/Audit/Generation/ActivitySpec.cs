using System.Text.Json;
using System.Text.Json.Serialization;

namespace AckHardening.Core.Audit.Generation;

/// <summary>
/// What synthetic ActionTrail evidence to produce: which roles call which components, over which window, plus
/// failed calls and noise. Plain JSON-serializable data, shared by the test generator and the sandbox's
/// ActionTrail/SLS services so that both emit the same events for the same spec.
/// </summary>
public sealed class ActivitySpec
{
    public int Seed { get; set; } = 1;
    public string AccountId { get; set; } = "1234567890123456";
    public string Region { get; set; } = "cn-hangzhou";
    public DateTimeOffset WindowStart { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    /// <summary>Whole hours are generated; fractional days are rounded down to the hour.</summary>
    public double Days { get; set; } = 14;
    public List<ActivityRoleSpec> Roles { get; set; } = new();
    /// <summary>Extra or replacement component definitions; the built-in catalog (<see cref="ActivityComponentCatalog"/>) is used for other names.</summary>
    public List<ActivityComponentSpec> Components { get; set; } = new();
    /// <summary>Calls that fail with an error code, spread over the window.</summary>
    public List<FailedCallSpec> FailedCalls { get; set; } = new();
    /// <summary>API calls by principals that are not any of the roles (other roles, RAM users, look-alike role names).</summary>
    public long OtherPrincipalEvents { get; set; }
    /// <summary>Events that are not API calls (ConsoleSignin, AliyunServiceEvent).</summary>
    public long NonApiEvents { get; set; }

    [JsonIgnore]
    public DateTimeOffset WindowEnd => WindowStart.AddHours(Hours);

    [JsonIgnore]
    public int Hours => (int)Math.Floor(Days * 24);

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static ActivitySpec FromJson(string json) => JsonSerializer.Deserialize<ActivitySpec>(json, Json)
        ?? throw new FormatException("The activity spec is empty.");

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>One role and the components its nodes run.</summary>
public sealed class ActivityRoleSpec
{
    public string RoleName { get; set; } = "";
    /// <summary>Worker nodes calling with this role; each gets a session <c>vm-ram-i-&lt;instanceId&gt;</c>.</summary>
    public int Instances { get; set; } = 3;
    public List<RoleComponentSpec> Components { get; set; } = new();
}

/// <summary>A component used by a role, optionally only from some day of the window on (a late new action).</summary>
public sealed class RoleComponentSpec
{
    public string Name { get; set; } = "";
    /// <summary>Day offset (from the window start, fractional allowed) before which the component makes no call.</summary>
    public double StartDay { get; set; }
    /// <summary>Multiplies every rate of the component.</summary>
    public double RateMultiplier { get; set; } = 1;
}

/// <summary>A named set of API calls with their rates per node and hour.</summary>
public sealed class ActivityComponentSpec
{
    public string Name { get; set; } = "";
    public List<ActivityCallSpec> Calls { get; set; } = new();
}

public sealed class ActivityCallSpec
{
    /// <summary>ActionTrail serviceName as it appears in events (e.g. "Ecs", "Sls").</summary>
    public string ServiceName { get; set; } = "";
    public string EventName { get; set; } = "";
    /// <summary>Calls per node per hour; fractions accumulate across hours.</summary>
    public double PerInstancePerHour { get; set; }
}

/// <summary>A number of failed calls of one role.</summary>
public sealed class FailedCallSpec
{
    public string RoleName { get; set; } = "";
    public string ServiceName { get; set; } = "";
    public string EventName { get; set; } = "";
    /// <summary>e.g. "Forbidden.RAM" or "NoPermission" (denials) or "Throttling.User" (an ordinary error).</summary>
    public string ErrorCode { get; set; } = "Forbidden.RAM";
    public long Count { get; set; }
}
