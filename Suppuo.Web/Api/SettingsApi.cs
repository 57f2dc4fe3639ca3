using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Suppuo.Core.Automation;
using Suppuo.Core.Workspaces;
using Suppuo.Web.Hosting;

namespace Suppuo.Web.Api;

/// <summary>/api/v1/settings: the workspace's auto-reply (docs/contract.md, "/api/v1/settings/auto-reply") and its own settings (W24).</summary>
public static class SettingsApi
{
    public sealed record AutoReplyBody(bool? Enabled, string? Text);

    public sealed record WorkspaceSettingsBody(string? Name, string? Language, string? TimeZone, string? ReadReceipts);

    /// <summary>As the API spells it: readReceipts is "off", "on-open" or "assignee-open".</summary>
    public sealed record WorkspaceSettingsResponse(string Name, string Language, string TimeZone, string ReadReceipts)
    {
        public static WorkspaceSettingsResponse From(WorkspaceSettingsDto settings) =>
            new(settings.Name, settings.Language, settings.TimeZone, ReadReceiptsNames[settings.ReadReceipts]);
    }

    private static readonly Dictionary<ReadReceipts, string> ReadReceiptsNames = new()
    {
        [Core.Workspaces.ReadReceipts.Off] = "off",
        [Core.Workspaces.ReadReceipts.OnOpen] = "on-open",
        [Core.Workspaces.ReadReceipts.AssigneeOpen] = "assignee-open",
    };

    private static readonly Dictionary<string, ReadReceipts> ReadReceiptsByName =
        ReadReceiptsNames.ToDictionary(n => n.Value, n => n.Key, StringComparer.OrdinalIgnoreCase);

    public static RouteGroupBuilder MapSettingsApi(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/settings").WithTags("Settings");
        settings.MapGet("/auto-reply", Get);
        settings.MapPut("/auto-reply", Put).WithMetadata(RequestBodyLimit.Json).ProducesValidationProblem();
        settings.MapGet("/workspace", GetWorkspace);
        settings.MapPut("/workspace", PutWorkspace).WithMetadata(RequestBodyLimit.Json).ProducesValidationProblem();
        return api;
    }

    private static async Task<Ok<AutoReplyDto>> Get(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetAutoReply(user.WorkspaceIdOf()), ct));

    private static async Task<Ok<AutoReplyDto>> Put(AutoReplyBody body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new UpdateAutoReply(user.WorkspaceIdOf(), body.Enabled, body.Text) { By = user.ActorOf() }, ct));

    private static async Task<Ok<WorkspaceSettingsResponse>> GetWorkspace(ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(WorkspaceSettingsResponse.From(await mediator.Send(new GetWorkspaceSettings(user.WorkspaceIdOf()), ct)));

    private static async Task<Ok<WorkspaceSettingsResponse>> PutWorkspace(WorkspaceSettingsBody body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct)
    {
        var input = new ApiInput();
        ReadReceipts? readReceipts = null;
        if (body.ReadReceipts is not null)
        {
            if (ReadReceiptsByName.TryGetValue(body.ReadReceipts.Trim(), out var named))
                readReceipts = named;
            else
                input.Add("readReceipts", $"Unknown readReceipts '{body.ReadReceipts}': use one of {string.Join(", ", ReadReceiptsNames.Values)}.");
        }
        var command = input.Checked(new UpdateWorkspaceSettings(user.WorkspaceIdOf(), body.Name, body.Language, body.TimeZone, readReceipts) { By = user.ActorOf() });
        return TypedResults.Ok(WorkspaceSettingsResponse.From(await mediator.Send(command, ct)));
    }
}
