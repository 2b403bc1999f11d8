using AckHardening.Core.Credentials;
using AckHardening.Core.Errors;
using AckHardening.Core.Http;
using AckHardening.Core.Policies;
using AckHardening.Core.Policy;
using AckHardening.Core.Services.Ram;
using AckHardening.Core.Tests.Sandbox;
using AckHardening.Core.Tests.Step1;
using AckHardening.Policy;

namespace AckHardening.Core.Tests.PolicyApply;

/// <summary>The apply, backup and restore services through the real transport against the in-process sandbox.</summary>
public class PolicyChangeServiceTests(SandboxFixture sbx) : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private static readonly PolicyDocument Small = PolicyDocument.Parse("""{"Version":"1","Statement":[{"Effect":"Allow","Action":["ecs:DescribeInstances","log:GetProject"],"Resource":"*"}]}""");
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ack-apply-" + Guid.NewGuid().ToString("N"));
    private PolicyStateReader _reader = null!;
    private RamWriteClient _writer = null!;
    private PolicyApplyService _apply = null!;
    private PolicyRestoreService _restore = null!;

    public async Task InitializeAsync()
    {
        await sbx.Reset();
        await sbx.ClearFaults();
        var session = new AckSession(new StaticCredentialProvider(SandboxFixture.Admin, "sbx-Secret-7f3a9c2e5b8d1f4a6c0e"), "cn-hangzhou",
            new Dictionary<string, Uri> { ["Ram"] = sbx.Base("Ram") });
        var transport = new AlibabaTransport(session, NullAckLogForTests.Instance, new TransportOptions { BaseDelay = TimeSpan.FromMilliseconds(5) });
        _reader = new PolicyStateReader(new RamClient(transport));
        _writer = new RamWriteClient(transport);
        _apply = new PolicyApplyService(_reader, _writer, new PolicyBackupService(_reader));
        _restore = new PolicyRestoreService(_reader, _writer);
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    private PolicyApplyRequest Request(PolicyDocument doc, string? dir = null) => new()
    {
        PolicyName = SandboxFixture.ProdWorkerPolicy, RoleName = SandboxFixture.ProdWorkerRole, ClusterId = SandboxFixture.ProdCluster,
        Document = doc, BackupDirectory = dir ?? _dir,
    };

    private async Task<AckPolicyChangeResult> Apply(PolicyDocument doc) =>
        await _apply.ApplyAsync(await _apply.PrepareAsync(Request(doc), default), default);

    [Fact]
    public async Task Apply_backs_up_then_creates_one_default_version_and_a_rerun_changes_nothing()
    {
        var first = await Apply(Small);
        Assert.True(first.Changed);
        Assert.Equal(("v2", "v3"), (first.PreviousDefaultVersion, first.DefaultVersion));
        var backup = PolicyBackupStore.Read(first.BackupPath!);
        Assert.Equal(new[] { "v1", "v2" }, backup.Versions.Select(v => v.VersionId));
        Assert.True(PolicyCanonicalJson.AreEquivalent(Small, backup.PlannedDocument!));

        var second = await Apply(Small);
        Assert.False(second.Changed);
        Assert.Null(second.BackupPath);
        var state = await _reader.ReadAsync(SandboxFixture.ProdWorkerPolicy, null, SandboxFixture.ProdWorkerRole, default);
        Assert.Equal(new[] { "v1", "v2", "v3" }, state.Versions.Select(v => v.VersionId));
    }

    [Fact]
    public async Task A_lost_answer_to_CreatePolicyVersion_is_resolved_by_re_reading_not_by_resending()
    {
        await sbx.AddFault(new { service = "Ram", action = "CreatePolicyVersion", kind = "reset-after", count = 1 });
        await sbx.ClearRequests();
        var result = await Apply(Small);
        Assert.True(result.Changed);
        Assert.Equal("v3", result.DefaultVersion);
        var creates = (await sbx.Requests()).Count(e => (string?)e!["action"] == "CreatePolicyVersion");
        Assert.Equal(1, creates);
        Assert.Contains(result.Warnings, w => w.Contains("re-planned", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_change_made_while_the_user_was_confirming_is_never_overwritten()
    {
        var prepared = await _apply.PrepareAsync(Request(Small), default);
        // Someone else sets a new default between the read and the confirmation.
        var foreign = PolicyDocument.Parse("""{"Version":"1","Statement":[{"Effect":"Allow","Action":["ecs:DescribeDisks"],"Resource":"*"}]}""");
        var theirs = await _writer.CreatePolicyVersionAsync(SandboxFixture.ProdWorkerPolicy, foreign.ToJson(), setAsDefault: true, default);

        var e = await Assert.ThrowsAsync<AckException>(() => _apply.ApplyAsync(prepared, default));
        Assert.Equal(PolicyChangeErrorIds.ChangedSinceRecommendation, e.ErrorId);
        var now = await _reader.ReadAsync(SandboxFixture.ProdWorkerPolicy, null, SandboxFixture.ProdWorkerRole, default);
        Assert.Equal(theirs.VersionId, now.Default!.VersionId);
        Assert.False(Directory.Exists(_dir) && Directory.EnumerateFiles(_dir).Any(), "no backup is written for a change that did not happen");
    }

    [Fact]
    public async Task A_backup_that_cannot_be_written_stops_the_change_before_any_write()
    {
        var blocker = Path.GetTempFileName();
        try
        {
            var prepared = await _apply.PrepareAsync(Request(Small, Path.Combine(blocker, "sub")), default);
            await sbx.ClearRequests();
            var e = await Assert.ThrowsAsync<AckException>(() => _apply.ApplyAsync(prepared, default));
            Assert.Equal(PolicyErrorIds.BackupWriteFailed, e.ErrorId);
            Assert.DoesNotContain(await sbx.Requests(), x => (bool)x!["isWrite"]!);
        }
        finally { File.Delete(blocker); }
    }

    [Fact]
    public async Task Invalid_documents_and_system_policies_are_refused_before_any_call()
    {
        var tooBig = PolicyDocument.Parse("""{"Version":"1","Statement":[{"Effect":"Allow","Action":[""" +
            string.Join(",", Enumerable.Range(0, 400).Select(i => $"\"ecs:DescribeThing{i:d5}\"")) + """],"Resource":"*"}]}""");
        await sbx.ClearRequests();
        var e = await Assert.ThrowsAsync<AckException>(() => _apply.PrepareAsync(Request(tooBig), default));
        Assert.Equal(PolicyErrorIds.Invalid, e.ErrorId);
        Assert.Empty(await sbx.Requests());
        Assert.Equal(PolicyErrorIds.Invalid, Assert.Throws<AckException>(() => PolicyApplyService.ParseDocument("{not json", "p")).ErrorId);

        var sys = await Assert.ThrowsAsync<AckException>(() => _apply.PrepareAsync(new PolicyApplyRequest
        { PolicyName = "AliyunECSReadOnlyAccess", RoleName = "AckLegacyNodeRole", Document = Small, BackupDirectory = _dir }, default));
        Assert.Equal(PolicyErrorIds.NotCustom, sys.ErrorId);
        var missing = await Assert.ThrowsAsync<AckException>(() => _apply.PrepareAsync(new PolicyApplyRequest { PolicyName = "NoSuchPolicy", Document = Small, BackupDirectory = _dir }, default));
        Assert.Equal("AckPolicyNotFound", missing.ErrorId);
    }

    [Fact]
    public async Task A_shared_policy_is_reported_with_the_other_roles()
    {
        var prepared = await _apply.PrepareAsync(new PolicyApplyRequest
        { PolicyName = "AckSharedNodePolicy", RoleName = "AckSharedNodeRoleA", Document = Small, BackupDirectory = _dir }, default);
        Assert.Equal("AckSharedNodeRoleB", Assert.Single(prepared.OtherHolders).Name);
        Assert.Contains(prepared.Warnings, w => w.Contains("AckSharedNodeRoleB", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restore_switches_back_and_is_a_no_op_the_second_time()
    {
        var applied = await Apply(Small);
        var first = await _restore.RestoreAsync(await _restore.PrepareAsync(new PolicyRestoreRequest { BackupFile = applied.BackupPath! }, default), default);
        Assert.Equal("v2", first.DefaultVersion);
        Assert.Equal(PolicyOperation.SetDefaultPolicyVersion, Assert.Single(first.Steps).Operation);
        var second = await _restore.PrepareAsync(new PolicyRestoreRequest { BackupFile = applied.BackupPath! }, default);
        Assert.True(second.Plan.IsNoOp);
    }

    [Fact]
    public async Task Restore_refuses_a_foreign_change_unless_forced()
    {
        var applied = await Apply(Small);
        await Apply(PolicyDocument.Parse("""{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"*"}]}"""));
        var e = await Assert.ThrowsAsync<AckException>(() => _restore.PrepareAsync(new PolicyRestoreRequest { BackupFile = applied.BackupPath! }, default));
        Assert.Equal(PolicyErrorIds.Drift, e.ErrorId);
        var forced = await _restore.RestoreAsync(await _restore.PrepareAsync(new PolicyRestoreRequest { BackupFile = applied.BackupPath!, Force = true }, default), default);
        Assert.Equal("v2", forced.DefaultVersion);
    }

    [Fact]
    public async Task The_write_client_marks_CreatePolicyVersion_not_idempotent_and_puts_every_parameter_in_the_query()
    {
        var fake = new FakeTransport().On(ServiceDescriptor.Ram, "CreatePolicyVersion",
            """{"RequestId":"r","PolicyVersion":{"VersionId":"v3","IsDefaultVersion":true,"CreateDate":"2026-01-01T00:00:00Z","PolicyDocument":"{}"}}""");
        var v = await new RamWriteClient(fake).CreatePolicyVersionAsync("p", Small.ToJson(), setAsDefault: true, default);
        Assert.Equal("v3", v.VersionId);
        var request = Assert.Single(fake.Requests);
        Assert.False(request.Idempotent);
        Assert.Null(request.Body);
        Assert.Equal("None", request.Query["RotateStrategy"]);
        Assert.Equal("true", request.Query["SetAsDefault"]);
        Assert.Equal(Small.ToJson(), request.Query["PolicyDocument"]);
        Assert.Contains("PolicyDocument", request.ElidedParameters);
    }
}

internal sealed class NullAckLogForTests : Diagnostics.IAckLog
{
    public static readonly NullAckLogForTests Instance = new();
    public void Verbose(string message) { }
    public void Debug(string message) { }
    public void Warning(string message) { }
    public void Information(string message) { }
    public void Progress(Diagnostics.AckProgress progress) { }
}
