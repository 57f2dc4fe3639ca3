using Microsoft.Extensions.Localization;

namespace Suppuo.Web.Components;

/// <summary>
/// W24: the words many agent pages share — state, channel, delivery, role and scope names — in Words.resx, so "pending"
/// reads "menunggu" alike in the inbox, the ticket and the notices.
/// </summary>
public sealed class Words;

internal static class WordsExtensions
{
    /// <summary>How the UI names an enum value to people, in their language (the key is "Type_Value").</summary>
    public static string Of<T>(this IStringLocalizer<Words> words, T value) where T : struct, Enum => words[$"{typeof(T).Name}_{value}"];
}
