using MediatR;
using Suppuo.Core.Operations;
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
    INotificationHandler<AttachmentUpdated>,
    INotificationHandler<MessageChanged>
{
    public Task Handle(TicketCreated e, CancellationToken cancellationToken) => ForwardAsync(new(e.WorkspaceId, e.TicketId, nameof(TicketCreated)));

    public Task Handle(MessageAdded e, CancellationToken cancellationToken) => ForwardAsync(new(e.WorkspaceId, e.TicketId, nameof(MessageAdded)));

    public Task Handle(TicketStatusChanged e, CancellationToken cancellationToken) => ForwardAsync(new(e.WorkspaceId, e.TicketId, nameof(TicketStatusChanged)));

    public Task Handle(TicketAssigned e, CancellationToken cancellationToken) => ForwardAsync(new(e.WorkspaceId, e.TicketId, nameof(TicketAssigned)));

    public Task Handle(TicketSnoozeChanged e, CancellationToken cancellationToken) => ForwardAsync(new(e.WorkspaceId, e.TicketId, nameof(TicketSnoozeChanged)));

    public Task Handle(DeliveryUpdated e, CancellationToken cancellationToken) => ForwardAsync(new(e.WorkspaceId, e.TicketId, nameof(DeliveryUpdated)));

    public Task Handle(AttachmentUpdated e, CancellationToken cancellationToken) => ForwardAsync(new(e.WorkspaceId, e.TicketId, nameof(AttachmentUpdated)));

    public Task Handle(MessageChanged e, CancellationToken cancellationToken) => ForwardAsync(new(e.WorkspaceId, e.TicketId, nameof(MessageChanged)));

    private async Task ForwardAsync(LiveEvent live)
    {
        // The last step of a webhook's trace (W25): after the commit, the push to open inboxes here and on other nodes.
        using var activity = SuppuoTelemetry.Source.StartActivity("suppuo.live.push");
        activity?.SetTag("suppuo.live.kind", live.Kind);
        await events.PublishAsync(live);
        foreach (var relay in relays)
            await relay.PublishAsync(live);
    }
}
