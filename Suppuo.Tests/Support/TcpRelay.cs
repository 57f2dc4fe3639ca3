using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Suppuo.Tests.Support;

/// <summary>
/// A loopback port that forwards to a real server (Redis) until the test cuts it: the server "goes away" for the app
/// alone, without stopping the one other tests share.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly ConcurrentBag<TcpClient> _open = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public TcpRelay(string target)
    {
        var (host, port) = target.Split(':') is [var h, var p] ? (h, int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)) : (target, 6379);
        (_targetHost, _targetPort) = (host, port);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>host:port to give the app instead of the server's own.</summary>
    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Closes every relayed connection and refuses new ones.</summary>
    public void Cut()
    {
        _stop.Cancel();
        _listener.Stop();
        foreach (var client in _open)
            client.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
                var outbound = new TcpClient();
                await outbound.ConnectAsync(_targetHost, _targetPort, _stop.Token);
                _open.Add(inbound);
                _open.Add(outbound);
                _ = PumpAsync(inbound, outbound);
                _ = PumpAsync(outbound, inbound);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), _stop.Token);
        }
        catch (Exception error) when (error is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
        }
        finally
        {
            to.Dispose();
            from.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
            Cut();
        await _accepting;
        _stop.Dispose();
    }
}
