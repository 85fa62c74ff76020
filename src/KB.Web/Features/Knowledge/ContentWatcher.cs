using System.Diagnostics;

namespace KB.Web.Features.Knowledge;

/// <summary>Reloads the knowledge base when a file in the content folder changes, without a restart.</summary>
public sealed class ContentWatcher(KnowledgeBase knowledgeBase, ILogger<ContentWatcher> logger) : IHostedService, IDisposable
{
    // Editors and git write several events per save; wait for the burst to end before reloading once.
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    private FileSystemWatcher? _watcher;
    private Timer? _debounce;
    private long _lastChangeAt;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(knowledgeBase.ContentPath))
        {
            logger.LogWarning("Not watching {Path}: the folder does not exist", knowledgeBase.ContentPath);
            return Task.CompletedTask;
        }
        _debounce = new Timer(_ => _ = ReloadAsync(), null, Timeout.Infinite, Timeout.Infinite);
        _watcher = new FileSystemWatcher(knowledgeBase.ContentPath)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += OnChange;
        _watcher.Created += OnChange;
        _watcher.Deleted += OnChange;
        _watcher.Renamed += OnChange;
        _watcher.Error += (_, e) => logger.LogWarning(e.GetException(), "Watching the content folder failed; reloading");
        _watcher.Error += OnChange;
        _watcher.EnableRaisingEvents = true;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_watcher is not null)
        {
            _watcher.EnableRaisingEvents = false;
        }
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
    }

    private void OnChange(object sender, EventArgs e)
    {
        Interlocked.Exchange(ref _lastChangeAt, Stopwatch.GetTimestamp());
        _debounce?.Change(Quiet, Timeout.InfiniteTimeSpan);
    }

    private async Task ReloadAsync()
    {
        // A save from the editor reloads at once; the events its own write raised need no second reload.
        if (knowledgeBase.LastReadStartedAt > Interlocked.Read(ref _lastChangeAt))
        {
            return;
        }
        try
        {
            await knowledgeBase.ReloadAsync();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Reloading the knowledge base failed; the previous content stays in use");
        }
    }
}
