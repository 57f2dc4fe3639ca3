using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Suppuo.Tests.Fakes;

/// <summary>
/// A real SMTP server on loopback (SmtpServer), so the app's MailKit client holds a real SMTP conversation. It can
/// refuse the next few mails with a transient 451, as a busy server does.
/// </summary>
public sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Store _store = new();

    public int Port { get; }
    public ConcurrentQueue<MimeMessage> Received => _store.Received;

    /// <summary>How many of the next mails to refuse with 451 before accepting again.</summary>
    public int RefuseNext { get => _store.RefuseNext; set => _store.RefuseNext = value; }
    public int Refused => _store.Refused;

    private FakeSmtpServer()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public static FakeSmtpServer Start() => new();

    // SmtpServer takes a port, not a listener: ask the OS for a free one and hand it over.
    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _running; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private sealed class Store : MessageStore
    {
        private int _refuseNext;
        private int _refused;

        public ConcurrentQueue<MimeMessage> Received { get; } = new();
        public int RefuseNext { get => Volatile.Read(ref _refuseNext); set => Volatile.Write(ref _refuseNext, value); }
        public int Refused => Volatile.Read(ref _refused);

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Interlocked.Decrement(ref _refuseNext) >= 0)
            {
                Interlocked.Increment(ref _refused);
                return new SmtpResponse((SmtpReplyCode)451, "4.3.2 Try again later");
            }
            Interlocked.Exchange(ref _refuseNext, 0);
            await using var stream = new MemoryStream(buffer.ToArray());
            Received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
