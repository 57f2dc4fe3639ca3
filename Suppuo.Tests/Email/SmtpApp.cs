using Suppuo.Tests.Fakes;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.Email;

/// <summary>The real app with Suppuo:Smtp:Host pointing at an in-process SMTP server on loopback.</summary>
public sealed class SmtpApp : IAsyncLifetime
{
    public FakeSmtpServer Smtp { get; } = FakeSmtpServer.Start();
    public SuppuoApp App { get; }

    public SmtpApp()
    {
        App = new SuppuoApp()
            .WithSetting("Suppuo:Smtp:Host", "127.0.0.1")
            .WithSetting("Suppuo:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithSetting("Suppuo:Smtp:From", "Toko Budi Support <support@tokobudi.example>");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
