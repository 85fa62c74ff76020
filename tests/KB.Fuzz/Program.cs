using SharpFuzz;

namespace KB.Fuzz;

public static class FuzzMain
{
    /// <summary>One target a run: <c>KB.Fuzz markdown</c> under afl-fuzz (input on stdin, the forkserver protocol).</summary>
    public static int Main(string[] args)
    {
        if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out var target))
        {
            Console.Error.WriteLine($"usage: KB.Fuzz <{string.Join('|', FuzzTargets.All.Keys)}>");
            return 2;
        }
        Fuzzer.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            target(FuzzTargets.Text(buffer.ToArray()));
        });
        return 0;
    }
}
