using System.Globalization;
using Suppuo.Core.Common;
using Suppuo.Core.Workspaces;

namespace Suppuo.Web.Hosting;

/// <summary>
/// W24: the clock face of one circuit (or one static page): the workspace's zone in the agent's language. Scoped, so
/// the zone is read once per circuit; an admin's change of zone shows from the next page load.
/// </summary>
public sealed class WorkspaceTime(ScopedSender sender)
{
    private LocalTime? _time;

    public async ValueTask<LocalTime> ForAsync(int workspaceId) =>
        _time ??= LocalTime.For((await sender.Send(new GetWorkspaceSettings(workspaceId))).TimeZone, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
}
