using Suppuo.Tests.Support;

namespace Suppuo.Tests.Api;

/// <summary>/healthz, the OpenAPI document and its reference page (docs/contract.md, "Pages").</summary>
public class PlatformEndpointsTests(SuppuoApp app) : IClassFixture<SuppuoApp>
{
    [Fact]
    public async Task Healthz_answers_ok_without_a_key()
    {
        var response = await app.CreateClient().GetAsync("/healthz");
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_tickets_api_and_its_bearer_key()
    {
        var document = await app.CreateClient().GetJsonAsync("/openapi/v1.json");
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/tickets", paths);
        Assert.Contains("/api/v1/tickets/{id}", paths);
        Assert.Contains("/api/v1/tickets/{id}/messages", paths);
        Assert.Contains("/api/v1/attachments/{id}", paths);
        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["bearer"]!.Str("scheme"));
    }

    [Theory]
    [InlineData("/api/v1/tickets", "get", "401 400")]
    [InlineData("/api/v1/tickets", "post", "401 400")]
    [InlineData("/api/v1/tickets/{id}", "get", "401 404")]
    [InlineData("/api/v1/tickets/{id}", "patch", "401 400 404")]
    [InlineData("/api/v1/tickets/{id}/messages", "post", "401 400 404")]
    [InlineData("/api/v1/messages/{id}/retry", "post", "401 404 409")]
    [InlineData("/api/v1/attachments/{id}", "get", "401 404")]
    [InlineData("/api/v1/channels", "get", "401")]
    [InlineData("/api/v1/channels/whatsapp/twilio", "post", "401 400 409 422")]
    [InlineData("/api/v1/channels/whatsapp/cloud", "post", "401 400 409 422")]
    [InlineData("/api/v1/channels/{id}", "put", "401 400 404 422")]
    [InlineData("/api/v1/channels/{id}", "delete", "401 404")]
    [InlineData("/api/v1/settings/auto-reply", "put", "401 400")]
    public async Task The_openapi_document_lists_the_errors_each_endpoint_can_answer(string path, string method, string statuses)
    {
        var document = await app.CreateClient().GetJsonAsync("/openapi/v1.json");
        var responses = document["paths"]![path]![method]!["responses"]!.AsObject().Select(r => r.Key).ToList();
        Assert.All(statuses.Split(' '), status => Assert.Contains(status, responses));
    }

    [Fact]
    public async Task The_api_reference_page_is_browsable()
    {
        var response = await app.CreateClient().GetAsync("/api/reference");
        Assert.True(response.IsSuccessStatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task An_unknown_api_route_is_a_404_problem()
    {
        var workspace = await app.CreateWorkspaceAsync();
        await (await workspace.Api.GetAsync("/api/v1/nothing-here")).AssertProblemAsync(404);
    }
}
