package org.dpspark.ingest.npy;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a {@code .npz} archive of float64/int32 arrays, deflated (like {@code numpy.savez_compressed}) or
 * stored (like {@code numpy.savez}). Each array is built in memory before it is added.
 */
public final class NpzWriter implements Closeable {
    private final ZipOutputStream zip;
    private final boolean deflate;

    public NpzWriter(Path file, boolean deflate) throws IOException {
        this.zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        this.deflate = deflate;
    }

    /** Adds {@code key.npy} holding a float64 array (row-major values). */
    public NpzWriter putF8(String key, long[] shape, double[] values) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        NpyWriter.writeF8(b, shape, values);
        return put(key, b.toByteArray());
    }

    /** Adds {@code key.npy} holding an int32 array (row-major values). */
    public NpzWriter putI4(String key, long[] shape, int[] values) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        NpyWriter.writeI4(b, shape, values);
        return put(key, b.toByteArray());
    }

    private NpzWriter put(String key, byte[] npy) throws IOException {
        ZipEntry e = new ZipEntry(key + ".npy");
        if (!deflate) {
            CRC32 crc = new CRC32();
            crc.update(npy);
            e.setMethod(ZipEntry.STORED);
            e.setSize(npy.length);
            e.setCompressedSize(npy.length);
            e.setCrc(crc.getValue());
        }
        zip.putNextEntry(e);
        zip.write(npy);
        zip.closeEntry();
        return this;
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
