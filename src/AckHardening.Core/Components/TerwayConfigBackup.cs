using System.Globalization;
using System.Security.AccessControl;
using System.Security.Principal;
using System.Text;
using AckHardening.Core.Errors;
using k8s;
using k8s.Models;

namespace AckHardening.Core.Components;

/// <summary>
/// Saves the eni-config ConfigMap before it is changed. The ConfigMap may hold an AccessKey pair, so the folder and
/// the file are readable by the current user only (mode 0700/0600 on Unix, an owner-only ACL on Windows).
/// </summary>
public static class TerwayConfigBackup
{
    /// <summary>The per-user default: &lt;local app data&gt;/AckHardening/backups/eni-config.</summary>
    public static string DefaultFolder =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
            "AckHardening", "backups", "eni-config");

    /// <summary>"eni-config-&lt;clusterId&gt;-&lt;yyyyMMddTHHmmssZ&gt;-rv&lt;resourceVersion&gt;.json".</summary>
    public static string FileNameFor(string clusterId, V1ConfigMap configMap, DateTimeOffset at) =>
        $"{configMap.Metadata?.Name ?? "configmap"}-{Safe(clusterId)}-{at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-rv{Safe(configMap.Metadata?.ResourceVersion ?? "0")}.json";

    /// <summary>Writes the ConfigMap as read (JSON, as the API server returned it) and returns the file's full path.</summary>
    public static string Write(string folder, string clusterId, V1ConfigMap configMap, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(configMap);
        var bytes = Encoding.UTF8.GetBytes(KubernetesJson.Serialize(configMap));
        string? temp = null;
        try
        {
            var full = Path.GetFullPath(folder);
            CreatePrivateDirectory(full);
            var name = FileNameFor(clusterId, configMap, at);
            temp = Path.Combine(full, $".{name}.{Guid.NewGuid():N}.tmp");
            using (var file = CreatePrivateFile(temp))
            {
                file.Write(bytes, 0, bytes.Length);
                file.Flush(flushToDisk: true);
            }
            var target = Path.Combine(full, name);
            for (var n = 2; File.Exists(target); n++) target = Path.Combine(full, Path.GetFileNameWithoutExtension(name) + $"-{n}.json");
            File.Move(temp, target, overwrite: false);
            temp = null;
            return target;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or PlatformNotSupportedException)
        {
            throw new AckException(RedeployErrorIds.TerwayBackupFailed, AckErrorKind.WriteError,
                $"Could not write the backup of ConfigMap eni-config to '{folder}': {e.Message}. Nothing was changed.", folder, e);
        }
        finally
        {
            if (temp is not null) { try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { } }
        }
    }

    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        // New levels get 0700; an existing folder keeps its mode (it may be shared on purpose), the file is 0600 anyway.
        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static FileStream CreatePrivateFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            var security = new FileSecurity();
            security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
            var me = WindowsIdentity.GetCurrent().User!;
            security.SetOwner(me);
            security.AddAccessRule(new FileSystemAccessRule(me, FileSystemRights.FullControl, AccessControlType.Allow));
            return new FileInfo(path).Create(FileMode.CreateNew, FileSystemRights.Write | FileSystemRights.Read, FileShare.None, 4096, FileOptions.None, security);
        }
        return new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
    }

    private static string Safe(string text) =>
        string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
