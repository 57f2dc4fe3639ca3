using System.Text.Json;
using Suppuo.Core.Common;

namespace Suppuo.Web.Api;

/// <summary>PATCH bodies read as JSON, so that an absent field and a null one differ.</summary>
public static class JsonFields
{
    public static string? OptionalString(JsonElement body, string name, out bool present)
    {
        present = body.TryGetProperty(name, out var value);
        if (!present || value.ValueKind == JsonValueKind.Null)
            return null;
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new ValidationFailedException(name, $"Must be a string (got {value.ValueKind.ToString().ToLowerInvariant()}).");
    }
}
