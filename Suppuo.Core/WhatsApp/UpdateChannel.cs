using MediatR;
using Microsoft.EntityFrameworkCore;
using Suppuo.Core.Common;
using Suppuo.Core.Data;
using Suppuo.Core.Workspaces;

namespace Suppuo.Core.WhatsApp;

/// <summary>PUT /api/v1/channels/{id}: the same fields as when connecting, for whichever provider the connection uses.</summary>
public sealed record UpdateChannel(
    int WorkspaceId, int ChannelId, string? AccountSid, string? AuthToken, string? PhoneNumber,
    string? PhoneNumberId, string? AccessToken, string? AppSecret) : IRequest<ConnectionDto>, IAdminRequest
{
    /// <summary>Who asks; only an admin or an `admin` API key may (W26).</summary>
    public required Actor By { get; init; }
}

public sealed class UpdateChannelHandler(SuppuoDbContext db, IMediator mediator) : IRequestHandler<UpdateChannel, ConnectionDto>
{
    public async Task<ConnectionDto> Handle(UpdateChannel request, CancellationToken cancellationToken)
    {
        var provider = (await ChannelQueries.ConnectedAsync(db, request.WorkspaceId, request.ChannelId, cancellationToken)).Provider;
        return provider == WhatsAppProvider.Twilio
            ? await mediator.Send(new UpdateTwilioChannel(request.WorkspaceId, request.ChannelId, request.AccountSid, request.AuthToken, request.PhoneNumber) { By = request.By }, cancellationToken)
            : await mediator.Send(new UpdateCloudChannel(request.WorkspaceId, request.ChannelId, request.PhoneNumberId, request.AccessToken, request.AppSecret) { By = request.By }, cancellationToken);
    }
}
