using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace KB.Web.Features.Accounts;

/// <summary>
/// The random secrets the app hands out (session keys, invitation links, API tokens) and how they are stored: a
/// secret carries 256 random bits, so a SHA-256 hash keeps it safe at rest without a slow password hash.
/// </summary>
public static class Secrets
{
    /// <summary>256 random bits, URL-safe.</summary>
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored form of a secret: its SHA-256 as hex.</summary>
    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
