package org.dpspark.simulate.ensemble;

import com.typesafe.config.Config;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.dpspark.core.Elements;
import org.dpspark.simulate.lattice.Lattice;
import org.dpspark.simulate.lattice.WaterBox;

/**
 * One entry of {@code simulate.structures}: where initial structures come from. Lattices and water boxes are
 * built here; frames tables are read by the job (Spark) and extxyz files by ingest's extxyz reader
 * ({@code ExtxyzStructures}), both into {@link InitialStructure}s on the driver.
 */
public sealed interface StructureSource extends Serializable {

    /** Name given by the user, or "" to derive one. */
    String name();

    /** A crystal: {@code fcc} or {@code diamond} of one element, a in Å, repeated nx×ny×nz. */
    record LatticeSource(String lattice, String element, double a, int[] repeat, String name) implements StructureSource {
        public InitialStructure build() {
            int z = Elements.atomicNumber(element);
            var s = switch (lattice) {
                case "fcc" -> Lattice.fcc(a, repeat[0], repeat[1], repeat[2], z);
                case "diamond" -> Lattice.diamond(a, repeat[0], repeat[1], repeat[2], z);
                default -> throw new IllegalArgumentException("unknown lattice '" + lattice + "' (fcc, diamond)");
            };
            String label = !name.isEmpty() ? name : String.format(Locale.ROOT, "%s-%s-%dx%dx%d", lattice, element,
                    repeat[0], repeat[1], repeat[2]);
            return InitialStructure.of(label, s);
        }
    }

    /** {@link WaterBox#build}: molecules, density g/cm³, orientation seed. */
    record WaterBoxSource(int molecules, double density, long seed, String name) implements StructureSource {
        public InitialStructure build() {
            String label = !name.isEmpty() ? name : "water-" + molecules;
            return InitialStructure.of(label, WaterBox.build(molecules, density, seed));
        }
    }

    /** The first {@code limit} frames (ordered by frame id) of a frames table, optionally of one dataset. */
    record FramesSource(String table, String dataset, int limit, String name) implements StructureSource {}

    /** Frame {@code index} (0-based) of an extxyz file. */
    record ExtxyzSource(String file, int index, String name) implements StructureSource {
        public String label() {
            return !name.isEmpty() ? name : Path.of(file).getFileName() + "-" + index;
        }
    }

    /**
     * Parses one entry.
     *
     * @param entry the user's entry
     * @param defaults {@code simulate.entry-defaults}
     * @param where e.g. "simulate.structures[0]" for messages
     */
    static StructureSource parse(Config entry, Config defaults, String where) {
        if (entry.hasPath("water-box")) {
            if (!entry.root().keySet().stream().allMatch(k -> k.equals("water-box") || k.equals("name"))) {
                throw new IllegalArgumentException(where + ": a water-box entry takes only water-box { ... } and name");
            }
            Config w = Entries.complete(entry.getConfig("water-box"), defaults.getConfig("water-box"),
                    where + " (water-box)");
            return new WaterBoxSource(w.getInt("molecules"), w.getDouble("density"), w.getLong("seed"),
                    entry.hasPath("name") ? entry.getString("name") : "");
        }
        for (String kind : List.of("lattice", "frames", "extxyz")) {
            if (entry.hasPathOrNull(kind)) {
                Config c = Entries.complete(entry, defaults.getConfig(kind), where + " (" + kind + ")");
                return switch (kind) {
                    case "lattice" -> {
                        List<Integer> r = c.getIntList("repeat");
                        if (r.size() != 3) {
                            throw new IllegalArgumentException(where + ": repeat needs 3 integers, got " + r);
                        }
                        yield new LatticeSource(c.getString("lattice"), c.getString("element"), c.getDouble("a"),
                                new int[] {r.get(0), r.get(1), r.get(2)}, c.getString("name"));
                    }
                    case "frames" -> new FramesSource(c.getString("frames"), c.getString("dataset"), c.getInt("limit"),
                            c.getString("name"));
                    default -> new ExtxyzSource(c.getString("extxyz"), c.getInt("index"), c.getString("name"));
                };
            }
        }
        throw new IllegalArgumentException(where + ": expected one of lattice, water-box, frames, extxyz; got keys "
                + entry.root().keySet());
    }
}
