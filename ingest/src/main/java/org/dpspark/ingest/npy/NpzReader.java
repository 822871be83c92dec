package org.dpspark.ingest.npy;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads the arrays of a NumPy {@code .npz} archive (a zip of {@code name.npy} entries, stored or deflated).
 * Keys are entry names without {@code .npy}. A row range of a deflated entry is read by inflating and
 * discarding the rows before it, so memory is bounded by the range.
 */
public final class NpzReader implements Closeable {
    private final Path file;
    private final ZipFile zip;

    /** Opens an archive; a file that is not a zip is an {@link NpyFormatException} naming it. */
    public NpzReader(Path file) throws IOException {
        this.file = file;
        try {
            this.zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new NpyFormatException(file.toString(), "not a valid .npz (zip) archive: " + e.getMessage());
        }
    }

    /** Array names in archive order. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        Enumeration<? extends ZipEntry> en = zip.entries();
        while (en.hasMoreElements()) {
            String n = en.nextElement().getName();
            keys.add(n.endsWith(".npy") ? n.substring(0, n.length() - 4) : n);
        }
        return keys;
    }

    public boolean has(String key) {
        return entry(key) != null;
    }

    /** The header of an array. */
    public NpyHeader header(String key) throws IOException {
        try (InputStream in = open(key)) {
            return NpyHeader.read(in, source(key));
        }
    }

    /** A whole array. */
    public NpyArray read(String key) throws IOException {
        try (InputStream in = open(key)) {
            NpyHeader h = checkedHeader(in, key);
            return NpyReader.readRows(in, h, source(key), 0, h.rows());
        }
    }

    /** Rows {@code [from, to)} of the first axis of an array. */
    public NpyArray readRows(String key, long from, long to) throws IOException {
        try (InputStream in = open(key)) {
            NpyHeader h = checkedHeader(in, key);
            return NpyReader.readRows(in, h, source(key), from, to);
        }
    }

    private NpyHeader checkedHeader(InputStream in, String key) throws IOException {
        NpyHeader h = NpyHeader.read(in, source(key));
        long size = entry(key).getSize();
        if (size >= 0 && size - h.dataOffset() < h.dataBytes()) {
            throw new NpyFormatException(source(key), "truncated data section: " + h + " needs " + h.dataBytes()
                    + " bytes after the header, entry has " + Math.max(0, size - h.dataOffset()));
        }
        return h;
    }

    private InputStream open(String key) throws IOException {
        ZipEntry e = entry(key);
        if (e == null) {
            throw new NpyFormatException(file.toString(), "no array '" + key + "' (has " + keys() + ")");
        }
        try {
            return zip.getInputStream(e);
        } catch (ZipException ex) {
            throw new NpyFormatException(source(key), "unreadable zip entry: " + ex.getMessage());
        }
    }

    private ZipEntry entry(String key) {
        ZipEntry e = zip.getEntry(key + ".npy");
        return e != null ? e : zip.getEntry(key);
    }

    private String source(String key) {
        return file + "[" + key + "]";
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
