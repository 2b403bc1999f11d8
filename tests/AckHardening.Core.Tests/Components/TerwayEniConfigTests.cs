using System.Text.Json;
using AckHardening.Core.Kubernetes;

namespace AckHardening.Core.Tests.Components;

public class TerwayEniConfigTests
{
    private const string Token = "/var/addon/token-config";

    // The ACK documentation's example: already compliant.
    private const string DocSample = """
        {
          "version": "1",
          "max_pool_size": 5,
          "min_pool_size": 0,
          "credential_path": "/var/addon/token-config",
          "enable_eni_trunking": true,
          "vswitches": {"cn-hangzhou-j":["vsw-foo"],"cn-hangzhou-k":["vsw-foo"]},
          "eni_tags": {"ack.aliyun.com":"c7c3cfoo"},
          "service_cidr": "192.168.0.0/16",
          "security_group": "sg-foo",
          "ip_stack": "ipv4",
          "vswitch_selection_policy": "ordered"
        }

        """;

    // ENIIP mode as an older chart wrote it: empty access_key/access_secret, security_groups list, no credential_path.
    private const string EniipSpaces = """
        {
          "version": "1",
          "access_key": "",
          "access_secret": "",
          "max_pool_size": 5,
          "min_pool_size": 0,
          "vswitches": {
            "cn-hangzhou-i": ["vsw-bp1a2b3c4d5e6f7g8h9i0j"],
            "cn-hangzhou-k": ["vsw-bp1k2l3m4n5o6p7q8r9s0t", "vsw-bp1u2v3w4x5y6z7a8b9c0d"]
          },
          "eni_tags": {"ack.aliyun.com": "c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7"},
          "service_cidr": "172.16.0.0/16",
          "security_groups": ["sg-bp1abc", "sg-bp1def"],
          "ip_stack": "ipv4",
          "vswitch_selection_policy": "random",
          "ipam_type": "crd",
          "max_eni": 1.5E1,
          "ip_warm_up_size": 0.0
        }

        """;

    private static readonly string TabsCrlf =
        "{\r\n\t\"version\":\"1\",\r\n\t\"max_pool_size\":\t25,\r\n\t\"min_pool_size\":\t10,\r\n" +
        "\t\"vswitches\":{\r\n\t\t\"cn-shanghai-b\":[\"vsw-uf6xyz\"]\r\n\t},\r\n\t\"security_group\":\"sg-uf6abc\",\r\n" +
        "\t\"eni_tags\":{\"note\":\"braces } and \\\"quotes\\\" inside\"}\r\n}\r\n";

    private const string Compact = """{"version":"1","min_pool_size":2,"max_pool_size":10,"security_group":"sg-1"}""";

    private const string MinPoolLast = """
        {
            "version": "1",
            "max_pool_size": 5,
            "min_pool_size": 0
        }
        """;

    private const string NoMinPool = """
        {
            "version" : "1",
            "max_pool_size" : 5,
            "security_group" : "sg-foo"
        }
        """;

    private const string WrongPath = """
        {
          "version": "1",
          "min_pool_size": 0,
          "credential_path": "/etc/old/credentials",
          "security_group": "sg-foo"
        }
        """;

    public static TheoryData<string, TerwayRepairAction> Samples => new()
    {
        { DocSample, TerwayRepairAction.None },
        { EniipSpaces, TerwayRepairAction.InsertedAfterMinPoolSize },
        { TabsCrlf, TerwayRepairAction.InsertedAfterMinPoolSize },
        { Compact, TerwayRepairAction.InsertedAfterMinPoolSize },
        { MinPoolLast, TerwayRepairAction.InsertedAfterMinPoolSize },
        { NoMinPool, TerwayRepairAction.InsertedAtStart },
        { WrongPath, TerwayRepairAction.ReplacedValue },
        { "{}", TerwayRepairAction.InsertedAtStart },
        { """{"min_pool_size":0}""", TerwayRepairAction.InsertedAfterMinPoolSize },
        { """{"credential_path":""}""", TerwayRepairAction.ReplacedValue },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Repair_is_one_edit_that_changes_nothing_else(string before, TerwayRepairAction action)
    {
        var repair = TerwayEniConfig.Repair(before);
        Assert.Equal(action, repair.Action);
        var after = repair.Text;

        // Byte-identical outside the single edit.
        Assert.Equal(before[..repair.Position], after[..repair.Position]);
        Assert.Equal(before[(repair.Position + repair.RemovedLength)..], after[(repair.Position + repair.InsertedText.Length)..]);
        Assert.Equal(after, string.Concat(before.AsSpan(0, repair.Position), repair.InsertedText, before.AsSpan(repair.Position + repair.RemovedLength)));

        // Every other member parses to the same raw JSON, in the same order.
        using var b = JsonDocument.Parse(before);
        using var a = JsonDocument.Parse(after);
        var beforeMembers = b.RootElement.EnumerateObject().Where(p => p.Name != "credential_path").Select(p => (p.Name, p.Value.GetRawText())).ToList();
        var afterMembers = a.RootElement.EnumerateObject().Where(p => p.Name != "credential_path").Select(p => (p.Name, p.Value.GetRawText())).ToList();
        Assert.Equal(beforeMembers, afterMembers);
        Assert.Equal(Token, a.RootElement.GetProperty("credential_path").GetString());
        Assert.Single(a.RootElement.EnumerateObject(), p => p.Name == "credential_path");

        var inspection = TerwayEniConfig.Inspect(after);
        Assert.True(inspection.CredentialPathIsToken);
        Assert.True(inspection.Compliant);

        // Idempotent.
        var again = TerwayEniConfig.Repair(after);
        Assert.False(again.Changed);
        Assert.Equal(after, again.Text);
    }

    [Fact]
    public void Inserted_line_follows_min_pool_size_with_its_indentation()
    {
        var after = TerwayEniConfig.Repair(EniipSpaces).Text;
        var lines = after.Split('\n');
        var min = Array.FindIndex(lines, l => l.Contains("\"min_pool_size\""));
        Assert.Equal("  \"credential_path\": \"/var/addon/token-config\",", lines[min + 1]);
        Assert.Contains("\"vswitches\"", lines[min + 2]);
    }

    [Fact]
    public void Tabs_and_crlf_are_kept()
    {
        var repair = TerwayEniConfig.Repair(TabsCrlf);
        // The separator after the colon is copied from min_pool_size (a tab here).
        Assert.Equal("\r\n\t\"credential_path\":\t\"/var/addon/token-config\",", repair.InsertedText);
        Assert.Contains("\"min_pool_size\":\t10,\r\n\t\"credential_path\":\t\"/var/addon/token-config\",\r\n\t\"vswitches\"", repair.Text);
        Assert.DoesNotContain("\n", repair.Text.Replace("\r\n", ""));
    }

    [Fact]
    public void Compact_and_last_member_layouts()
    {
        Assert.Equal("""{"version":"1","min_pool_size":2,"credential_path":"/var/addon/token-config","max_pool_size":10,"security_group":"sg-1"}""",
            TerwayEniConfig.Repair(Compact).Text);

        Assert.Equal("""
            {
                "version": "1",
                "max_pool_size": 5,
                "min_pool_size": 0,
                "credential_path": "/var/addon/token-config"
            }
            """, TerwayEniConfig.Repair(MinPoolLast).Text);

        Assert.Equal("""
            {
                "credential_path" : "/var/addon/token-config",
                "version" : "1",
                "max_pool_size" : 5,
                "security_group" : "sg-foo"
            }
            """, TerwayEniConfig.Repair(NoMinPool).Text);
    }

    [Fact]
    public void Wrong_value_is_replaced_in_place()
    {
        var repair = TerwayEniConfig.Repair(WrongPath);
        Assert.Equal("\"/etc/old/credentials\"".Length, repair.RemovedLength);
        Assert.Equal(WrongPath.Replace("/etc/old/credentials", Token), repair.Text);
    }

    [Fact]
    public void Access_keys_are_reported_as_present_never_by_value()
    {
        const string secret = "sbx-Secret-7f3a9c2e5b8d1f4a6c0e";
        var withKeys = $$"""{"access_key":"LTAI5tSbxAdminKey0000001","access_secret":"{{secret}}","min_pool_size":0,"credential_path":"{{Token}}"}""";
        var inspection = TerwayEniConfig.Inspect(withKeys);
        Assert.True(inspection.AccessKeyPresent);
        Assert.True(inspection.AccessSecretPresent);
        Assert.True(inspection.AccessKeyOverride);
        Assert.False(inspection.Compliant);
        Assert.DoesNotContain(secret, inspection.ToString());
        Assert.DoesNotContain("LTAI5t", inspection.ToString());

        var status = TerwayEniConfig.Evaluate("c1", "terway-eniip", new Dictionary<string, string> { ["eni_conf"] = withKeys });
        Assert.True(status.AccessKeyOverride);
        Assert.False(status.Compliant);
        Assert.Contains("access_key", status.Message);
        Assert.DoesNotContain(secret, status.Message);
        Assert.DoesNotContain(secret, status.ToString());

        var empty = TerwayEniConfig.Inspect(EniipSpaces);
        Assert.False(empty.AccessKeyOverride);
    }

    [Fact]
    public void Parse_errors_never_quote_the_document()
    {
        const string broken = """{"access_secret":"topsecret", "min_pool_size": }""";
        var inspection = TerwayEniConfig.Inspect(broken);
        Assert.False(inspection.IsValidJson);
        Assert.DoesNotContain("topsecret", inspection.ParseError);
        var ex = Assert.Throws<FormatException>(() => TerwayEniConfig.Repair(broken));
        Assert.DoesNotContain("topsecret", ex.Message);
        Assert.False(TerwayEniConfig.Inspect("[1,2]").IsValidJson);
    }

    [Fact]
    public void Keys_match_like_the_go_decoder()
    {
        // Case-insensitive, last duplicate wins.
        var inspection = TerwayEniConfig.Inspect("""{"credential_path":"/var/addon/token-config","Credential_Path":"/other"}""");
        Assert.Equal("/other", inspection.CredentialPath);
        var repair = TerwayEniConfig.Repair("""{"credential_path":"/var/addon/token-config","Credential_Path":"/other"}""");
        Assert.Equal(TerwayRepairAction.ReplacedValue, repair.Action);
        Assert.Equal("""{"credential_path":"/var/addon/token-config","Credential_Path":"/var/addon/token-config"}""", repair.Text);
    }

    [Theory]
    [InlineData(null, false, "does not exist")]
    [InlineData("", false, "no eni_conf")]
    [InlineData(DocSample, true, "uses the token")]
    [InlineData(EniipSpaces, false, "credential_path is missing")]
    [InlineData(WrongPath, false, "'/etc/old/credentials' instead of")]
    [InlineData("{not json", false, "not valid JSON")]
    public void Status_for_a_cluster(string? eniConf, bool compliant, string message)
    {
        var data = eniConf is null ? null : new Dictionary<string, string> { ["eni_conf"] = eniConf, ["disable_network_policy"] = "false" };
        var status = TerwayEniConfig.Evaluate("c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7", "terway-eniip", data);
        Assert.Equal(compliant, status.Compliant);
        Assert.Contains(message, status.Message);
        Assert.Equal("kube-system/eni-config", status.ConfigMap);
        Assert.Equal("terway-eniip", status.Mode);
        Assert.Equal("kube-system/daemonset/terway-eniip", status.Workload);
        if (!compliant && eniConf is not null && eniConf.Length > 0)
            Assert.Contains("redeploy kube-system/daemonset/terway-eniip", status.Message);
    }

    [Fact]
    public void Status_reports_the_path()
    {
        var status = TerwayEniConfig.Evaluate(null, null, new Dictionary<string, string> { ["eni_conf"] = DocSample });
        Assert.True(status.HasCredentialPath);
        Assert.Equal(Token, status.CredentialPath);
        Assert.Null(status.Workload);
    }
}
