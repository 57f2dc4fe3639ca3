namespace Suppuo.Core.Delivery;

/// <summary>What one attempt to hand a reply to the provider came to.</summary>
public abstract record SendOutcome
{
    /// <summary>The provider took it and gave it this id: the delivery is `sent`.</summary>
    public sealed record Accepted(string ProviderMessageId) : SendOutcome;

    /// <summary>
    /// Worth trying again later. <see cref="MayHaveArrived"/> is true when the request went out and its answer was
    /// lost (timeout, 5xx): the next attempt must look for the message at the provider before sending again.
    /// </summary>
    public sealed record Retry(string Reason, bool MayHaveArrived) : SendOutcome;

    /// <summary>Will not work by trying again: `failed` with a reason a person can act on; <see cref="Health"/> flags the connection (W16).</summary>
    public sealed record Failed(string Reason, string? Health = null) : SendOutcome;
}
