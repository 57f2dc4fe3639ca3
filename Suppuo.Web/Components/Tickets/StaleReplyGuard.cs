using Suppuo.Core.Tickets;

namespace Suppuo.Web.Components.Tickets;

/// <summary>
/// W23's stale-reply guard, one per open ticket page: a public reply about to go out after the customer wrote again, or
/// another agent answered in public, since the agent last saw the thread (the page opened, or they last sent) is held
/// once so that they read what arrived; sending again sends it.
/// </summary>
public sealed class StaleReplyGuard
{
    private int _seenUpTo;
    private int _askedUpTo;

    /// <summary>What arrived unseen, shown while the guard asks; empty otherwise.</summary>
    public IReadOnlyList<MessageDto> Arrived { get; private set; } = [];

    /// <summary>The agent has the thread before them up to its newest message.</summary>
    public void Seen(IReadOnlyList<MessageDto> messages)
    {
        _seenUpTo = messages.Count > 0 ? Math.Max(_seenUpTo, messages.Max(m => m.Id)) : _seenUpTo;
        _askedUpTo = 0;
        Arrived = [];
    }

    /// <summary>
    /// Whether a public reply by <paramref name="me"/> may go now. False the first time something arrived: <see cref="Arrived"/>
    /// then holds it. True when sent again with nothing newer than what was shown.
    /// </summary>
    public bool MaySend(IReadOnlyList<MessageDto> messages, string? me)
    {
        var arrived = messages.Where(m => m.Id > _seenUpTo && IsNews(m, me)).ToList();
        if (arrived.Count == 0 || _askedUpTo >= arrived[^1].Id)
            return true;
        _askedUpTo = arrived[^1].Id;
        Arrived = arrived;
        return false;
    }

    /// <summary>The customer writing, or a colleague answering them: notes and automation change nothing the customer reads.</summary>
    private static bool IsNews(MessageDto message, string? me) => message.Author switch
    {
        MessageAuthor.Requester => true,
        MessageAuthor.Agent => !message.Internal && message.AuthorUserId != me,
        _ => false,
    };
}
