using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Suppuo.Core.Attachments;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Delivery;
using Suppuo.Core.Email;
using Suppuo.Core.Tickets;
using Suppuo.Core.WhatsApp;
using Suppuo.Core.WhatsApp.CloudApi;
using Suppuo.Core.WhatsApp.Twilio;
using Suppuo.Core.Workspaces;

namespace Suppuo.Core;

public static class CoreServices
{
    private static X509Certificate2 LoadKeyRingCertificate(SuppuoOptions.DataProtectionSettings settings, string contentRoot)
    {
        var path = Path.GetFullPath(settings.CertificatePath!, contentRoot);
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, settings.CertificatePassword);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException(
                $"Suppuo:DataProtection:CertificatePath: cannot read the PFX at {path} ({error.Message}). Check the path and Suppuo:DataProtection:CertificatePassword.", error);
        }
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException(
                $"Suppuo:DataProtection:CertificatePath: the certificate in {path} has no private key, so the key ring could be written but never read back. Export it with its private key.");
        return certificate;
    }

    /// <summary>A typo in the defaults would give every new workspace a language or zone nobody can read: refused at start-up.</summary>
    private static void CheckDefaults(SuppuoOptions.DefaultsOptions defaults)
    {
        var errors = new ValidationErrors();
        WorkspaceSettingsRules.Language(errors, "Suppuo:Defaults:Language", defaults.Language);
        WorkspaceSettingsRules.TimeZone(errors, "Suppuo:Defaults:TimeZone", defaults.TimeZone);
        if (errors.Any)
            throw new InvalidOperationException(string.Join(" ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
    }

    /// <summary>Everything the product needs, for the web host and the admin command line alike.</summary>
    public static IServiceCollection AddSuppuoCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(SuppuoOptions.Section).Get<SuppuoOptions>() ?? new SuppuoOptions();
        options.DataDirectory = Path.GetFullPath(Path.Combine(contentRoot, options.DataDirectory));
        options.Attachments.Path = Path.GetFullPath(options.Attachments.Path ?? Path.Combine(options.DataDirectory, "attachments"), contentRoot);
        CheckDefaults(options.Defaults);
        services.AddSingleton(Options.Create(options));

        services.AddSuppuoDbContext(configuration, options.DataDirectory);

        // Provider secrets are encrypted with these keys, so the web app and the command line share one key ring; with
        // Suppuo:Redis every node shares it too (a secret saved through one node is read by another, cookies work on any).
        var dataProtection = services.AddDataProtection().SetApplicationName("Suppuo");
        if (string.IsNullOrWhiteSpace(options.Redis))
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.DataDirectory, "keys")));
        else
        {
            // Connected on first use, so the command line and tests that never touch it need no Redis.
            var redis = new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(options.Redis));
            services.AddSingleton(_ => redis.Value);
            dataProtection.PersistKeysToStackExchangeRedis(() => redis.Value.GetDatabase(), "suppuo:data-protection-keys");
        }
        // The ring decrypts every provider secret and signs every cookie: whoever reads a backup of the data folder or
        // the Redis keys reads them all. With a certificate, each key is stored encrypted (and read back with the same
        // certificate), so the ring is useless without the PFX and its password, kept elsewhere.
        if (!string.IsNullOrWhiteSpace(options.DataProtection.CertificatePath))
            dataProtection.ProtectKeysWithCertificate(LoadKeyRingCertificate(options.DataProtection, contentRoot));

        services.AddIdentityCore<AppUser>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                identity.Password.RequiredLength = 8;
                identity.Password.RequireNonAlphanumeric = false;
                // An open sign-up's owner and an invited agent act only once their email is proven theirs (W26).
                identity.SignIn.RequireConfirmedEmail = true;
            })
            .AddEntityFrameworkStores<SuppuoDbContext>()
            .AddDefaultTokenProviders();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IAttachmentStore>(new FileSystemAttachmentStore(options.Attachments.Path));
        services.AddSingleton<SecretProtector>();
        services.AddSingleton<MediaLinks>();
        services.AddSingleton<CustomerLinks>();
        services.AddSingleton<SqliteWriteTurn>();
        services.AddSingleton<IngestWriter>();
        services.AddSingleton<TicketSearchSignal>();
        services.AddSingleton<TicketSearchMark>();
        services.AddSingleton<IndexNewTickets>();
        services.AddSingleton<TwilioClients>();
        services.AddSingleton<TwilioRoutes>();
        services.AddSingleton<TwilioAccountCheck>();
        services.AddSingleton<TwilioInboundList>();
        services.AddSingleton<TwilioBackfill>();
        services.AddHttpClient<GraphApi>((provider, http) => http.Timeout = provider.GetRequiredService<IOptions<SuppuoOptions>>().Value.Meta.Timeout);
        services.AddTransient<CloudAccountCheck>();
        services.AddTransient<CloudMediaFetcher>();
        services.AddKeyedScoped<IWhatsAppSender, TwilioSender>(WhatsAppProvider.Twilio);
        services.AddKeyedScoped<IWhatsAppSender, CloudSender>(WhatsAppProvider.Cloud);
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<MediaDownloadSignal>();
        services.AddSingleton<TwilioMediaFetcher>();
        services.AddSingleton<MediaDownloadJob>();
        services.AddSingleton<EmailOutboxSignal>();
        services.AddSingleton<EmailOutbox>();
        IEmailTransport transport = string.IsNullOrWhiteSpace(options.Smtp.Host)
            ? new PickupFolderEmailTransport(Path.Combine(options.DataDirectory, "mail"))
            : new SmtpEmailTransport(options.Smtp);
        services.AddSingleton(transport);
        services.AddSingleton<AccountMailer>();
        services.AddMediation(typeof(CoreServices).Assembly);
        return services;
    }
}
