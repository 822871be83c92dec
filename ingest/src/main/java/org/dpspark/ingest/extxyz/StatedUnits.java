package org.dpspark.ingest.extxyz;

import java.util.List;
import java.util.Map;
import org.dpspark.core.Units;
import org.dpspark.core.UnsupportedUnitException;

/**
 * The units a user states for files that carry none ({@code --units}, {@code ingest.units},
 * {@code ingest.datasets."<glob>".units}), checked before any Spark job: a unit refused here no reader would convert.
 */
public final class StatedUnits {
    private StatedUnits() {}

    /** The quantities a user may state a unit for. */
    public static final List<String> QUANTITIES = List.of("energy", "force", "length", "stress");

    /**
     * Throws, in one line naming {@code where}, the quantity and the allowed names, for an unknown quantity or a unit
     * no reader converts.
     *
     * @param where the configuration key of the map, e.g. {@code ingest.units}
     * @param units unit by quantity
     */
    public static void check(String where, Map<String, String> units) {
        for (Map.Entry<String, String> u : units.entrySet()) {
            String q = u.getKey();
            if (!QUANTITIES.contains(q)) {
                throw new IllegalArgumentException(where + ": unknown quantity '" + q + "' (units can be stated for "
                        + String.join(", ", QUANTITIES) + ")");
            }
            try {
                ExtxyzUnits.toFactor(q, u.getValue());
            } catch (UnsupportedUnitException e) {
                throw new IllegalArgumentException(where + "." + q + ": unsupported " + q + " unit '" + u.getValue()
                        + "' (known: " + allowed(q) + ")");
            }
        }
    }

    private static String allowed(String quantity) {
        return switch (quantity) {
            case "force" -> "<energy>/<length> with energy one of " + String.join(", ", Units.names("energy"))
                    + " and length one of " + String.join(", ", Units.names("length")) + ", e.g. kcal/mol/A";
            case "stress" -> String.join(", ", Units.names("stress")) + " or <energy>/<length>^3";
            default -> String.join(", ", Units.names(quantity));
        };
    }
}
