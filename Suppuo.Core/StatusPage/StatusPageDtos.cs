using Suppuo.Core.Tickets;
using Suppuo.Core.Workspaces;

namespace Suppuo.Core.StatusPage;

/// <summary>
/// What the customer's status page shows: only the public conversation of one ticket, nothing about agents; in the
/// workspace's language, with times in its zone (W24).
/// </summary>
public sealed record StatusPageDto(
    int TicketId, string WorkspaceName, string Subject, TicketStatus Status, bool CanReply,
    IReadOnlyList<StatusMessageDto> Messages, bool CanRate = false, int? CsatRating = null, string? CsatComment = null,
    string Language = Languages.English, string TimeZone = Languages.DefaultTimeZone);

/// <summary>A public message; <see cref="FromCustomer"/> decides the side it is shown on.</summary>
public sealed record StatusMessageDto(int Id, bool FromCustomer, bool Automated, string Body, DateTime CreatedAt, IReadOnlyList<StatusAttachmentDto> Attachments);

/// <summary>An attachment the customer can open through the token-scoped URL, once its bytes are stored.</summary>
public sealed record StatusAttachmentDto(int Id, string FileName, string ContentType, long Size, bool Ready);
