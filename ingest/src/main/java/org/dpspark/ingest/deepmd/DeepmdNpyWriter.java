package org.dpspark.ingest.deepmd;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.dpspark.core.Frame;
import org.dpspark.ingest.npy.NpyWriter;

/**
 * Writes frames of ONE system (same type labels in the same order, all periodic or all molecules) as a
 * deepmd/npy folder that DeePMD-kit and dpdata read: {@code type.raw}, {@code type_map.raw} (one entry per
 * line), {@code nopbc} (empty) for molecules, and {@code set.000}, {@code set.001}, … of at most
 * {@code setSize} frames with float64 {@code coord.npy} (nframes×3n Å), {@code box.npy} (nframes×9 Å, not for
 * molecules), {@code energy.npy} (nframes, eV), {@code force.npy} (nframes×3n eV/Å), {@code virial.npy}
 * (nframes×9 eV), {@code fparam.npy} (nframes×k), {@code aparam.npy} (nframes×n·k).
 *
 * <p>Frames are streamed: one set is buffered at a time. An optional quantity is kept only if EVERY frame
 * of the system has it (dpdata concatenates a quantity over the sets that have it, so a quantity present in
 * some sets only would misalign): when some frames lack it, its files are removed from all sets at
 * {@link #close()} and it is listed in {@link Summary#dropped()}. A frame with a cell but partial
 * periodicity is written as fully periodic (DeePMD has no partial pbc).
 */
public final class DeepmdNpyWriter implements Closeable {

    /** What was written: frames, sets, quantities kept, quantities dropped because some frames lacked them. */
    public record Summary(Path dir, int frames, int sets, List<String> written, List<String> dropped) {}

    private static final List<String> OPTIONAL = List.of("energy", "force", "virial", "fparam", "aparam");

    private final Path dir;
    private final int setSize;
    private final List<String> typeMap;
    private final boolean givenMap;
    private final List<Frame> pending = new ArrayList<>();
    private final Map<String, Integer> setsWith = new LinkedHashMap<>();
    private String[] labels;
    private boolean molecule;
    private int frames;
    private int sets;
    private Summary summary;

    /**
     * @param dir     system folder to create (must not already hold {@code set.*})
     * @param setSize frames per set, ≥ 1 (dpdata's default is 5000)
     * @param typeMap names by type index for {@code type_map.raw} (e.g. a model's {@code [O, H]}), which
     *                must contain every label; empty: the labels in order of first appearance
     */
    public DeepmdNpyWriter(Path dir, int setSize, List<String> typeMap) throws IOException {
        if (setSize < 1) {
            throw new IllegalArgumentException("setSize must be ≥ 1, got " + setSize);
        }
        this.dir = dir;
        this.setSize = setSize;
        this.typeMap = new ArrayList<>(typeMap);
        this.givenMap = !typeMap.isEmpty();
        Files.createDirectories(dir);
        try (Stream<Path> s = Files.list(dir)) {
            if (s.anyMatch(p -> p.getFileName().toString().startsWith("set."))) {
                throw new IOException(dir + " already holds set.* folders; write to a new folder");
            }
        }
    }

    /** Writes all frames to a new system folder. */
    public static Summary write(Path dir, Iterable<Frame> frames, int setSize, List<String> typeMap)
            throws IOException {
        try (DeepmdNpyWriter w = new DeepmdNpyWriter(dir, setSize, typeMap)) {
            for (Frame f : frames) {
                w.add(f);
            }
            w.close();
            return w.summary();
        }
    }

    /** Adds a frame; throws {@link IllegalArgumentException} when it does not belong to this system. */
    public void add(Frame f) throws IOException {
        if (summary != null) {
            throw new IllegalStateException("writer is closed");
        }
        if (labels == null) {
            start(f);
        } else if (!Arrays.equals(labels, f.typeLabels()) || molecule != (f.cell() == null)) {
            throw new IllegalArgumentException("frame " + f.sourceFile() + "#" + f.sourceIndex()
                    + " does not belong to system " + dir + ": atom labels or periodicity differ"
                    + " (group frames with DeepmdSystems first)");
        }
        pending.add(f);
        frames++;
        if (pending.size() == setSize) {
            flush();
        }
    }

    private void start(Frame f) throws IOException {
        labels = f.typeLabels();
        molecule = f.cell() == null;
        for (String l : labels) {
            if (!typeMap.contains(l)) {
                if (givenMap) {
                    throw new IllegalArgumentException("type map " + typeMap + " lacks label '" + l + "'");
                }
                typeMap.add(l);
            }
        }
        StringBuilder types = new StringBuilder();
        for (String l : labels) {
            types.append(typeMap.indexOf(l)).append('\n');
        }
        Files.writeString(dir.resolve("type.raw"), types, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("type_map.raw"), String.join("\n", typeMap) + "\n", StandardCharsets.UTF_8);
        if (molecule) {
            Files.write(dir.resolve("nopbc"), new byte[0]);
        }
    }

    private void flush() throws IOException {
        if (pending.isEmpty()) {
            return;
        }
        Path set = Files.createDirectories(dir.resolve(String.format("set.%03d", sets)));
        sets++;
        put(set, "coord", Frame::positions, true);
        if (!molecule) {
            put(set, "box", Frame::cell, true);
        }
        put(set, "energy", f -> f.energy() == null ? null : new double[] {f.energy()}, false);
        put(set, "force", Frame::forces, false);
        put(set, "virial", Frame::virial, false);
        put(set, "fparam", Frame::fparam, false);
        put(set, "aparam", Frame::aparam, false);
        pending.clear();
    }

    private void put(Path set, String name, Function<Frame, double[]> get, boolean required) throws IOException {
        int n = pending.size();
        double[] first = get.apply(pending.get(0));
        if (first == null) {
            return;
        }
        int w = first.length;
        double[] all = new double[n * w];
        for (int i = 0; i < n; i++) {
            double[] v = get.apply(pending.get(i));
            if (v == null || v.length != w) {
                if (required) {
                    throw new IllegalArgumentException(name + " of frame " + i + " in " + set + " has a different size");
                }
                return;
            }
            System.arraycopy(v, 0, all, i * w, w);
        }
        long[] shape = name.equals("energy") ? new long[] {n} : new long[] {n, w};
        NpyWriter.writeF8(set.resolve(name + ".npy"), shape, all);
        setsWith.merge(name, 1, Integer::sum);
    }

    /** Writes the last set and removes quantities that not every set has. Idempotent. */
    @Override
    public void close() throws IOException {
        if (summary != null) {
            return;
        }
        flush();
        List<String> written = new ArrayList<>(sets > 0 ? List.of("coord") : List.of());
        if (!molecule && sets > 0) {
            written.add("box");
        }
        List<String> dropped = new ArrayList<>();
        for (String q : OPTIONAL) {
            int k = setsWith.getOrDefault(q, 0);
            if (k == sets && k > 0) {
                written.add(q);
            } else if (k > 0) {
                dropped.add(q);
                for (int s = 0; s < sets; s++) {
                    Files.deleteIfExists(dir.resolve(String.format("set.%03d", s)).resolve(q + ".npy"));
                }
            }
        }
        summary = new Summary(dir, frames, sets, List.copyOf(written), List.copyOf(dropped));
    }

    /** The summary, after {@link #close()}. */
    public Summary summary() {
        return summary;
    }
}
