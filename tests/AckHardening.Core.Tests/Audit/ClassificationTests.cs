using AckHardening.Core.Audit;
using AckHardening.Core.Errors;
using static AckHardening.Core.Tests.Audit.AuditSamples;

namespace AckHardening.Core.Tests.Audit;

public class ClassificationTests
{
    [Theory]
    [InlineData("", CallOutcome.Success)]
    [InlineData(null, CallOutcome.Success)]
    [InlineData("NoPermission", CallOutcome.Denied)]
    [InlineData("Forbidden.RAM", CallOutcome.Denied)]
    [InlineData("forbidden", CallOutcome.Denied)]
    [InlineData("NoPermission.Disk", CallOutcome.Denied)]
    [InlineData("NotAuthorized", CallOutcome.Denied)]
    [InlineData("AccessDenied", CallOutcome.Denied)]
    [InlineData("ErrorCheckAcl", CallOutcome.Denied)]
    [InlineData("Throttling.User", CallOutcome.Error)]
    [InlineData("InvalidParameter", CallOutcome.Error)]
    [InlineData("EntityNotExist.Role", CallOutcome.Error)]
    public void Error_codes_are_classified(string? code, CallOutcome expected) => Assert.Equal(expected, DenialClassifier.Classify(code));

    [Fact]
    public void Roles_match_by_case_insensitive_prefix_with_colon_never_by_equality()
    {
        var m = new RolePrincipalMatcher([Role, GpuRole]);
        Assert.Equal(0, m.Match(Role + ":vm-ram-i-bp1abc"));
        Assert.Equal(0, m.Match(Role.ToUpperInvariant() + ":vm-ram-i-bp1abc"));
        Assert.Equal(1, m.Match("ackgpunoderole:vm-ram-i-x"));
        Assert.Equal(-1, m.Match(Role));                       // equality is not a match: no session
        Assert.Equal(-1, m.Match(Role + ":"));                  // nothing after the colon
        Assert.Equal(-1, m.Match(Role + "x:vm-ram-i-1"));       // a longer role name
        Assert.Equal(-1, m.Match("AckGpuNodeRole2:vm-ram-i-1"));
        Assert.Equal(-1, m.Match("prefix-" + Role + ":s"));
        Assert.Equal(-1, m.Match((string?)null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("quote'")]
    [InlineData("under_score")]
    public void Invalid_role_names_are_refused(string name)
    {
        var e = Assert.Throws<AckException>(() => new RolePrincipalMatcher([name]));
        Assert.Equal("AckInvalidRoleName", e.ErrorId);
    }

    [Theory]
    [InlineData("Ecs", "ecs")]
    [InlineData("Sls", "log")]
    [InlineData("SLS", "log")]
    [InlineData("Log", "log")]
    [InlineData("Cr", "cr")]
    [InlineData("CS", "cs")]
    [InlineData("Cms", "cms")]
    [InlineData("Actiontrail", "actiontrail")]
    [InlineData("Vpc", "vpc")]
    public void Service_names_map_to_ram_codes(string service, string code) => Assert.Equal(code, RamCodeMap.Default.GetRamCode(service));

    [Fact]
    public void Users_extend_the_map_from_json_or_csv()
    {
        var dir = Directory.CreateTempSubdirectory("ackmap");
        try
        {
            var json = Path.Combine(dir.FullName, "map.json");
            File.WriteAllText(json, """[{"ServiceName":"Ess","RamCode":"ess-x"},{"serviceName":"Sls","ramCode":"sls"}]""");
            var fromJson = RamCodeMap.Default.WithFile(json);
            Assert.Equal("ess-x", fromJson.GetRamCode("ESS"));
            Assert.Equal("sls", fromJson.GetRamCode("Sls"));          // user entries win over the built-in table
            Assert.Equal("log", RamCodeMap.Default.GetRamCode("Sls")); // the default map is unchanged
            Assert.Equal("ess-x:DescribeScalingGroups", fromJson.GetAction("Ess", "DescribeScalingGroups"));

            var obj = Path.Combine(dir.FullName, "map2.json");
            File.WriteAllText(obj, """{"Pvtz":"pvtz2"}""");
            Assert.Equal("pvtz2", RamCodeMap.Default.WithFile(obj).GetRamCode("pvtz"));

            var csv = Path.Combine(dir.FullName, "map.csv");
            File.WriteAllText(csv, "ServiceName,RamCode\r\n# comment\r\nArms,arms\r\n\"Nlb\",\"nlb-x\"\r\n");
            var fromCsv = RamCodeMap.Default.WithFile(csv);
            Assert.Equal("nlb-x", fromCsv.GetRamCode("nlb"));

            File.WriteAllText(csv, "Service,Code\nA,b\n");
            Assert.Equal("AckInvalidServiceMap", Assert.Throws<AckException>(() => RamCodeMap.Default.WithFile(csv)).ErrorId);
            File.WriteAllText(csv, "ServiceName,RamCode\nA,Not Valid\n");
            Assert.Equal("AckInvalidServiceMap", Assert.Throws<AckException>(() => RamCodeMap.Default.WithFile(csv)).ErrorId);
            File.WriteAllText(json, "{ broken");
            Assert.Equal("AckInvalidServiceMap", Assert.Throws<AckException>(() => RamCodeMap.Default.WithFile(json)).ErrorId);
            Assert.Equal("AckServiceMapUnreadable", Assert.Throws<AckException>(() => RamCodeMap.Default.WithFile(Path.Combine(dir.FullName, "none"))).ErrorId);
        }
        finally { dir.Delete(true); }
    }
}
