using MediatR;

namespace Suppuo.Core.Tickets;

public sealed record TicketCreated(int WorkspaceId, int TicketId) : INotification;

public sealed record MessageAdded(int WorkspaceId, int TicketId, int MessageId) : INotification;

public sealed record TicketStatusChanged(int WorkspaceId, int TicketId, TicketStatus From, TicketStatus To) : INotification;

public sealed record TicketAssigned(int WorkspaceId, int TicketId, string? AssigneeId) : INotification;

/// <summary>A message's WhatsApp delivery changed: queued again, sent, delivered, read, failed, or a retry is scheduled.</summary>
public sealed record DeliveryUpdated(int WorkspaceId, int TicketId, int MessageId) : INotification;

/// <summary>An inbound file finished downloading, or failed: the ticket view shows it or the reason.</summary>
public sealed record AttachmentUpdated(int WorkspaceId, int TicketId, int MessageId) : INotification;
