using MimeKit;

namespace Suppuo.Core.Email;

/// <summary>
/// Without an SMTP server, each mail becomes one .eml file, so a newcomer can open what customers would receive.
/// Written under a temporary name and then renamed, so a reader never sees half a file.
/// </summary>
public sealed class PickupFolderEmailTransport(string folder) : IEmailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var name = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml";
        var temporary = Path.Combine(folder, name + ".partial");
        await message.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, Path.Combine(folder, name));
    }
}
