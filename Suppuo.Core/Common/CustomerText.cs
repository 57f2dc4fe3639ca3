using System.Text.RegularExpressions;
using Suppuo.Core.Workspaces;

namespace Suppuo.Core.Common;

/// <summary>
/// W24: everything Suppuo itself writes to a customer — mails, default auto-reply and rating texts, the status page's
/// refusals, placeholders — in the workspace's language. One typed catalogue per language, so a missing translation is a
/// compile error, and picked by the workspace's language explicitly, never by the thread's culture (a background worker
/// or a customer's browser would choose another). Indonesian is written as Indonesian shops write to customers: "Kak"
/// and "Anda", not a word-for-word copy of the English.
/// </summary>
public abstract partial class CustomerText
{
    public static CustomerText For(string? language) => language == Languages.Indonesian ? Indonesian.Instance : English.Instance;

    /// <summary>Every catalogue, for what must recognise Suppuo's own earlier texts in either language.</summary>
    public static IReadOnlyList<CustomerText> All { get; } = [English.Instance, Indonesian.Instance];

    public abstract string Language { get; }

    // Mails (W12)
    public abstract string ReceivedSubject(string subject, int ticketId);
    public abstract string ReceivedBody(string? requesterName, string subject, int ticketId, string receivedAt);
    public virtual string ReplySubject(string subject, int ticketId) => $"Re: {subject} [#{ticketId}]";
    public abstract string FilesAttached(int count);
    public abstract string MailFooter(string statusUrl);

    // Automation (W13, CSAT)
    public abstract string DefaultAutoReply { get; }
    /// <summary>What {{requester.name}} reads when the customer's name is unknown.</summary>
    public abstract string UnknownRequesterName { get; }
    /// <summary>How the rating request starts; recognised to ask once per resolution.</summary>
    public abstract string RatingQuestion { get; }
    public abstract string RatingRequest(string statusUrl);

    // The status page's answers (its labels live in the page's resources)
    public abstract string WriteMessageOrAttach { get; }
    public abstract string TooLong(int max, int actual);
    public abstract string FileEmpty(string? fileName);
    public abstract string FileTooLarge(string? fileName, long maxMegabytes);
    public abstract string FileRefused(string? fileName);
    public abstract string RequestClosed { get; }
    public abstract string ChooseRating { get; }
    public abstract string RateOnceResolved { get; }
    public abstract string TooLargeTitle { get; }
    public abstract string TooLargeBody(long maxMegabytes);

    /// <summary>A file the customer opens on the status page because it does not travel on its own (W14).</summary>
    public abstract string AttachmentPlaceholder(string fileName);

    /// <summary>
    /// A message body as its customer reads it back on the status page: the placeholders ingest stores for what is not
    /// text ("[location: …]", "[attachment: …]"), which stay English in the record agents and the API read, named in
    /// this language. Only at the start of a line, where ingest writes them.
    /// </summary>
    public virtual string Placeholders(string body) => body;

    [GeneratedRegex(@"^\[(?<kind>attachment|location|contact|reply|button|reaction removed|reaction|order|system|unsupported message|message could not be read)(?=[:\]])", RegexOptions.Multiline)]
    private static partial Regex PlaceholderKind();

    [GeneratedRegex(@"^\[pesanan: (?<count>\d+) item\(s\)\]", RegexOptions.Multiline)]
    private static partial Regex OrderCount();

    private sealed class English : CustomerText
    {
        public static readonly English Instance = new();

        public override string Language => Languages.English;

        public override string ReceivedSubject(string subject, int ticketId) => $"We received your request: {subject} [#{ticketId}]";

        public override string ReceivedBody(string? requesterName, string subject, int ticketId, string receivedAt) =>
            $"Hello{(string.IsNullOrWhiteSpace(requesterName) ? "" : " " + requesterName.Trim())},\n\n"
            + $"Thanks for getting in touch. We received your request \"{subject}\" (#{ticketId}) on {receivedAt} and will answer soon.";

        public override string FilesAttached(int count) =>
            $"({count} file{(count == 1 ? "" : "s")} attached: open them from the link below.)";

        public override string MailFooter(string statusUrl) => $"Follow your request and reply here: {statusUrl}";

        public override string DefaultAutoReply =>
            "Thanks for contacting us! We received your request #{{ticket.id}} and will reply soon. Follow it here: {{status_url}}";

        public override string UnknownRequesterName => "there";
        public override string RatingQuestion => "How did we do?";
        public override string RatingRequest(string statusUrl) => $"{RatingQuestion} Please rate our help from 1 to 5: {statusUrl}";

        public override string WriteMessageOrAttach => "Write a message or attach a file.";
        public override string TooLong(int max, int actual) => $"Must be at most {max} characters (got {actual}).";
        public override string FileEmpty(string? fileName) => $"'{fileName}' is empty.";

        public override string FileTooLarge(string? fileName, long maxMegabytes) =>
            $"'{fileName}' is larger than {maxMegabytes} MB; files can be at most {maxMegabytes} MB.";

        public override string FileRefused(string? fileName) =>
            $"'{fileName}' cannot be sent: web pages, scripts and programs are not accepted. Send a photo, a PDF, an Office document, a text file, a voice note or a video instead.";

        public override string RequestClosed => "This request is closed, so it cannot take new replies. Please contact us again to open a new one.";
        public override string ChooseRating => "Choose a rating from 1 (bad) to 5 (great).";
        public override string RateOnceResolved => "You can rate this request once it is resolved.";
        public override string TooLargeTitle => "That file is too large";

        public override string TooLargeBody(long maxMegabytes) =>
            $"Files can be at most {maxMegabytes} MB. Go back, choose a smaller file and send your reply again.";
        public override string AttachmentPlaceholder(string fileName) => $"[attachment: {fileName}]";
    }

    private sealed class Indonesian : CustomerText
    {
        public static readonly Indonesian Instance = new();

        public override string Language => Languages.Indonesian;

        public override string ReceivedSubject(string subject, int ticketId) => $"Permintaan Anda sudah kami terima: {subject} [#{ticketId}]";

        public override string ReceivedBody(string? requesterName, string subject, int ticketId, string receivedAt) =>
            $"Halo Kak{(string.IsNullOrWhiteSpace(requesterName) ? "" : " " + requesterName.Trim())},\n\n"
            + $"Terima kasih sudah menghubungi kami. Permintaan Anda \"{subject}\" (#{ticketId}) sudah kami terima pada {receivedAt} "
            + "dan akan segera kami balas.";

        public override string FilesAttached(int count) => $"({count} berkas terlampir: silakan buka lewat tautan di bawah.)";

        public override string MailFooter(string statusUrl) => $"Pantau permintaan Anda dan balas di sini: {statusUrl}";

        public override string DefaultAutoReply =>
            "Halo Kak, terima kasih sudah menghubungi kami! Permintaan Anda #{{ticket.id}} sudah kami terima dan akan segera kami balas. "
            + "Pantau perkembangannya di sini: {{status_url}}";

        // "Halo {{requester.name}}" reads "Halo Kak", as a shop greets a customer whose name it does not know.
        public override string UnknownRequesterName => "Kak";
        public override string RatingQuestion => "Bagaimana pelayanan kami?";

        public override string RatingRequest(string statusUrl) =>
            $"{RatingQuestion} Mohon beri nilai 1 sampai 5 untuk bantuan kami ya, Kak: {statusUrl}";

        public override string WriteMessageOrAttach => "Silakan tulis pesan atau lampirkan berkas.";
        public override string TooLong(int max, int actual) => $"Maksimal {max} karakter (saat ini {actual}).";
        public override string FileEmpty(string? fileName) => $"Berkas '{fileName}' kosong.";

        public override string FileTooLarge(string? fileName, long maxMegabytes) =>
            $"Berkas '{fileName}' lebih dari {maxMegabytes} MB; ukuran berkas maksimal {maxMegabytes} MB.";

        public override string FileRefused(string? fileName) =>
            $"Maaf, berkas '{fileName}' tidak dapat dikirim: halaman web, skrip, dan program tidak diterima. Silakan kirim foto, PDF, dokumen Office, berkas teks, pesan suara, atau video.";

        public override string RequestClosed => "Permintaan ini sudah ditutup, jadi tidak bisa dibalas lagi. Silakan hubungi kami kembali untuk membuat permintaan baru.";
        public override string ChooseRating => "Silakan pilih nilai dari 1 (buruk) sampai 5 (sangat baik).";
        public override string RateOnceResolved => "Anda dapat memberi nilai setelah permintaan ini selesai.";
        public override string TooLargeTitle => "Maaf, berkasnya terlalu besar";

        public override string TooLargeBody(long maxMegabytes) =>
            $"Ukuran berkas maksimal {maxMegabytes} MB. Silakan kembali, pilih berkas yang lebih kecil, lalu kirim balasan Anda lagi.";
        public override string AttachmentPlaceholder(string fileName) => $"[lampiran: {fileName}]";

        public override string Placeholders(string body) => body.Contains('[', StringComparison.Ordinal)
            ? OrderCount().Replace(PlaceholderKind().Replace(body, match => "[" + match.Groups["kind"].Value switch
            {
                "attachment" => "lampiran",
                "location" => "lokasi",
                "contact" => "kontak",
                "reply" => "balasan",
                "button" => "tombol",
                "reaction removed" => "reaksi dihapus",
                "reaction" => "reaksi",
                "order" => "pesanan",
                "system" => "sistem",
                "unsupported message" => "pesan tidak didukung",
                _ => "pesan tidak dapat dibaca",
            }), match => $"[pesanan: {match.Groups["count"].Value} barang]")
            : body;
    }
}
