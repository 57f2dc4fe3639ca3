using System.Security.Cryptography;

namespace Suppuo.Core.Attachments;

/// <summary>
/// A download's body on its way into the attachment store: counted, so that more than the limit stops it (the declared
/// length may be absent or wrong), and hashed, so that its checksum is known without keeping the bytes.
/// </summary>
internal sealed class MeteredStream(Stream inner, long maxBytes) : Stream
{
    public sealed class TooLongException() : IOException("The download is larger than allowed.");

    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long Count { get; private set; }

    /// <summary>The SHA-256 of everything read; call once, after the end.</summary>
    public byte[] Hash() => _sha256.GetHashAndReset();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Counted(buffer.Span, read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Counted(buffer.AsSpan(offset, count), inner.Read(buffer, offset, count));

    private int Counted(ReadOnlySpan<byte> buffer, int read)
    {
        Count += read;
        if (Count > maxBytes)
            throw new TooLongException();
        _sha256.AppendData(buffer[..read]);
        return read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Count; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sha256.Dispose();
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
