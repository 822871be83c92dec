package org.dpspark.core;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * File operations on table folders through Hadoop's FileSystem, so the same code works on a local
 * disk, HDFS or an object store: existence, listing, atomic rename of a folder (the commit of a run),
 * and small text files (sidecars) written to a temporary name and renamed.
 */
public final class TableFiles {
    private final Configuration conf;

    public TableFiles(Configuration conf) {
        this.conf = conf;
    }

    private FileSystem fs(String path) throws IOException {
        FileSystem fs = new Path(path).getFileSystem(conf);
        // No .crc side files beside sidecars on local disks.
        fs.setWriteChecksum(false);
        return fs;
    }

    /** Fully qualified form of a path (e.g. {@code file:/abs/path}). */
    public String qualify(String path) {
        try {
            return fs(path).makeQualified(new Path(path)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean exists(String path) {
        try {
            return fs(path).exists(new Path(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code path} exists and is a folder. */
    public boolean isDirectory(String path) {
        try {
            FileSystem fs = fs(path);
            Path p = new Path(path);
            return fs.exists(p) && fs.getFileStatus(p).isDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names of the direct children of a folder (empty when it does not exist). */
    public List<String> children(String dir) {
        try {
            FileSystem fs = fs(dir);
            Path p = new Path(dir);
            List<String> names = new ArrayList<>();
            if (!fs.exists(p)) {
                return names;
            }
            for (FileStatus s : fs.listStatus(p)) {
                names.add(s.getPath().getName());
            }
            names.sort(null);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renames {@code from} to {@code to} (parents created); fails if {@code to} exists. */
    public void rename(String from, String to) {
        try {
            FileSystem fs = fs(from);
            Path target = new Path(to);
            if (fs.exists(target)) {
                throw new IOException("cannot commit: " + to + " already exists");
            }
            fs.mkdirs(target.getParent());
            if (!fs.rename(new Path(from), target)) {
                throw new IOException("rename " + from + " -> " + to + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a path recursively (no error when absent). */
    public void delete(String path) {
        try {
            fs(path).delete(new Path(path), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a small UTF-8 file, or null when absent. */
    public String readString(String path) {
        try {
            FileSystem fs = fs(path);
            Path p = new Path(path);
            if (!fs.exists(p)) {
                return null;
            }
            try (FSDataInputStream in = fs.open(p)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a small UTF-8 file: to {@code path.tmp}, then renamed over {@code path}. */
    public void writeStringAtomically(String path, String content) {
        try {
            FileSystem fs = fs(path);
            Path target = new Path(path);
            Path tmp = new Path(path + ".tmp");
            fs.mkdirs(target.getParent());
            try (OutputStream out = fs.create(tmp, true)) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
            fs.delete(target, false);
            if (!fs.rename(tmp, target)) {
                throw new IOException("rename " + tmp + " -> " + target + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a folder only when it is empty (no error when absent or not empty): never removes others' files. */
    public void deleteIfEmpty(String dir) {
        try {
            FileSystem fs = fs(dir);
            Path p = new Path(dir);
            if (fs.exists(p) && fs.listStatus(p).length == 0) {
                fs.delete(p, false);
            }
        } catch (IOException e) {
            // not empty any more (another run just created a child) or gone: either way nothing to do
        }
    }

    /** Latest modification time (ms since the epoch) of {@code path} and its direct children; 0 when absent. */
    public long lastModified(String path) {
        try {
            FileSystem fs = fs(path);
            Path p = new Path(path);
            if (!fs.exists(p)) {
                return 0;
            }
            long t = fs.getFileStatus(p).getModificationTime();
            if (fs.getFileStatus(p).isDirectory()) {
                for (FileStatus s : fs.listStatus(p)) {
                    t = Math.max(t, s.getModificationTime());
                }
            }
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
