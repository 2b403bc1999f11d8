using System.Text.Json.Nodes;

namespace AckHardening.Sandbox.Kubernetes;

/// <summary>
/// Applies JSON merge patches (RFC 7386) and the subset of strategic merge patches the module and kubectl send:
/// maps merge recursively and <c>null</c> deletes a key; lists whose Kubernetes schema declares a merge key
/// (containers, initContainers, volumes, env, volumeMounts, ports, imagePullSecrets) merge item by item on that key,
/// and an item carrying <c>"$patch":"delete"</c> is removed; a map carrying <c>"$patch":"replace"</c> replaces the
/// target; <c>$setElementOrder/…</c> and <c>$retainKeys</c> hints are accepted and ignored; every other list is
/// replaced. Throws <see cref="FormatException"/> for directives it does not implement.
/// </summary>
internal static class StrategicMergePatch
{
    private static readonly Dictionary<string, string> MergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["volumes"] = "name",
        ["env"] = "name",
        ["volumeMounts"] = "mountPath",
        ["ports"] = "containerPort",
        ["imagePullSecrets"] = "name",
    };

    public static JsonObject Apply(JsonObject target, JsonObject patch, bool strategic)
    {
        var result = (JsonObject)target.DeepClone();
        MergeInto(result, patch, strategic);
        return result;
    }

    private static void MergeInto(JsonObject target, JsonObject patch, bool strategic)
    {
        foreach (var (key, value) in patch)
        {
            if (strategic && key.StartsWith('$'))
            {
                if (key.StartsWith("$setElementOrder/", StringComparison.Ordinal) || key == "$retainKeys") continue;
                if (key == "$patch") continue;                         // handled by the caller for maps
                throw new FormatException($"unsupported strategic merge directive \"{key}\"");
            }
            if (value is null) { target.Remove(key); continue; }
            if (value is JsonObject patchMap)
            {
                if (strategic && (string?)patchMap["$patch"] == "replace")
                {
                    var replacement = (JsonObject)patchMap.DeepClone();
                    replacement.Remove("$patch");
                    target[key] = replacement;
                }
                else if (target[key] is JsonObject existing) MergeInto(existing, patchMap, strategic);
                else
                {
                    var fresh = new JsonObject();
                    MergeInto(fresh, patchMap, strategic);
                    target[key] = fresh;
                }
                continue;
            }
            if (value is JsonArray patchList && strategic && MergeKeys.TryGetValue(key, out var mergeKey) && target[key] is JsonArray existingList)
            {
                MergeList(existingList, patchList, mergeKey);
                continue;
            }
            target[key] = value.DeepClone();
        }
    }

    private static void MergeList(JsonArray target, JsonArray patch, string mergeKey)
    {
        foreach (var item in patch)
        {
            if (item is not JsonObject patchItem || patchItem[mergeKey] is not JsonValue keyValue)
                throw new FormatException($"list items must carry the merge key \"{mergeKey}\"");
            var match = target.OfType<JsonObject>().FirstOrDefault(t => JsonNode.DeepEquals(t[mergeKey], keyValue));
            if ((string?)patchItem["$patch"] == "delete")
            {
                if (match is not null) target.Remove(match);
                continue;
            }
            if (match is null)
            {
                var fresh = new JsonObject();
                MergeInto(fresh, patchItem, strategic: true);
                target.Add(fresh);
            }
            else MergeInto(match, patchItem, strategic: true);
        }
    }
}
