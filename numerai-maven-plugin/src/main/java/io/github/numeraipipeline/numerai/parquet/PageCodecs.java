package io.github.numeraipipeline.numerai.parquet;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Page compression for the codecs Numerai-style files use, calling snappy-java, zstd-jni and java.util.zip
 * directly on byte arrays instead of going through Hadoop's codec streams. Stateless, hence safe for the reader to
 * decompress several columns at once; it also keeps Hadoop's codec pool (and its log lines) out of the way.
 */
public final class PageCodecs implements CompressionCodecFactory {
    static final Set<CompressionCodecName> SUPPORTED = EnumSet.of(CompressionCodecName.UNCOMPRESSED,
            CompressionCodecName.SNAPPY, CompressionCodecName.GZIP, CompressionCodecName.ZSTD);
    public static final PageCodecs INSTANCE = new PageCodecs();

    /** zstd's default level, as Parquet-MR and pyarrow use. */
    private static final int ZSTD_LEVEL = 3;

    private PageCodecs() {}

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        requireSupported(codec);
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                return BytesInput.from(PageCodecs.compress(codec, bytes.toByteArray()));
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {}
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        requireSupported(codec);
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int decompressedSize) throws IOException {
                ByteBuffer input = bytes.toByteBuffer();
                return BytesInput.from(PageCodecs.decompress(codec, input, decompressedSize));
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
                    throws IOException {
                ByteBuffer slice = input.slice();
                slice.limit(compressedSize);
                output.put(PageCodecs.decompress(codec, slice, decompressedSize));
                input.position(input.position() + compressedSize);
            }

            @Override
            public void release() {}
        };
    }

    @Override
    public void release() {}

    private static void requireSupported(CompressionCodecName codec) {
        if (!SUPPORTED.contains(codec)) {
            throw new UnsupportedOperationException("compression " + codec + " is not supported, only " + SUPPORTED);
        }
    }

    private static byte[] compress(CompressionCodecName codec, byte[] input) throws IOException {
        switch (codec) {
            case UNCOMPRESSED:
                return input;
            case SNAPPY:
                return Snappy.compress(input);
            case ZSTD:
                return Zstd.compress(input, ZSTD_LEVEL);
            case GZIP:
                ByteArrayOutputStream output = new ByteArrayOutputStream(input.length / 2 + 64);
                try (GZIPOutputStream gzip = new GZIPOutputStream(output)) {
                    gzip.write(input);
                }
                return output.toByteArray();
            default:
                throw new IllegalStateException(codec.toString());
        }
    }

    private static byte[] decompress(CompressionCodecName codec, ByteBuffer input, int size) throws IOException {
        ByteRange range = ByteRange.of(input);
        byte[] source = range.array();
        int offset = range.start();
        int length = range.length();
        byte[] output = new byte[size];
        switch (codec) {
            case UNCOMPRESSED -> System.arraycopy(source, offset, output, 0, Math.min(length, size));
            case SNAPPY -> Snappy.uncompress(source, offset, length, output, 0);
            case ZSTD -> {
                long result = Zstd.decompressByteArray(output, 0, size, source, offset, length);
                if (Zstd.isError(result)) {
                    throw new IOException("zstd: " + Zstd.getErrorName(result));
                }
            }
            case GZIP -> {
                try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(source, offset, length))) {
                    if (gzip.readNBytes(output, 0, size) != size) {
                        throw new IOException("gzip page shorter than its header says (" + size + " bytes)");
                    }
                }
            }
            default -> throw new IllegalStateException(codec.toString());
        }
        return output;
    }
}
