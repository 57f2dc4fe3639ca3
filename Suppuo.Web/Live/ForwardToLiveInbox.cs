using MediatR;
using Suppuo.Core.Tickets;

namespace Suppuo.Web.Live;

/// <summary>Core's events, forwarded as they are to every open inbox and ticket view of the workspace, on every node.</summary>
public sealed class ForwardToLiveInbox(WorkspaceEvents events, IEnumerable<ILiveEventRelay> relays) :
    INotificationHandler<TicketCreated>,
    INotificationHandler<MessageAdded>,
    INotificationHandler<TicketStatusChanged>,
    INotificationHandler<TicketAssigned>,
    INotificationHandler<TicketSnoozeChanged>,
    INotificationHandler<DeliveryUpdated>,
    INotificationHandler<AttachmentUpdated>
{
    public Task Handle(TicketCreated e, CancellationToken cancellationToken) => ForwardAsync(new(e.WorkspaceId, e.TicketId, nameof(TicketCreated)));

    public Task Handle(MessageAdded e, CancellationToken cancellationToken) => ForwardAsync(new(e.WorkspaceId, e.TicketId, nameof(MessageAdded)));

    public Task Handle(TicketStatusChanged e, CancellationToken cancellationToken) => ForwardAsync(new(e.WorkspaceId, e.TicketId, nameof(TicketStatusChanged)));

    public Task Handle(TicketAssigned e, CancellationToken cancellationToken) => ForwardAsync(new(e.WorkspaceId, e.TicketId, nameof(TicketAssigned)));

    public Task Handle(TicketSnoozeChanged e, CancellationToken cancellationToken) => ForwardAsync(new(e.WorkspaceId, e.TicketId, nameof(TicketSnoozeChanged)));

    public Task Handle(DeliveryUpdated e, CancellationToken cancellationToken) => ForwardAsync(new(e.WorkspaceId, e.TicketId, nameof(DeliveryUpdated)));

    public Task Handle(AttachmentUpdated e, CancellationToken cancellationToken) => ForwardAsync(new(e.WorkspaceId, e.TicketId, nameof(AttachmentUpdated)));

    private async Task ForwardAsync(LiveEvent live)
    {
        await events.PublishAsync(live);
        foreach (var relay in relays)
            await relay.PublishAsync(live);
    }
}
