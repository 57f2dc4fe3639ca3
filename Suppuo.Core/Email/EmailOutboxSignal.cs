using Suppuo.Core.Common;

namespace Suppuo.Core.Email;

/// <summary>Wakes the mail outbox worker when a mail is queued, so it goes out at once instead of at the next poll.</summary>
public sealed class EmailOutboxSignal : WorkSignal;
