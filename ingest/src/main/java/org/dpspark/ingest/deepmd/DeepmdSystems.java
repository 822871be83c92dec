package org.dpspark.ingest.deepmd;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dpspark.core.Frame;
import org.dpspark.ingest.export.OutputPaths;

/**
 * Groups frames into DeePMD systems: frames share a system when they have the same dataset, the same
 * type-label sequence (same atoms in the same order) and the same periodicity. Frames with the same
 * composition but a different atom order go to different systems.
 */
public final class DeepmdSystems {
    private DeepmdSystems() {}

    /**
     * What makes a system.
     *
     * @param dataset  dataset name
     * @param labels   type label per atom, in order
     * @param molecule true for frames without a cell
     */
    public record SystemKey(String dataset, List<String> labels, boolean molecule) {

        public static SystemKey of(Frame f) {
            return new SystemKey(f.dataset(), List.of(f.typeLabels()), f.cell() == null);
        }

        /** Label counts in order of appearance, e.g. {@code O64H128}; runs of a label are merged. */
        public String name() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String l : labels) {
                counts.merge(l, 1, Integer::sum);
            }
            StringBuilder b = new StringBuilder();
            counts.forEach((l, n) -> b.append(l).append(n));
            return b.toString();
        }
    }

    /** Frames by system, systems in order of first appearance (in memory: for small collections). */
    public static Map<SystemKey, List<Frame>> group(Iterable<Frame> frames) {
        Map<SystemKey, List<Frame>> out = new LinkedHashMap<>();
        for (Frame f : frames) {
            out.computeIfAbsent(SystemKey.of(f), k -> new ArrayList<>()).add(f);
        }
        return out;
    }

    /**
     * Streams frames into one deepmd/npy folder per system under {@code root/<dataset>/<name>} (a second
     * system with the same name gets {@code <name>.1}, …). One writer per system is open at a time, each
     * buffering at most one set.
     *
     * @param typeMap names by type index shared by all systems (empty: each system's labels in order)
     */
    public static Map<SystemKey, DeepmdNpyWriter.Summary> writeAll(Iterable<Frame> frames, Path root, int setSize,
                                                                  List<String> typeMap) throws IOException {
        Map<SystemKey, DeepmdNpyWriter> writers = new LinkedHashMap<>();
        Set<Path> used = new HashSet<>();
        Map<SystemKey, DeepmdNpyWriter.Summary> out = new LinkedHashMap<>();
        try {
            for (Frame f : frames) {
                SystemKey k = SystemKey.of(f);
                DeepmdNpyWriter w = writers.get(k);
                if (w == null) {
                    Path base = OutputPaths.confine(root, OutputPaths.relative(k.dataset()) + "/"
                            + OutputPaths.component(k.name()));
                    Path dir = base;
                    for (int i = 1; !used.add(dir); i++) {
                        dir = base.resolveSibling(base.getFileName() + "." + i);
                    }
                    w = new DeepmdNpyWriter(dir, setSize, typeMap);
                    writers.put(k, w);
                }
                w.add(f);
            }
        } finally {
            for (Map.Entry<SystemKey, DeepmdNpyWriter> e : writers.entrySet()) {
                e.getValue().close();
                out.put(e.getKey(), e.getValue().summary());
            }
        }
        return out;
    }
}
