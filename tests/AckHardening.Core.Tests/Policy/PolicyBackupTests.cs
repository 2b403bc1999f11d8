using System.Text.Json.Nodes;
using AckHardening.Core.Errors;
using AckHardening.Core.Policy;
using static AckHardening.Core.Tests.Policy.PolicyTestData;

namespace AckHardening.Core.Tests.Policy;

public sealed class PolicyBackupTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ackpolicy-");

    public void Dispose() => _dir.Delete(recursive: true);

    internal static PolicyBackup Sample(DateTimeOffset? at = null, params string[] defaultAndOthers) => new()
    {
        PolicyName = "k8sWorkerRolePolicy-4a9e2f1c",
        PolicyType = "Custom",
        RoleName = "KubernetesWorkerRole-4a9e2f1c",
        ClusterId = "c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7",
        CreatedAt = at ?? new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(8)),
        ModuleVersion = "0.1.0",
        Versions = new[]
        {
            new PolicyVersionSnapshot { VersionId = "v1", IsDefault = false, CreateDate = T0, DocumentText = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ecs:*\",\"Resource\":\"*\"}]}" },
            new PolicyVersionSnapshot { VersionId = "v2", IsDefault = true, CreateDate = T0.AddDays(1), DocumentText = "{ \"Statement\": [{ \"Action\": [\"oss:*\", \"é:x\"], \"Effect\": \"Allow\", \"Resource\": [\"acs:oss:*:*:*\"]}], \"Version\": \"1\"}" },
        },
    };

    [Fact]
    public void Round_trip_keeps_everything_and_names_the_file()
    {
        var info = new PolicyBackupStore().Write(Sample(), _dir.FullName);
        Assert.Equal(Path.Combine(_dir.FullName, "k8sWorkerRolePolicy-4a9e2f1c-20250303T210607Z.json"), info.Path);
        Assert.Equal((2, "v2", "KubernetesWorkerRole-4a9e2f1c", "c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7"), (info.VersionCount, info.DefaultVersion, info.RoleName, info.ClusterId));
        Assert.Matches("^[0-9a-f]{64}$", info.Sha256);
        Assert.Equal(new[] { "v1", "v2" }, info.VersionIds);

        var back = PolicyBackupStore.Read(info.Path);
        Assert.Equal(info.Sha256, back.Sha256);
        Assert.Equal(new DateTimeOffset(2025, 3, 3, 21, 6, 7, TimeSpan.Zero), back.CreatedAt);
        Assert.Equal(Sample().Versions.Select(v => (v.VersionId, v.IsDefault, v.CreateDate, v.DocumentText)), back.Versions.Select(v => (v.VersionId, v.IsDefault, v.CreateDate, v.DocumentText)));
        Assert.Equal("0.1.0", back.ModuleVersion);
        Assert.True(back.AttachedToRole);
        Assert.Null(back.PlannedDocument);

        // The document is stored parsed as well as verbatim.
        var file = JsonNode.Parse(File.ReadAllText(info.Path))!;
        Assert.Equal("oss:*", file["Content"]!["Versions"]![1]!["Document"]!["Statement"]![0]!["Action"]![0]!.GetValue<string>());
        Assert.Single(_dir.GetFiles());
    }

    [Fact]
    public void Planned_document_is_kept_and_reindenting_does_not_break_the_hash()
    {
        var planned = Doc("{'Version':'1','Statement':[{'Effect':'Allow','Action':'oss:GetObject','Resource':'*'}]}");
        var b = Sample();
        var withPlan = new PolicyBackup { PolicyName = b.PolicyName, RoleName = b.RoleName, CreatedAt = b.CreatedAt, Versions = b.Versions, PlannedDocument = planned };
        var info = new PolicyBackupStore().Write(withPlan, _dir.FullName);
        File.WriteAllText(info.Path, JsonNode.Parse(File.ReadAllText(info.Path))!.ToJsonString());   // minified now
        var back = PolicyBackupStore.Read(info.Path);
        Assert.Equal(planned.ToJson(), back.PlannedDocument!.ToJson());
    }

    [Theory]
    [InlineData("oss:*", "oss:GetObject")]
    [InlineData("\"IsDefault\": true", "\"IsDefault\": false")]
    [InlineData("\"v1\"", "\"v9\"")]
    [InlineData("KubernetesWorkerRole-4a9e2f1c", "KubernetesWorkerRole-other")]
    public void Tampered_content_is_detected(string from, string to)
    {
        var info = new PolicyBackupStore().Write(Sample(), _dir.FullName);
        var text = File.ReadAllText(info.Path);
        Assert.Contains(from, text);
        File.WriteAllText(info.Path, text.Replace(from, to));
        var e = Assert.Throws<AckException>(() => PolicyBackupStore.Read(info.Path));
        Assert.Equal("AckPolicyBackupInvalid", e.ErrorId);
        Assert.Contains("modified after it was written", e.Message);
    }

    [Fact]
    public void Tampered_hash_is_detected()
    {
        var info = new PolicyBackupStore().Write(Sample(), _dir.FullName);
        File.WriteAllText(info.Path, File.ReadAllText(info.Path).Replace(info.Sha256, new string('0', 64)));
        Assert.Contains("modified", Assert.Throws<AckException>(() => PolicyBackupStore.Read(info.Path)).Message);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{\"Format\":\"Other\"}", "not a policy backup")]
    [InlineData("{\"Format\":\"AckHardening.PolicyBackup\",\"FormatVersion\":2}", "incompatible")]
    [InlineData("{\"Format\":\"AckHardening.PolicyBackup\",\"FormatVersion\":1}", "Content is missing")]
    [InlineData("{\"Format\":\"AckHardening.PolicyBackup\",\"FormatVersion\":1,\"Content\":{}}", "Sha256 is missing")]
    public void Malformed_files_get_clear_errors(string text, string expected)
    {
        var path = Path.Combine(_dir.FullName, "x.json");
        File.WriteAllText(path, text);
        var e = Assert.Throws<AckException>(() => PolicyBackupStore.Read(path));
        Assert.Equal(("AckPolicyBackupInvalid", AckErrorKind.InvalidData), (e.ErrorId, e.Kind));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("Document")]
    [InlineData("Shape")]
    [InlineData("DefaultVersion")]
    public void Consistent_hash_with_inconsistent_content_is_refused(string breakWhat)
    {
        var info = new PolicyBackupStore().Write(Sample(), _dir.FullName);
        var root = JsonNode.Parse(File.ReadAllText(info.Path))!.AsObject();
        var content = root["Content"]!.AsObject();
        switch (breakWhat)
        {
            case "Document": content["Versions"]![0]!["Document"] = JsonNode.Parse("{\"Version\":\"1\",\"Statement\":[]}"); break;
            case "Shape": content["Versions"]![0]!["IsDefault"] = true; break;
            case "DefaultVersion": content["DefaultVersion"] = "v1"; break;
        }
        root["Sha256"] = PolicyBackupFormat.Hash(content);   // a careful forger recomputes the hash
        File.WriteAllText(info.Path, root.ToJsonString());
        var e = Assert.Throws<AckException>(() => PolicyBackupStore.Read(info.Path));
        Assert.Equal("AckPolicyBackupInvalid", e.ErrorId);
        Assert.Contains(breakWhat switch { "Document" => "disagree", "Shape" => "2 versions as default", _ => "DefaultVersion" }, e.Message);
    }

    [Fact]
    public void Missing_file_is_not_found() =>
        Assert.Equal("AckPolicyBackupNotFound", Assert.Throws<AckException>(() => PolicyBackupStore.Read(Path.Combine(_dir.FullName, "none.json"))).ErrorId);

    [Fact]
    public void Name_collision_gets_a_suffix_and_never_overwrites()
    {
        var store = new PolicyBackupStore();
        var first = store.Write(Sample(), _dir.FullName);
        var firstText = File.ReadAllText(first.Path);
        var second = store.Write(Sample(), _dir.FullName);
        var third = store.Write(Sample(), _dir.FullName);
        Assert.EndsWith("-20250303T210607Z-1.json", second.Path);
        Assert.EndsWith("-20250303T210607Z-2.json", third.Path);
        Assert.Equal(firstText, File.ReadAllText(first.Path));
        Assert.Equal(3, _dir.GetFiles().Length);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_failing_write_leaves_no_file_behind(bool ioError)
    {
        var store = new PolicyBackupStore(inner => new FailingStream(inner, failAfter: 100, ioError));
        if (ioError)
        {
            var e = Assert.Throws<AckException>(() => store.Write(Sample(), _dir.FullName));
            Assert.Equal(("AckPolicyBackupWriteFailed", AckErrorKind.WriteError), (e.ErrorId, e.Kind));
        }
        else Assert.Throws<InvalidOperationException>(() => store.Write(Sample(), _dir.FullName));
        Assert.Empty(_dir.GetFiles("*", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_failing_write_does_not_touch_an_existing_backup()
    {
        var good = new PolicyBackupStore().Write(Sample(), _dir.FullName);
        var before = File.ReadAllBytes(good.Path);
        Assert.Throws<AckException>(() => new PolicyBackupStore(inner => new FailingStream(inner, 10, true)).Write(Sample(), _dir.FullName));
        Assert.Equal(before, File.ReadAllBytes(good.Path));
        Assert.Single(_dir.GetFiles());
    }

    [Theory]
    [InlineData("bad/name")]
    [InlineData("..")]
    public void Unsafe_policy_names_are_refused(string name)
    {
        var b = Sample();
        var bad = new PolicyBackup { PolicyName = name, CreatedAt = b.CreatedAt, Versions = b.Versions };
        Assert.Equal("AckPolicyBackupInvalid", Assert.Throws<AckException>(() => new PolicyBackupStore().Write(bad, _dir.FullName)).ErrorId);
        Assert.Empty(_dir.GetFiles("*", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_backup_without_exactly_one_default_is_refused_before_writing()
    {
        var b = Sample();
        var noDefault = new PolicyBackup { PolicyName = b.PolicyName, CreatedAt = b.CreatedAt, Versions = b.Versions.Select(v => new PolicyVersionSnapshot { VersionId = v.VersionId, DocumentText = v.DocumentText }).ToList() };
        Assert.Contains("exactly one", Assert.Throws<AckException>(() => new PolicyBackupStore().Write(noDefault, _dir.FullName)).Message);
        Assert.Empty(_dir.GetFiles());
    }

    [Fact]
    public void FromState_captures_the_live_policy()
    {
        var state = new PolicyState { PolicyName = "p", RoleName = "r", IsAttached = false, Versions = Sample().Versions };
        var b = PolicyBackup.FromState(state, new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.FromHours(8)), "c1", "0.1.0");
        Assert.Equal(("p", "r", false, "v2", TimeSpan.Zero), (b.PolicyName, b.RoleName, b.AttachedToRole, b.DefaultVersion, b.CreatedAt.Offset));
    }

    /// <summary>Writes through to the real file, then fails part-way, like a full disk or a killed process.</summary>
    private sealed class FailingStream(Stream inner, int failAfter, bool ioError) : Stream
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, Math.Min(count, failAfter));
            inner.Flush();
            throw ioError ? new IOException("No space left on device") : new InvalidOperationException("boom");
        }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
