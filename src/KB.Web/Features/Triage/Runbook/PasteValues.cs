using System.Text.RegularExpressions;

namespace KB.Web.Features.Triage.Runbook;

/// <summary>A value a responder needs for the next command, read from one line of the paste.</summary>
public sealed record PasteValue(string Name, string Value, int LineNumber);

/// <summary>
/// Reads from a paste the values the cause checklists ask for: the upstream address and port, the unix socket, the
/// name that failed to resolve, the request's host, the backend or pool, the Kubernetes service. The first line that
/// gives a value wins, so the value shown is the one of the first failing request.
/// </summary>
public static partial class PasteValues
{
    public const string Upstream = "upstream";
    public const string UpstreamHost = "upstream_host";
    public const string UpstreamPort = "upstream_port";
    public const string Socket = "socket";
    public const string Name = "name";
    public const string Host = "host";
    public const string Backend = "backend";
    public const string Service = "service";

    public static IReadOnlyList<PasteValue> Read(IReadOnlyList<string> lines)
    {
        var values = new Dictionary<string, PasteValue>();
        for (var i = 0; i < lines.Count; i++)
        {
            foreach (var (name, value) in ReadLine(lines[i]))
            {
                values.TryAdd(name, new PasteValue(name, value, i + 1));
            }
        }
        if (!values.ContainsKey(Name) && values.TryGetValue(UpstreamHost, out var upstreamHost) && !IpAddress().IsMatch(upstreamHost.Value))
        {
            values[Name] = upstreamHost with { Name = Name };
        }
        return values.Values.ToList();
    }

    private static IEnumerable<(string Name, string Value)> ReadLine(string line)
    {
        var socket = SocketPath().Match(line);
        if (socket.Success)
        {
            yield return (Socket, socket.Groups["path"].Value);
        }
        var address = UpstreamAddress().Match(line);
        if (address.Success)
        {
            var host = address.Groups["host"].Value.Trim('[', ']');
            var port = address.Groups["port"].Value;
            yield return (Upstream, $"{address.Groups["host"].Value}:{port}");
            yield return (UpstreamHost, host);
            yield return (UpstreamPort, port);
        }
        var unresolved = UnresolvedName().Match(line);
        if (unresolved.Success)
        {
            yield return (Name, unresolved.Groups["name"].Value);
        }
        var requestHost = RequestHost().Match(line);
        if (requestHost.Success)
        {
            yield return (Host, requestHost.Groups["host"].Value);
        }
        var backend = Backend_().Match(line);
        if (backend.Success)
        {
            yield return (Backend, backend.Groups["backend"].Value);
        }
        var service = KubernetesService().Match(line);
        if (service.Success)
        {
            yield return (Service, service.Groups["service"].Value);
        }
    }

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    // unix:/run/php/php8.2-fpm.sock, dial unix /tmp/app.sock, "Unix domain socket /run/php/php8.2-fpm.sock".
    [GeneratedRegex(@"(?:unix:(?://)?|dial unix |Unix domain socket )(?<path>/[^\s"":,()]+)", Options)]
    private static partial Regex SocketPath();

    // upstream: "http://10.0.4.17:8080/x", dial tcp 10.0.4.17:8080, connect ECONNREFUSED 127.0.0.1:3000,
    // attempt to connect to 127.0.0.1:8000, backend=10.0.0.5:8080, Addr":"100.106.226.34:61032", to http://localhost:4000.
    [GeneratedRegex(@"(?:upstream: ""\w+://|dial tcp[46]? |\bECONNREFUSED |attempt to connect to |connect to |backend=|""Addr"":""|""host"":""|\bto https?://|refused: (?:\S*/)?|failed: Connection refused: /?|read tcp \S+->)(?<host>\[[0-9a-f:.]+\]|[\w.-]+):(?<port>\d{1,5})\b", Options)]
    private static partial Regex UpstreamAddress();

    // "api could not be resolved", "lookup api on 10.96.0.10:53", "DNS lookup failure for: api", "initial dns/balancer resolve for 'api'".
    [GeneratedRegex(@"(?<name>[\w-]+(?:\.[\w-]+)*) could not be resolved|\blookup (?<name>[\w-]+(?:\.[\w-]+)*)(?: on |: )|DNS lookup failure for: (?<name>[\w-]+(?:\.[\w-]+)*)|resolve for '(?<name>[^']+)'|getaddrinfo (?:ENOTFOUND|EAI_AGAIN) (?<name>[\w.-]+)|no resolver defined to resolve (?<name>[\w.-]+)", Options)]
    private static partial Regex UnresolvedName();

    [GeneratedRegex(@"\bhost: ""(?<host>[^""]+)""|\bhost=(?<host>[\w.-]+\.[a-z]{2,})\b", Options)]
    private static partial Regex RequestHost();

    // HAProxy "frontend backend/server 0/-1/..." and "Server backend/server is DOWN"; ingress-nginx "[namespace-service-port]".
    [GeneratedRegex(@"\s(?<backend>[\w.-]+)/(?:<NOSRV>|[\w.-]+) -?\d+/-?\d+/|Server (?<backend>[\w.-]+)/[\w.-]+ is DOWN|backend '?(?<backend>[\w.-]+)'? has no server available|\] \[(?<backend>[\w-]+-\d{2,5})\] \[", Options)]
    private static partial Regex Backend_();

    [GeneratedRegex(@"no endpoints available for (?:service )?\\?""?(?<service>[\w.-]+)|namespaces/[\w-]+/services/(?:https?:)?(?<service>[\w-]+)|Service ""?[\w.-]+/(?<service>[\w.-]+)""? does not have any active Endpoint", Options)]
    private static partial Regex KubernetesService();

    [GeneratedRegex(@"^(\d{1,3}\.){3}\d{1,3}$|:", Options)]
    private static partial Regex IpAddress();
}
