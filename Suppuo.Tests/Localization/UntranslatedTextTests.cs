using System.Text;
using System.Text.RegularExpressions;

namespace Suppuo.Tests.Localization;

/// <summary>
/// W24: no hard-coded English left in the agent UI. Reads every agent .razor file for text a person sees that does not
/// go through the localizer: text between tags, the attributes people read (Label=, Placeholder=, title=, …) and
/// snackbar messages. Code, @-expressions, comments, test ids and CSS classes are not text. The customer pages
/// (Status/*, StatusLayout) speak the workspace's language by other means and are checked by their own tests.
/// </summary>
public partial class UntranslatedTextTests
{
    private static readonly string[] CustomerFacing = ["Status" + Path.DirectorySeparatorChar, Path.Combine("Layout", "StatusLayout.razor")];

    /// <summary>Attributes whose value a person reads or hears.</summary>
    private static readonly HashSet<string> ReadAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "Label", "Placeholder", "HelperText", "title", "aria-label", "Text", "ErrorText", "alt", "Title", "Tooltip", "ButtonText",
    };

    /// <summary>Names and tokens that read alike in every language.</summary>
    private static readonly HashSet<string> AllowList = new(StringComparer.Ordinal)
    {
        "Suppuo", "WhatsApp", "Twilio", "Meta", "Meta Cloud API", "/api/v1", "{{ticket.id}}", "{{requester.name}}", "{{status_url}}", "AC…",
    };

    public static TheoryData<string> AgentRazorFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Sources.Components, "*.razor", SearchOption.AllDirectories).Order())
        {
            var relative = Path.GetRelativePath(Sources.Components, file);
            if (!CustomerFacing.Any(relative.StartsWith))
                data.Add(relative);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AgentRazorFiles))]
    public void W24_agent_pages_have_no_text_outside_the_localizer(string file) =>
        Assert.Empty(FindUntranslated(File.ReadAllText(Path.Combine(Sources.Components, file))));

    [Fact]
    public void The_scan_finds_text_attributes_and_snackbars_and_ignores_code() =>
        Assert.Equal(
            ["text: Hello there", "title: Close it", "Label: Name", "text: Rated /5", "text: Sign out", "snackbar: Saved", "literal: Close it", "literal: Load more"],
            FindUntranslated("""
                @* A comment with words *@
                <h1 class="mud-typography" data-testid="greeting">Hello there</h1>
                <span title="Close it" aria-label="@L["Close"]">@L["Closed"] · @item.Name</span>
                <MudTextField Label="Name" Placeholder="@L["Hint"]" OnClick="() => count > 0" />
                @if (count > 0 && items.Any(i => i.Done))
                {
                    <b>Rated @rating/5</b>
                }
                else
                {
                    var url = $"files/{id}";
                    <a href="@url">@(done ? L["Yes"] : L["No"])</a>
                }
                @code {
                    private void Save() => Snackbar.Add("Saved", Severity.Success); // "Not This One"
                    private RenderFragment More() => LeanButton.Render("Load more", L["Key"], "Meta Cloud API");
                    private RenderFragment Row(string text) => @<div class="row"><button>Sign out</button>@text</div>;
                }
                """));

    /// <summary>Each finding as "where: text".</summary>
    internal static List<string> FindUntranslated(string source)
    {
        source = Directive().Replace(RazorComment().Replace(source, ""), "");
        var findings = new List<string>();
        foreach (Match snackbar in SnackbarLiteral().Matches(source))
            findings.Add("snackbar: " + snackbar.Groups[1].Value);
        // Words handed to C# (a helper's label, a dialog's title, a validation message): a string of several words
        // with a capital is a sentence, where resource keys are one word.
        foreach (Match literal in SentenceLiteral().Matches(LineComment().Replace(source, "")))
            if (!AllowList.Contains(literal.Groups[1].Value))
                findings.Add("literal: " + literal.Groups[1].Value);

        var codeAt = CodeBlock().Match(source);
        var markup = codeAt.Success ? source[..codeAt.Index] : source;
        var fragments = new List<string> { markup };
        if (codeAt.Success)
            fragments.AddRange(Template().Matches(source[codeAt.Index..]).Select(m => m.Value[1..]));

        var scanned = new List<string>();
        foreach (var fragment in fragments)
            Scan(fragment, scanned);
        // Snackbars are found on the whole file; keep the order markup first for readable failures.
        return scanned.Concat(findings).ToList();
    }

    private static void Scan(string markup, List<string> findings)
    {
        var text = new StringBuilder();
        var i = 0;
        while (i < markup.Length)
        {
            // An @-expression may hold < and > (generics, comparisons): it is code, not a tag.
            if (markup[i] == '@' && i + 1 < markup.Length && markup[i + 1] != '@')
            {
                i = SkipExpression(markup, i);
                continue;
            }
            if (markup[i] == '<' && i + 1 < markup.Length && (char.IsLetter(markup[i + 1]) || markup[i + 1] is '/' or '!'))
            {
                Flush(text, findings);
                var tagStart = i;
                i = ReadTag(markup, i, findings, out var name);
                if (markup[tagStart + 1] != '/' && name is "code" or "kbd" or "style" or "script" && markup.IndexOf("</" + name + ">", i, StringComparison.Ordinal) is var end and >= 0)
                {
                    var inner = markup[i..end].Trim();
                    if (inner.Length > 0 && !AllowList.Contains(inner) && name is "style" or "script" == false && inner.Any(char.IsLetter) && !inner.StartsWith('@'))
                        findings.Add($"text: {inner}");
                    i = end;
                }
                continue;
            }
            text.Append(markup[i++]);
        }
        Flush(text, findings);
    }

    private static void Flush(StringBuilder text, List<string> findings)
    {
        var content = StripCode(text.ToString());
        text.Clear();
        foreach (var line in content.Split('\n'))
        {
            var words = line.Trim();
            if (words.Length > 0 && words.Any(char.IsLetter) && !AllowList.Contains(words) && !IsCSharp(words))
                findings.Add("text: " + words);
        }
    }

    /// <summary>Reads a tag from &lt; to its end, reporting read attributes with literal letters; returns the index after it.</summary>
    private static int ReadTag(string s, int i, List<string> findings, out string name)
    {
        i++;
        var start = i;
        while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] != '>' && !(s[i] == '/' && i > start))
            i++;
        name = s[start..i].TrimStart('/');
        while (i < s.Length)
        {
            if (s[i] == '>')
                return i + 1;
            if (char.IsWhiteSpace(s[i]) || s[i] == '/')
            {
                i++;
                continue;
            }
            var attrStart = i;
            while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] != '=' && s[i] != '>')
                i++;
            var attribute = s[attrStart..i];
            if (i < s.Length && s[i] == '=')
            {
                i++;
                var value = ReadValue(s, ref i);
                if (ReadAttributes.Contains(attribute) && !AllowList.Contains(value) && StripCode(value).Any(char.IsLetter))
                    findings.Add($"{attribute}: {value}");
            }
        }
        return i;
    }

    /// <summary>An attribute value: quoted (quotes inside @(...) or @L["..."] do not end it) or bare.</summary>
    private static string ReadValue(string s, ref int i)
    {
        if (s[i] != '"' && s[i] != '\'')
        {
            var bare = i;
            while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] != '>')
                i++;
            return s[bare..i];
        }
        var quote = s[i++];
        var start = i;
        var depth = 0;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c is '(' or '[' or '{')
                depth++;
            else if (c is ')' or ']' or '}')
                depth--;
            else if (c == quote && depth <= 0)
                break;
        }
        return s[start..i++];
    }

    /// <summary>Removes @-expressions and @{ } blocks, leaving the literal text around them.</summary>
    private static string StripCode(string text)
    {
        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '@')
            {
                result.Append(text[i]);
                continue;
            }
            if (i + 1 < text.Length && text[i + 1] == '@')
            {
                result.Append('@');
                i++;
                continue;
            }
            i = SkipExpression(text, i) - 1;
        }
        return result.ToString();
    }

    /// <summary>
    /// The index after the @-expression at <paramref name="at"/>: @(…), @{…}, @identifier.member(args)[index]…, or
    /// @if (…) / @foreach (…) with its condition.
    /// </summary>
    private static int SkipExpression(string text, int at)
    {
        var j = at + 1;
        if (j < text.Length && text[j] is '(' or '{')
            return SkipBalanced(text, j);
        while (j < text.Length)
        {
            if (char.IsLetterOrDigit(text[j]) || text[j] == '_' || (text[j] == '.' && j + 1 < text.Length && char.IsLetter(text[j + 1])))
                j++;
            else if (text[j] is '(' or '[')
                j = SkipBalanced(text, j);
            else if (text[j] == ' ' && text[(at + 1)..j] is "if" or "foreach" or "for" or "while" or "switch" or "using" && j + 1 < text.Length && text[j + 1] == '(')
                j = SkipBalanced(text, j + 1);
            else
                break;
        }
        return j;
    }

    private static int SkipBalanced(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] is '(' or '[' or '{')
                depth++;
            else if (text[i] is ')' or ']' or '}' && --depth == 0)
                return i + 1;
        }
        return text.Length;
    }

    /// <summary>Control flow and statements between tags: else, else if (…), braces, a line of C# ending in ;.</summary>
    private static bool IsCSharp(string line) =>
        line.EndsWith(';') || CSharpLine().IsMatch(line);

    [GeneratedRegex(@"@\*[\s\S]*?\*@")]
    private static partial Regex RazorComment();

    [GeneratedRegex(@"^\s*@(page|using|inject|attribute|implements|inherits|layout|namespace|rendermode|typeparam)\b.*$", RegexOptions.Multiline)]
    private static partial Regex Directive();

    [GeneratedRegex(@"^@code\s*\{", RegexOptions.Multiline)]
    private static partial Regex CodeBlock();

    // A Razor template inside code: @<tag …>…</tag>; up to the statement's end.
    [GeneratedRegex(@"@<([a-zA-Z][\w.]*)\b[\s\S]*?</\1>\s*;")]
    private static partial Regex Template();

    [GeneratedRegex("""Snackbar\.Add\(\s*\$?"([^"]*)""")]
    private static partial Regex SnackbarLiteral();

    [GeneratedRegex("\"([A-Z][A-Za-z-]*(?: [A-Za-z-]+)+[.…?!]?)\"")]
    private static partial Regex SentenceLiteral();

    [GeneratedRegex(@"(?<!:)//.*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"^(\}?\s*else(\s+if\s*\(.*\))?\s*\{?|[{}]|\}\s*|if\s*\(.*\)\s*\{?)$")]
    private static partial Regex CSharpLine();
}
