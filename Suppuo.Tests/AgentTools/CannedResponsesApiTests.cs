using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Suppuo.Tests.Support;

namespace Suppuo.Tests.AgentTools;

/// <summary>W23: /api/v1/canned-responses as API.md ("Beyond the beta") names it.</summary>
public class CannedResponsesApiTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    private static MultipartFormDataContent Form(string shortcut, string text, params (string Name, string Type, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent { { new StringContent(shortcut), "shortcut" }, { new StringContent(text), "text" } };
        foreach (var (name, type, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(file, "files", name);
        }
        return form;
    }

    [Fact]
    public async Task W23_canned_responses_are_created_listed_replaced_and_deleted_through_the_api()
    {
        var workspace = await app.CreateWorkspaceAsync();
        var created = await workspace.Api.PostJsonAsync("/api/v1/canned-responses", new { shortcut = "thanks", text = "Terima kasih, {{requester.name}}!" });
        Assert.Equal(["id", "shortcut", "text", "files"], created.AsObject().Select(p => p.Key));
        Assert.Equal(("thanks", "Terima kasih, {{requester.name}}!"), (created.Str("shortcut"), created.Str("text")));
        Assert.Empty(created["files"]!.AsArray());

        var withFile = await workspace.Api.PostAsync("/api/v1/canned-responses", Form("price-list", "Daftar harga terlampir.", ("harga.pdf", "application/pdf", "%PDF-1.4 harga"u8.ToArray())));
        Assert.Equal(HttpStatusCode.Created, withFile.StatusCode);
        var file = Assert.Single((await withFile.ReadJsonAsync())["files"]!.AsArray());
        Assert.Equal(("harga.pdf", "application/pdf"), (file.Str("fileName"), file.Str("contentType")));

        var id = created.Int("id");
        var replaced = await workspace.Api.PutAsJsonAsync($"/api/v1/canned-responses/{id}", new { shortcut = "thx", text = "Makasih!" });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("thx", (await replaced.ReadJsonAsync()).Str("shortcut"));

        var listed = (await workspace.Api.GetJsonAsync("/api/v1/canned-responses"))["items"]!.AsArray();
        Assert.Equal(["price-list", "thx"], listed.Select(c => c.Str("shortcut")));

        Assert.Equal(HttpStatusCode.NoContent, (await workspace.Api.DeleteAsync($"/api/v1/canned-responses/{id}")).StatusCode);
        Assert.Equal(["price-list"], (await workspace.Api.GetJsonAsync("/api/v1/canned-responses"))["items"]!.AsArray().Select(c => c.Str("shortcut")));
        await (await workspace.Api.DeleteAsync($"/api/v1/canned-responses/{id}")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task W23_a_duplicate_shortcut_is_409_and_empty_or_over_long_text_is_400()
    {
        var workspace = await app.CreateWorkspaceAsync();
        await workspace.Api.PostJsonAsync("/api/v1/canned-responses", new { shortcut = "thanks", text = "Terima kasih!" });

        var duplicate = await (await workspace.Api.PostAsJsonAsync("/api/v1/canned-responses", new { shortcut = "/Thanks", text = "Lagi" })).AssertProblemAsync(409);
        Assert.Contains("/thanks", duplicate.Str("detail"));
        await (await workspace.Api.PostAsJsonAsync("/api/v1/canned-responses", new { shortcut = "empty", text = "  " })).AssertProblemAsync(400, "text");
        await (await workspace.Api.PostAsJsonAsync("/api/v1/canned-responses", new { shortcut = "long", text = new string('a', 5_001) })).AssertProblemAsync(400, "text");
        await (await workspace.Api.PostAsJsonAsync("/api/v1/canned-responses", new { shortcut = "two words", text = "x" })).AssertProblemAsync(400, "shortcut");
        await (await workspace.Api.PostAsJsonAsync("/api/v1/canned-responses", new { shortcut = new string('s', 41), text = "x" })).AssertProblemAsync(400, "shortcut");
    }

    [Fact]
    public async Task W23_only_admins_edit_canned_responses_and_other_workspaces_never_see_them()
    {
        var workspace = await app.CreateWorkspaceAsync();
        await workspace.Api.PostJsonAsync("/api/v1/canned-responses", new { shortcut = "thanks", text = "Terima kasih!" });
        var writeKey = (await workspace.Api.PostJsonAsync("/api/v1/api-keys", new { name = "agent tool", scope = "write" })).Str("key");
        var write = app.CreateClient();
        write.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", writeKey);

        Assert.Single((await write.GetJsonAsync("/api/v1/canned-responses"))["items"]!.AsArray());
        await (await write.PostAsJsonAsync("/api/v1/canned-responses", new { shortcut = "mine", text = "x" })).AssertProblemAsync(403);

        var other = await app.CreateWorkspaceAsync();
        Assert.Empty((await other.Api.GetJsonAsync("/api/v1/canned-responses"))["items"]!.AsArray());
        var id = (await workspace.Api.GetJsonAsync("/api/v1/canned-responses"))["items"]![0].Int("id");
        await (await other.Api.PutAsJsonAsync($"/api/v1/canned-responses/{id}", new { shortcut = "hijack", text = "x" })).AssertProblemAsync(404);
    }
}
