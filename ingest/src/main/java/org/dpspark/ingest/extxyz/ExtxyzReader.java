package org.dpspark.ingest.extxyz;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.dpspark.core.Elements;
import org.dpspark.core.Reject;
import org.dpspark.core.RejectReason;
import org.dpspark.core.UnsupportedUnitException;
import org.dpspark.ingest.read.Decompression;
import org.dpspark.ingest.read.FrameReader;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.ReadRecord;
import org.dpspark.ingest.read.RecordStream;

/**
 * Extended XYZ ({@code extxyz}), as written by ASE, QUIP/GAP, nequip, ACEpotentials and dpdata, and
 * plain XYZ. Reads like ASE's {@code ase.io.extxyz} and dpdata's {@code quip/gap/xyz}; the comment
 * line is described in {@link FrameHeader}, the atom columns in {@link PropertiesLayout}, units in
 * {@link ExtxyzUnits}, error handling and resynchronisation in {@link ExtxyzFrameSource}.
 *
 * <p>Differences from ASE, each deliberate: well-known keys are matched in any case; {@code force}
 * is accepted as the forces column (dpdata) besides {@code forces} (ASE); {@code virial(s)} and
 * {@code stress(es)} become the virial; when both {@code species} and {@code Z} columns are present
 * the species decides the element (as dpdata; ASE takes Z); an atom line with more columns than
 * {@code Properties} declares is an error (ASE ignores the extra ones); bad frames are rejected one
 * by one instead of failing the file.
 *
 * <p>Reader options ({@link ReadOptions#options()}): {@code energy_key} (e.g. {@code free_energy}),
 * {@code forces_key} (a column name). Units the file does not state come from
 * {@link ReadOptions#units()}. A gzip file (any name) is decompressed on the fly by {@link Decompression}.
 *
 * <p>Streaming: one frame in memory at a time; the whole file is one split ({@code firstFrame} /
 * {@code endFrame} of a split are honoured by reading past the frames before it).
 */
public final class ExtxyzReader implements FrameReader {

    @Override
    public String format() {
        return ExtxyzFrameSource.FORMAT;
    }

    /**
     * Content check: the first line is an atom count (digits only) and the second line is an
     * extxyz comment ({@code key=value} pairs with {@code Lattice} or {@code Properties}), or a plain
     * comment followed by a {@code Sym x y z} atom line.
     */
    @Override
    public boolean recognizes(InputProbe probe) {
        if (probe.isDirectory()) {
            return false;
        }
        String[] head = probe.headText().split("\r?\n", 4);
        if (head.length < 3) {
            return false;
        }
        String count = head[0].strip();
        if (count.isEmpty() || count.length() > 10 || !count.chars().allMatch(Character::isDigit)) {
            return false;
        }
        String comment = head[1];
        String lower = comment.toLowerCase(java.util.Locale.ROOT);
        if (comment.contains("=") && (lower.contains("lattice=") || lower.contains("properties="))) {
            return true;
        }
        return looksLikeAtom(head[2]);
    }

    private static boolean looksLikeAtom(String line) {
        String[] t = line.strip().split("\\s+");
        if (t.length < 4 || !Elements.isSymbol(t[0]) && !isLabel(t[0])) {
            return false;
        }
        try {
            for (int i = 1; i <= 3; i++) {
                FastDoubleParser.parse(t[i]);
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isLabel(String s) {
        try {
            Elements.atomicNumberOfLabel(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public RecordStream read(InputSplit split, ReadOptions options) {
        String file = split.path();
        String dataset = Objects.requireNonNullElse(options.dataset(), "");
        try {
            ExtxyzUnits.checkUserUnits(options.units());
        } catch (UnsupportedUnitException e) {
            return RecordStream.of(List.of(ReadRecord.reject(new Reject(dataset, file, -1, null, format(),
                    RejectReason.UNSUPPORTED_UNIT, e.getMessage() + " (stated in the read options)"))));
        }
        InputStream in;
        try {
            in = open(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return RecordStream.of(List.of(ReadRecord.reject(new Reject(dataset, file, -1, null, format(),
                    RejectReason.IO_ERROR, "cannot open: " + e))));
        }
        ExtxyzFrameSource source = new ExtxyzFrameSource(new ByteLineReader(in), file, dataset, options.units(),
                options.options().get("energy_key"), options.options().get("forces_key"));
        long first = split.firstFrame();
        long end = split.endFrame();
        RecordStream.Generator ranged = first <= 0 && end < 0 ? source : () -> {
            while (true) {
                ReadRecord r = source.next();
                if (r == null) {
                    return null;
                }
                int idx = r.isFrame() ? r.frame().sourceIndex() : r.reject().sourceIndex();
                if (idx >= 0 && idx < first) {
                    continue;
                }
                if (end >= 0 && idx >= end) {
                    source.close();
                    return null;
                }
                return r;
            }
        };
        return RecordStream.generate(ranged, source);
    }

    private static InputStream open(Path path) throws IOException {
        return Decompression.open(path);
    }

    @Override
    public boolean readsCompressed() {
        return true;
    }
}
