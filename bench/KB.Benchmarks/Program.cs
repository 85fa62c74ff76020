using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process: a run measures the app's own build instead of generating and building a project per benchmark.
// ShortRun keeps a run within minutes on a shared 2-core machine; P95 is the figure search is held to.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .AddColumn(StatisticColumn.P95)
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(KB.Benchmarks.Corpus).Assembly).Run(args, config);
