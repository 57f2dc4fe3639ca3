using System.Resources;

namespace Suppuo.Web.Components.Account.Pages;

/// <summary>
/// W24: the account forms' validation messages in the reader's language. DataAnnotations reads an attribute's message
/// from a static property (ErrorMessageResourceType / ErrorMessageResourceName), where no IStringLocalizer can be
/// injected; these read ValidationTexts.resx in the request's culture.
/// </summary>
public static class ValidationTexts
{
    private static readonly ResourceManager Texts = new(typeof(ValidationTexts).FullName!, typeof(ValidationTexts).Assembly);

    public static string EnterName => Text();
    public static string ChoosePassword => Text();
    public static string PasswordLength => Text();
    public static string EnterEmail => Text();
    public static string ValidEmail => Text();
    public static string EnterPassword => Text();
    public static string NameWorkspace => Text();

    private static string Text([System.Runtime.CompilerServices.CallerMemberName] string key = "") => Texts.GetString(key)!;
}
