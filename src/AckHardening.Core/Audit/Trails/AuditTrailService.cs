using AckHardening.Audit;
using AckHardening.Core.Diagnostics;
using AckHardening.Core.Errors;
using AckHardening.Core.Http;
using AckHardening.Core.Services.ActionTrail;

namespace AckHardening.Core.Audit.Trails;

/// <summary>
/// Reads trails with their status and readiness (DescribeTrails + GetTrailStatus), picks the trail to use as
/// evidence, and creates and starts trails.
/// </summary>
public sealed class AuditTrailService
{
    private readonly ActionTrailClient _client;
    private readonly IAckLog _log;
    private readonly TimeProvider _clock;
    private readonly TrailReadinessRules _rules;

    public AuditTrailService(ActionTrailClient client, IAckLog? log = null, TimeProvider? clock = null, TrailReadinessRules? rules = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _log = log ?? NullAckLog.Instance;
        _clock = clock ?? TimeProvider.System;
        _rules = rules ?? TrailReadinessRules.Default;
    }

    /// <summary>The trails whose name passes <paramref name="nameFilter"/> (all when null), each with its readiness.</summary>
    public async Task<IReadOnlyList<AckAuditTrail>> GetTrailsAsync(Func<string, bool>? nameFilter, string? regionToCover, CancellationToken cancellationToken)
    {
        var trails = await _client.DescribeTrailsAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<AckAuditTrail>();
        foreach (var t in trails.Where(t => nameFilter is null || nameFilter(t.Name)).OrderBy(t => t.Name, StringComparer.Ordinal))
            result.Add(await EvaluateAsync(t, regionToCover, cancellationToken).ConfigureAwait(false));
        return result;
    }

    /// <summary>One trail by exact name, or null when the account has none of that name.</summary>
    public async Task<AckAuditTrail?> FindAsync(string name, string? regionToCover, CancellationToken cancellationToken)
    {
        var list = await GetTrailsAsync(n => n.Equals(name, StringComparison.Ordinal), regionToCover, cancellationToken).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    /// <summary>
    /// The trail to read usage from: among the trails ready for analysis, the one that has logged longest.
    /// Throws AckNoAuditTrail (with every trail's reasons) when none is ready.
    /// </summary>
    public async Task<AckAuditTrail> SelectEvidenceTrailAsync(string? regionToCover, CancellationToken cancellationToken)
    {
        var trails = await GetTrailsAsync(null, regionToCover, cancellationToken).ConfigureAwait(false);
        var ready = trails.Where(t => t.ReadyForAnalysis).OrderByDescending(t => t.LoggingDays).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        if (ready.Count > 0)
        {
            if (ready.Count > 1) _log.Verbose($"{ready.Count} trails are ready for analysis; using {ready[0].Name}, which has logged longest ({ready[0].LoggingDays:0.#} days).");
            return ready[0];
        }
        var detail = trails.Count == 0 ? "The account has no trail." : string.Join(" ", trails.Select(t => $"{t.Name}: {t.ReasonText}"));
        throw new AckException("AckNoAuditTrail", AckErrorKind.ObjectNotFound, $"No ActionTrail trail is ready to serve as usage evidence. {detail}")
        {
            RecommendedAction = "Create one with New-AckAuditTrail and let it log for at least 7 days, name a trail with -TrailName, or use -Source LookupEvents (90 days of history, no trail needed).",
        };
    }

    /// <summary>CreateTrail (SLS delivery) then StartLogging; returns the trail as read back.</summary>
    public async Task<AckAuditTrail> CreateAndStartAsync(CreateTrailParameters parameters, string? regionToCover, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        try
        {
            await _client.CreateTrailAsync(parameters, cancellationToken).ConfigureAwait(false);
        }
        catch (AlibabaServiceException e) when (e.Code.Contains("Exist", StringComparison.OrdinalIgnoreCase) && !e.Code.Contains("NotExist", StringComparison.OrdinalIgnoreCase))
        {
            throw TrailExists(parameters.Name, e);
        }
        _log.Verbose($"Trail {parameters.Name} created; starting it (new trails do not log until started).");
        await _client.StartLoggingAsync(parameters.Name, cancellationToken).ConfigureAwait(false);
        return await ReadBackAsync(parameters.Name, regionToCover, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>StartLogging on an existing trail; returns the trail as read back.</summary>
    public async Task<AckAuditTrail> StartAsync(string name, string? regionToCover, CancellationToken cancellationToken)
    {
        await _client.StartLoggingAsync(name, cancellationToken).ConfigureAwait(false);
        return await ReadBackAsync(name, regionToCover, cancellationToken).ConfigureAwait(false);
    }

    public static AckException TrailExists(string name, Exception? inner = null) =>
        new("AckAuditTrailExists", AckErrorKind.ResourceExists, $"A trail named '{name}' already exists.", name, inner)
        {
            RecommendedAction = "Use -UseExisting to reuse it (it is started if it does not log), or choose another -Name.",
        };

    private async Task<AckAuditTrail> ReadBackAsync(string name, string? regionToCover, CancellationToken cancellationToken) =>
        await FindAsync(name, regionToCover, cancellationToken).ConfigureAwait(false)
        ?? throw new AckException("AckAuditTrailNotFound", AckErrorKind.ObjectNotFound, $"Trail '{name}' was not found after it was written.", name);

    private async Task<AckAuditTrail> EvaluateAsync(ActionTrailTrail trail, string? regionToCover, CancellationToken cancellationToken)
    {
        ActionTrailStatus? status = null;
        try
        {
            status = await _client.GetTrailStatusAsync(trail.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (AlibabaServiceException e) when (e.StatusCode is { } s && (int)s is 403 or 404)
        {
            // One unreadable status must not hide the other trails; the trail is reported as not known to log.
            _log.Warning($"Cannot read the status of trail {trail.Name}: {e.Code}: {e.ServiceMessage}");
        }
        return _rules.Evaluate(trail, status, regionToCover, _clock.GetUtcNow());
    }
}
