namespace KB.Web.Features.Knowledge;

/// <summary>Words that people in this field use for the same thing. A query word matches any word of its group.</summary>
public static class Synonyms
{
    public static IReadOnlyList<string[]> Groups { get; } =
    [
        ["bad gateway", "502"],
        ["gateway timeout", "504"],
        ["refused", "down", "econnrefused"],
        ["timeout", "timed out", "etimedout", "slow"],
        ["reset", "econnreset", "rst", "prematurely closed"],
        ["dns", "resolve", "resolver", "nxdomain", "enotfound", "eai again"],
        ["tls", "ssl", "x509", "handshake"],
        ["certificate", "cert"],
        ["oom", "out of memory", "oomkilled", "oom killer"],
        ["firewall", "iptables", "nftables", "nft", "security group"],
        ["kubernetes", "k8s"],
        ["crash", "segfault", "sigsegv", "core dump"],
        ["unreachable", "no route", "ehostunreach", "enetunreach"],
        ["permission denied", "eacces", "selinux"],
        ["too many open files", "emfile", "file descriptors", "ulimit", "nofile"],
        ["load balancer", "lb", "alb", "elb"],
        ["header", "headers"],
        ["upstream", "backend", "origin"],
        ["keepalive", "keep alive"],
        ["idle", "quiet", "inactivity", "overnight", "night"],
        ["php fpm", "phpfpm", "fastcgi"],
    ];
}
