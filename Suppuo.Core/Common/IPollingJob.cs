namespace Suppuo.Core.Common;

/// <summary>A durable background job whose queue is database rows: each pass handles what is due and says how much it did.</summary>
public interface IPollingJob
{
    Task<int> RunOnceAsync(CancellationToken cancellationToken);

    /// <summary>Once, when the node's worker for this job starts, before its first pass.</summary>
    Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
