using AckHardening.Policy;
using static AckHardening.Core.Tests.Policy.PolicyTestData;

namespace AckHardening.Core.Tests.Policy;

public class PolicyDocumentTests
{
    [Theory]
    [InlineData("{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ecs:DescribeInstances\",\"Resource\":\"*\"}]}")]
    [InlineData("{\"Statement\":{\"Resource\":[\"*\"],\"Action\":[\"log:GetProject\"],\"Effect\":\"Allow\"},\"Version\":\"1\"}")]
    [InlineData("{\"Version\":\"1\",\"Statement\":[{\"Sid\":\"Keep\",\"Effect\":\"Deny\",\"NotAction\":[\"ram:*\"],\"NotResource\":\"acs:ram:*:*:role/x\",\"Condition\":{\"IpAddress\":{\"acs:SourceIp\":[\"10.0.0.0/8\"]}},\"X-Custom\":{\"a\":[1,2]}}],\"Extra\":true}")]
    [InlineData("{\"Version\":1,\"Statement\":[]}")]
    public void Round_trips_exactly_including_key_order_and_shapes(string json)
    {
        var doc = PolicyDocument.Parse(json);
        Assert.Equal(json, doc.ToJson());
        Assert.Equal(json, doc.Clone().ToJson());
    }

    [Fact]
    public void Keeps_string_or_array_shape_per_element_and_statement_object()
    {
        var doc = Doc("{'Version':'1','Statement':{'Effect':'Allow','Action':'ecs:A','Resource':['*']}}");
        Assert.True(doc.StatementWasObject);
        Assert.True(doc.Statements[0].ActionWasString);
        Assert.False(doc.Statements[0].ResourceWasString);
    }

    [Fact]
    public void New_fields_follow_the_source_order()
    {
        var doc = Doc("{'Statement':[{'Resource':'*','Effect':'Allow','Action':'a:b'}],'Version':'1'}");
        doc.Statements[0].Condition = System.Text.Json.Nodes.JsonNode.Parse("{\"Bool\":{\"acs:SecureTransport\":\"true\"}}");
        Assert.Equal("{\"Statement\":[{\"Resource\":\"*\",\"Effect\":\"Allow\",\"Action\":\"a:b\",\"Condition\":{\"Bool\":{\"acs:SecureTransport\":\"true\"}}}],\"Version\":\"1\"}", doc.ToJson());
    }

    [Fact]
    public void Non_string_version_is_kept_as_written_and_flagged()
    {
        var doc = Doc("{'Version':1,'Statement':[]}");
        Assert.True(doc.VersionWasNonString);
        doc.Version = "1";
        Assert.False(doc.VersionWasNonString);
        Assert.Equal("{\"Version\":\"1\",\"Statement\":[]}", doc.ToJson());
    }

    [Fact]
    public void Sid_is_exposed_from_extra_fields()
    {
        Assert.Equal("S1", Doc("{'Version':'1','Statement':[{'Sid':'S1','Effect':'Allow','Action':'a:b','Resource':'*'}]}").Statements[0].Sid);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("[1]", "JSON object")]
    [InlineData("{\"Statement\":5}", "Statement must be")]
    [InlineData("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[1]}]}", "Statement[0].Action")]
    [InlineData("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"a:b\"},{\"Effect\":true}]}", "Statement[1].Effect")]
    [InlineData("{\"Version\":\"1\",\"Version\":\"1\"}", "not valid")]
    [InlineData("{nope", "not valid JSON")]
    public void Parse_errors_name_the_problem(string json, string expected)
    {
        var e = Assert.Throws<PolicyFormatException>(() => PolicyDocument.Parse(json));
        Assert.Contains(expected, e.Message);
    }
}
