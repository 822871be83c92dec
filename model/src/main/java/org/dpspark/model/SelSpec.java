package org.dpspark.model;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueType;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The {@code sel} setting: neighbour slots per type given as a list, or DeePMD-kit's {@code auto} (slots from the
 * largest neighbour count seen, see {@link org.dpspark.model.stats.NeighborStatistics#selAuto}). The one parser of
 * {@code sel}.
 *
 * @param slots     slots per type in type-map order, or null for auto
 * @param autoRatio margin of auto sel over the largest neighbour count (dimensionless; the value of
 *                  {@code model.sel-auto-ratio}, or the {@code <ratio>} of {@code "auto:<ratio>"})
 */
public record SelSpec(int[] slots, double autoRatio) implements Serializable {

    public SelSpec {
        if (!(autoRatio > 0)) {
            throw new IllegalArgumentException("sel auto ratio must be > 0, got " + autoRatio);
        }
        slots = slots == null ? null : slots.clone();
    }

    /**
     * Parses {@code key} of {@code section}: a list of slot counts, {@code auto} (ratio {@code autoRatio}) or
     * {@code "auto:<ratio>"}.
     *
     * @param where the key's full path, for errors (e.g. {@code model.sel})
     */
    public static SelSpec parse(Config section, String key, double autoRatio, String where) {
        if (section.getValue(key).valueType() == ConfigValueType.LIST) {
            int[] slots;
            try {
                slots = section.getIntList(key).stream().mapToInt(Integer::intValue).toArray();
            } catch (ConfigException.WrongType e) {
                throw new IllegalArgumentException(where + " must be a list of integers, auto or \"auto:<ratio>\"", e);
            }
            if (slots.length == 0 || Arrays.stream(slots).anyMatch(n -> n < 0)) {
                throw new IllegalArgumentException(where + " counts neighbour slots per type: one integer >= 0 per type,"
                        + " got " + Arrays.toString(slots));
            }
            return new SelSpec(slots, autoRatio);
        }
        String s = section.getValue(key).unwrapped().toString().trim();
        if (s.equals("auto")) {
            return new SelSpec(null, autoRatio);
        }
        if (s.startsWith("auto:")) {
            try {
                return new SelSpec(null, Double.parseDouble(s.substring(5)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": bad ratio in '" + s + "'", e);
            }
        }
        throw new IllegalArgumentException(where + " must be a list of integers, auto or \"auto:<ratio>\", got '" + s
                + "'");
    }

    /** Whether sel comes from the neighbour statistics. */
    public boolean auto() { return slots == null; }

    /** Slots per type (a copy), or null for auto. */
    @Override
    public int[] slots() { return slots == null ? null : slots.clone(); }

    /** The same setting with fixed slots (e.g. the ones auto resolved to). */
    public SelSpec withSlots(int[] s) { return new SelSpec(s, autoRatio); }

    /** Where the slots come from, as recorded in stats.json: {@code auto:<ratio>} or {@code config}. */
    public String source() { return auto() ? "auto:" + autoRatio : "config"; }

    @Override
    public boolean equals(Object o) {
        return o instanceof SelSpec s && Arrays.equals(slots, s.slots) && autoRatio == s.autoRatio;
    }

    @Override
    public int hashCode() { return 31 * Arrays.hashCode(slots) + Double.hashCode(autoRatio); }

    @Override
    public String toString() { return auto() ? "auto:" + autoRatio : Arrays.toString(slots); }
}
