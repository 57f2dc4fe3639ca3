using Suppuo.Core.Common;

namespace Suppuo.Core.Attachments;

/// <summary>Wakes the media download job when inbound media is stored as pending (W8).</summary>
public sealed class MediaDownloadSignal : WorkSignal;
