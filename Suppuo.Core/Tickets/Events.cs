using MediatR;

namespace Suppuo.Core.Tickets;

/// <summary>
/// A new ticket. Whether its requester has an email address travels with it, so the mail handler needs no query for
/// WhatsApp customers; <see cref="MayAutoReply"/> is false when its creator already read the workspace's auto-reply
/// as off, so a burst of new WhatsApp customers costs the auto-reply no query each.
/// </summary>
public sealed record TicketCreated(int WorkspaceId, int TicketId, bool RequesterHasEmail, bool MayAutoReply = true) : INotification;

/// <summary>A new message. Its author travels with it: a customer's own message never needs more work than the live inbox's.</summary>
public sealed record MessageAdded(int WorkspaceId, int TicketId, int MessageId, MessageAuthor Author) : INotification;

public sealed record TicketStatusChanged(int WorkspaceId, int TicketId, TicketStatus From, TicketStatus To) : INotification;

/// <summary>W23: a ticket was snoozed, or woke (at its time, or when the customer wrote): it moves between the inbox's tabs.</summary>
public sealed record TicketSnoozeChanged(int WorkspaceId, int TicketId, DateTime? SnoozedUntil) : INotification;

public sealed record TicketAssigned(int WorkspaceId, int TicketId, string? AssigneeId) : INotification;

/// <summary>A message's WhatsApp delivery changed: queued again, sent, delivered, read, failed, or a retry is scheduled.</summary>
public sealed record DeliveryUpdated(int WorkspaceId, int TicketId, int MessageId) : INotification;

/// <summary>An inbound file finished downloading, or failed: the ticket view shows it or the reason.</summary>
public sealed record AttachmentUpdated(int WorkspaceId, int TicketId, int MessageId) : INotification;

/// <summary>A message changed in place: a reaction came or went (W22). The ticket view shows it; nothing else moves.</summary>
public sealed record MessageChanged(int WorkspaceId, int TicketId, int MessageId) : INotification;
