using System.Security.Cryptography;

namespace AckHardening.Sandbox.Infrastructure;

/// <summary>Identifier and secret generators shaped like the real services' values.</summary>
public static class RandomIds
{
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>POP request id, e.g. 9B34724D-54B0-4A51-B34D-4512372FE1BE.</summary>
    public static string RequestId() => Guid.NewGuid().ToString("D").ToUpperInvariant();

    public static string Alphanumeric(int length) => RandomNumberGenerator.GetString(Alnum, length);

    public static string Digits(int length) => RandomNumberGenerator.GetString("0123456789", length);
}
