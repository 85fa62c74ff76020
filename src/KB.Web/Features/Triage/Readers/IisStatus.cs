using System.Globalization;
using System.Text.RegularExpressions;

namespace KB.Web.Features.Triage.Readers;

/// <summary>
/// IIS with Application Request Routing: sc-status, sc-substatus and sc-win32-status (the WinHTTP error ARR got),
/// in a W3C log line ("502 3 12029") or as an HRESULT on the error page ("0x80072efd").
/// </summary>
public sealed partial class IisStatus : IFindingReader
{
    private static readonly Dictionary<int, (string Cause, double Weight)[]> WinHttpErrors = new()
    {
        // Win32 and Winsock errors that ARR and the ASP.NET Core module log as well as WinHTTP's.
        [64] = [("connection-reset", 1.0), ("application-crash", 0.4)],
        [121] = [("upstream-timeout", 0.9)],
        [1225] = [("upstream-down", 1.0)],
        [1236] = [("connection-reset", 0.9)],
        [10054] = [("connection-reset", 1.0)],
        [10060] = [("firewall-blocked", 0.8), ("upstream-timeout", 0.7)],
        [10061] = [("upstream-down", 1.0)],
        [12002] = [("upstream-timeout", 1.0)],
        [12007] = [("dns-resolution", 1.0)],
        [12017] = [("connection-reset", 0.5)],
        [12029] = [("upstream-down", 1.0), ("firewall-blocked", 0.4), ("network-unreachable", 0.3)],
        [12030] = [("connection-reset", 1.0)],
        [12031] = [("connection-reset", 1.0)],
        [12037] = [("tls-upstream", 1.0)],
        [12038] = [("tls-upstream", 1.0)],
        [12044] = [("tls-upstream", 1.0)],
        [12045] = [("tls-upstream", 1.0)],
        [12152] = [("invalid-response", 1.0)],
        [12157] = [("tls-upstream", 1.0)],
        [12169] = [("tls-upstream", 1.0)],
        [12175] = [("tls-upstream", 1.0)],
        [12182] = [("header-too-large", 1.0)],
    };

    private static readonly Dictionary<string, (string Cause, double Weight)[]> SubStatuses = new()
    {
        ["502.4"] = [("misconfiguration", 0.8), ("upstream-down", 0.7)],
        ["502.5"] = [("application-crash", 0.9), ("misconfiguration", 0.4)],
    };

    public IEnumerable<Finding> Read(string line)
    {
        var w3c = W3cStatus().Match(line);
        if (w3c.Success)
        {
            // Ten digits can run past a 32-bit status (a garbled line): such a number names no win32 error.
            if (int.TryParse(w3c.Groups["win32"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            {
                foreach (var finding in ForWin32(code, w3c.Index, w3c.Length, $"IIS {w3c.Groups["status"].Value}.{w3c.Groups["sub"].Value} with win32 status {code}"))
                {
                    yield return finding;
                }
            }
            foreach (var finding in ForSubStatus($"{w3c.Groups["status"].Value}.{w3c.Groups["sub"].Value}", w3c.Index, w3c.Length))
            {
                yield return finding;
            }
            yield break;
        }

        foreach (Match hresult in HResult().Matches(line))
        {
            var code = hresult.Groups["hex"].Success
                ? int.Parse(hresult.Groups["hex"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                : (int)(long.Parse(hresult.Groups["decimal"].Value, CultureInfo.InvariantCulture) - WinHttpFacility);
            foreach (var finding in ForWin32(code, hresult.Index, hresult.Length, $"WinHTTP error {code} ({hresult.Value})"))
            {
                yield return finding;
            }
        }
        var error = HttpError().Match(line);
        if (error.Success)
        {
            foreach (var finding in ForSubStatus(error.Groups["status"].Value, error.Index, error.Length))
            {
                yield return finding;
            }
        }
    }

    private static IEnumerable<Finding> ForWin32(int code, int start, int length, string reason) =>
        WinHttpErrors.TryGetValue(code, out var meanings)
            ? meanings.Select(meaning => new Finding(meaning.Cause, meaning.Weight, start, length, reason))
            : [];

    private static IEnumerable<Finding> ForSubStatus(string status, int start, int length) =>
        SubStatuses.TryGetValue(status, out var meanings)
            ? meanings.Select(meaning => new Finding(meaning.Cause, meaning.Weight, start, length, $"IIS {status}"))
            : [];

    [GeneratedRegex(@"\b(?<status>50[234]) (?<sub>\d{1,2}) (?<win32>\d{1,10})\b")]
    private static partial Regex W3cStatus();

    // An HRESULT wraps a Win32 error code as 0x8007xxxx: in hex on error pages, in decimal in the ASP.NET Core module's logs.
    private const long WinHttpFacility = 0x80070000;

    [GeneratedRegex(@"0x8007(?<hex>2[0-9a-fA-F]{3})\b|ErrorCode=""(?<decimal>21479\d{5})""")]
    private static partial Regex HResult();

    [GeneratedRegex(@"HTTP Error (?<status>502\.\d)")]
    private static partial Regex HttpError();
}
