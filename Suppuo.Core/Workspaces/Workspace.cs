namespace Suppuo.Core.Workspaces;

public class Workspace
{
    public const int NameMaxLength = 100;
    public const int TimeZoneMaxLength = 64;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    /// <summary>W24: what customers read (status page, mails, default texts) and the agents' default UI language.</summary>
    public string Language { get; set; } = Languages.English;

    /// <summary>W24: an IANA zone; every time a person reads is shown in it. The API and the database stay UTC.</summary>
    public string TimeZone { get; set; } = Languages.DefaultTimeZone;

    /// <summary>W22: whether opening a ticket tells the customer their message was read.</summary>
    public ReadReceipts ReadReceipts { get; set; }
}

/// <summary>W22: <c>off</c> (default), <c>on-open</c>, or <c>assignee-open</c> (only the assignee's opening counts).</summary>
public enum ReadReceipts { Off, OnOpen, AssigneeOpen }
