package org.dpspark.core;

import java.util.Locale;
import java.util.Map;

/**
 * Physical constants and unit conversions (CODATA 2018), the one table of the project.
 *
 * <p>Inside dpspark every quantity is in: length Å, energy eV, force eV/Å, virial eV,
 * time fs, mass amu, temperature K, pressure/stress eV/Å³ (or bar where printed).
 * Conversions from the units of source files happen in {@code ingest} and nowhere else.
 */
public final class Units {
    private Units() {}

    /** 1 Hartree in eV. */
    public static final double HARTREE_EV = 27.211386245988;
    /** 1 Rydberg in eV (half a Hartree). */
    public static final double RYDBERG_EV = HARTREE_EV / 2.0;
    /** 1 Bohr in Å. */
    public static final double BOHR_ANGSTROM = 0.529177210903;
    /** 1 kcal/mol in eV. */
    public static final double KCAL_PER_MOL_EV = 0.0433641042418;
    /** 1 kJ/mol in eV. */
    public static final double KJ_PER_MOL_EV = 0.0103642688;
    /** 1 GPa in eV/Å³. */
    public static final double GPA_EV_PER_A3 = 0.00624150907446;
    /** 1 kbar in eV/Å³. */
    public static final double KBAR_EV_PER_A3 = 0.1 * GPA_EV_PER_A3;
    /** 1 bar in eV/Å³. */
    public static final double BAR_EV_PER_A3 = 1e-4 * GPA_EV_PER_A3;
    /** 1 eV/Å³ in bar. */
    public static final double EV_PER_A3_BAR = 1.602176634e6;
    /** Boltzmann constant in eV/K. */
    public static final double BOLTZMANN_EV_PER_K = 8.617333262e-5;
    /** 1 amu·Å²/fs² in eV: a[Å/fs²] = F[eV/Å] / m[amu] / this. */
    public static final double AMU_A2_PER_FS2_EV = 103.642696;

    private static final Map<String, Double> ENERGY = Map.ofEntries(
            Map.entry("ev", 1.0),
            Map.entry("mev", 1e-3),
            Map.entry("hartree", HARTREE_EV),
            Map.entry("ha", HARTREE_EV),
            Map.entry("au", HARTREE_EV),
            Map.entry("ry", RYDBERG_EV),
            Map.entry("rydberg", RYDBERG_EV),
            Map.entry("kcal/mol", KCAL_PER_MOL_EV),
            Map.entry("kj/mol", KJ_PER_MOL_EV));

    private static final Map<String, Double> LENGTH = Map.ofEntries(
            Map.entry("a", 1.0),
            Map.entry("bohr", BOHR_ANGSTROM),
            Map.entry("au", BOHR_ANGSTROM),
            Map.entry("nm", 10.0),
            Map.entry("pm", 0.01));

    private static final Map<String, Double> PRESSURE = Map.ofEntries(
            Map.entry("ev/a^3", 1.0),
            Map.entry("ev/a3", 1.0),
            Map.entry("gpa", GPA_EV_PER_A3),
            Map.entry("kbar", KBAR_EV_PER_A3),
            Map.entry("bar", BAR_EV_PER_A3));

    /** Factor that turns a value in {@code unit} into eV; throws {@link UnsupportedUnitException} if unknown. */
    public static double energyToEv(String unit) {
        return lookup(ENERGY, unit, "energy");
    }

    /** Factor that turns a value in {@code unit} into Å. */
    public static double lengthToAngstrom(String unit) {
        return lookup(LENGTH, unit, "length");
    }

    /** Factor that turns a force in {@code "energy/length"} (e.g. {@code kcal/mol/A}, {@code Ha/Bohr}) into eV/Å. */
    public static double forceToEvPerAngstrom(String unit) {
        String u = normalise(unit);
        int slash = u.lastIndexOf('/');
        if (slash <= 0) {
            throw new UnsupportedUnitException("force", unit);
        }
        try {
            return energyToEv(u.substring(0, slash)) / lengthToAngstrom(u.substring(slash + 1));
        } catch (UnsupportedUnitException e) {
            throw new UnsupportedUnitException("force", unit);
        }
    }

    /** Factor that turns a pressure/stress in {@code unit} into eV/Å³. */
    public static double pressureToEvPerA3(String unit) {
        return lookup(PRESSURE, unit, "stress");
    }

    /**
     * The unit names accepted for a quantity (lower case; matching ignores case, spaces and spells Å as a or ang):
     * {@code energy}, {@code length} or {@code stress}; a force is any {@code <energy>/<length>}.
     */
    public static java.util.List<String> names(String quantity) {
        Map<String, Double> table = switch (quantity) {
            case "energy" -> ENERGY;
            case "length" -> LENGTH;
            case "stress" -> PRESSURE;
            default -> throw new IllegalArgumentException("no unit table for " + quantity);
        };
        return table.keySet().stream().sorted().toList();
    }

    private static double lookup(Map<String, Double> table, String unit, String quantity) {
        Double f = table.get(normalise(unit));
        if (f == null) {
            throw new UnsupportedUnitException(quantity, unit);
        }
        return f;
    }

    private static String normalise(String unit) {
        if (unit == null) {
            return "";
        }
        return unit.trim().toLowerCase(Locale.ROOT).replace(" ", "").replace("³", "^3")
                .replace("å", "a").replace("angstrom", "a").replace("ang", "a");
    }
}
