using Suppuo.Core.Common;

namespace Suppuo.Web.Api;

/// <summary>Enum values as the API spells them: lowercase names ("open", "whatsapp"), read once at the edge.</summary>
public static class ApiEnum
{
    public static string ToApi<T>(this T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    public static string Allowed<T>() where T : struct, Enum =>
        string.Join(", ", Enum.GetValues<T>().Select(v => v.ToApi()));

    /// <summary>An optional value: null when absent, else the value, or an error naming <paramref name="field"/>.</summary>
    public static T? Optional<T>(this ApiInput input, string field, string? text) where T : struct, Enum
    {
        if (text is null)
            return null;
        if (TryParse<T>(text, out var value))
            return value;
        input.Add(field, $"Unknown {field} '{text}': use one of {Allowed<T>()}.");
        return null;
    }

    public static T? Required<T>(this ApiInput input, string field, string? text) where T : struct, Enum
    {
        if (text is null)
            input.Add(field, $"Is required: one of {Allowed<T>()}.");
        return input.Optional<T>(field, text);
    }

    private static bool TryParse<T>(string text, out T value) where T : struct, Enum
    {
        value = default;
        return !int.TryParse(text, out _) // "1" is not a status
            && Enum.TryParse(text, ignoreCase: true, out value)
            && Enum.IsDefined(value);
    }
}

/// <summary>
/// What the API layer found wrong while reading a request into a command. Reported together with the command's own
/// rules, as one 400, so a caller sees every field to fix at once; the API's word on a field comes first.
/// </summary>
public sealed class ApiInput
{
    private readonly Dictionary<string, string[]> _errors = [];

    public void Add(string field, string error) =>
        _errors[field] = _errors.TryGetValue(field, out var earlier) ? [.. earlier, error] : [error];

    public TCommand Checked<TCommand>(TCommand command) where TCommand : IValidatable
    {
        if (_errors.Count == 0)
            return command;
        var rules = new ValidationErrors();
        command.Validate(rules);
        var all = rules.ToDictionary().Where(e => !_errors.ContainsKey(e.Key)).Concat(_errors).ToDictionary();
        throw new ValidationFailedException(all);
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
            throw new ValidationFailedException(_errors);
    }
}
