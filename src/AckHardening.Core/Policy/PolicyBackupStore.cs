using System.Globalization;
using System.Text;
using AckHardening.Core.Errors;
using AckHardening.Policy;

namespace AckHardening.Core.Policy;

/// <summary>
/// Writes and reads backup files. A write goes to a temporary file in the target folder, is flushed to disk, then
/// renamed without overwriting, so a crash or a full disk never leaves a half-written backup under a real name.
/// </summary>
public sealed class PolicyBackupStore
{
    private readonly Func<Stream, Stream> _decorate;

    public PolicyBackupStore() : this(s => s) { }

    /// <summary>For tests: wraps the temporary file's stream (e.g. to fail part-way through a write).</summary>
    internal PolicyBackupStore(Func<Stream, Stream> decorate) => _decorate = decorate;

    /// <summary>"&lt;PolicyName&gt;-&lt;yyyyMMddTHHmmssZ&gt;.json".</summary>
    public static string FileNameFor(PolicyBackup backup) =>
        $"{backup.PolicyName}-{backup.CreatedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.json";

    public AckPolicyBackupInfo Write(PolicyBackup backup, string directory)
    {
        ArgumentNullException.ThrowIfNull(backup);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (backup.PolicyName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || backup.PolicyName.Contains("..", StringComparison.Ordinal))
            throw new AckException(PolicyErrorIds.BackupInvalid, AckErrorKind.InvalidArgument, $"Policy name '{backup.PolicyName}' cannot be used in a file name.", backup.PolicyName);

        var bytes = Encoding.UTF8.GetBytes(PolicyBackupFormat.Serialize(backup, out _));
        var fileName = FileNameFor(backup);
        string? temp = null;
        try
        {
            Directory.CreateDirectory(directory);
            temp = Path.Combine(directory, $".{fileName}.{Guid.NewGuid():N}.tmp");
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var stream = _decorate(file);
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush();
                file.Flush(flushToDisk: true);
            }
            var target = MoveToFreeName(temp, directory, fileName);
            temp = null;
            // Read back what landed on disk: the caller gets a backup that is known to verify.
            var info = Read(target).ToInfo();
            return new AckPolicyBackupInfo
            {
                Path = info.Path, PolicyName = info.PolicyName, PolicyType = info.PolicyType, RoleName = info.RoleName, ClusterId = info.ClusterId,
                VersionCount = info.VersionCount, DefaultVersion = info.DefaultVersion, Sha256 = info.Sha256, CreatedAt = info.CreatedAt,
                ModuleVersion = info.ModuleVersion, VersionIds = info.VersionIds,
                FileSha256 = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(target))).ToLowerInvariant(),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new AckException(PolicyErrorIds.BackupWriteFailed, AckErrorKind.WriteError,
                $"Could not write the backup of policy {backup.PolicyName} to '{directory}': {e.Message}", directory, e);
        }
        finally
        {
            if (temp is not null) TryDelete(temp);
        }
    }

    /// <summary>Reads and verifies a backup (hash, shape, consistency).</summary>
    public static PolicyBackup Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new AckException(PolicyErrorIds.BackupNotFound, AckErrorKind.ObjectNotFound, $"The policy backup '{full}' does not exist.", full);
        string json;
        try { json = File.ReadAllText(full, Encoding.UTF8); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AckException(PolicyErrorIds.BackupInvalid, AckErrorKind.ReadError, $"Could not read the policy backup '{full}': {e.Message}", full, e);
        }
        return PolicyBackupFormat.Deserialize(json, full);
    }

    private static string MoveToFreeName(string temp, string directory, string fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        for (var n = 0; n < 1000; n++)
        {
            var target = Path.Combine(directory, n == 0 ? fileName : $"{stem}-{n}.json");
            if (File.Exists(target)) continue;
            try
            {
                File.Move(temp, target, overwrite: false);
                return target;
            }
            catch (IOException) when (File.Exists(target))
            {
                // Another writer took the name between the check and the move: try the next suffix.
            }
        }
        throw new IOException($"No free file name for {fileName} in '{directory}'.");
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
