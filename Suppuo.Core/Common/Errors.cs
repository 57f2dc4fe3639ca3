namespace Suppuo.Core.Common;

/// <summary>Input that breaks a rule; each entry names the field (camelCase, as the API spells it).</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The request is not valid: " + string.Join("; ", errors.SelectMany(e => e.Value.Select(v => $"{e.Key}: {v}"))))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public ValidationFailedException(string field, string error) : this(new Dictionary<string, string[]> { [field] = [error] }) { }
}

/// <summary>What the caller's workspace cannot see: missing, or another workspace's (never confirm which).</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The request clashes with the current state (a taken number, a duplicate owner email, …).</summary>
public sealed class ConflictException(string message) : Exception(message);

/// <summary>A provider (Twilio, Meta) refused the credentials or the number: the caller must fix what they entered.</summary>
public sealed class ProviderRejectedException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>A provider could not be reached or failed on its side: nothing was saved, try again later.</summary>
public sealed class ProviderUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The caller may not do this: an agent asking for an admin's change, or an API key whose scope does not cover it.</summary>
public sealed class ForbiddenException(string message) : Exception(message);
