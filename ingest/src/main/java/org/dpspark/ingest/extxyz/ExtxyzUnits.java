package org.dpspark.ingest.extxyz;

import java.util.Locale;
import java.util.Map;

import org.dpspark.core.Units;
import org.dpspark.core.UnsupportedUnitException;

/**
 * Conversion factors of one frame into dpspark units (Å, eV, eV/Å, virial eV, stress eV/Å³).
 *
 * <p>Where a unit comes from, per quantity: the frame's own key if present, else the unit the user
 * stated ({@code ReadOptions.units()}), else the derived default. A file key that contradicts the
 * user's statement (different factor) is an error. Keys read from the comment line (any case,
 * {@code -} or {@code _}, singular or plural): {@code energy-unit}, {@code force-unit},
 * {@code length-unit} (also {@code pos-unit}), {@code stress-unit}, {@code virial-unit}, and
 * {@code units=} with a LAMMPS unit style ({@code metal}: eV/Å, {@code real}: kcal/mol/Å,
 * {@code electron}: Hartree/Bohr).
 *
 * <p>Defaults: length Å; energy eV; force = energy/length; virial = energy; stress = energy/length³
 * (so eV/Å³ when nothing is stated, as ASE writes it). Unit names accepted: those of
 * {@link Units} plus {@code a.u.}/{@code au} (Hartree, Bohr, Ha/Bohr, Ha/Bohr³ by quantity) and
 * composed stresses {@code <energy>/<length>^3}.
 *
 * @param length Å per file length unit
 * @param energy eV per file energy unit
 * @param force  eV/Å per file force unit
 * @param virial eV per file virial unit
 * @param stress eV/Å³ per file stress unit
 */
record ExtxyzUnits(double length, double energy, double force, double virial, double stress) {

    /**
     * Resolves the factors of a frame.
     *
     * @param comment the frame's key=value pairs
     * @param user    units the user stated, by quantity ({@code energy}, {@code force}, {@code length},
     *                {@code stress}); may be empty
     * @throws UnsupportedUnitException for an unknown unit or a file/user contradiction; the message
     *                                  names the quantity, the unit and the key
     */
    static ExtxyzUnits resolve(CommentLine comment, Map<String, String> user) {
        String style = unitKey(comment, "units");
        String styleEnergy = null;
        String styleLength = null;
        if (style != null) {
            switch (style.trim().toLowerCase(Locale.ROOT)) {
                case "metal" -> { styleEnergy = "eV"; styleLength = "A"; }
                case "real" -> { styleEnergy = "kcal/mol"; styleLength = "A"; }
                case "electron" -> { styleEnergy = "Ha"; styleLength = "Bohr"; }
                default -> throw new UnsupportedUnitException("unit style (units=)", style);
            }
        }
        Double length = factor("length", firstNonNull(unitKey(comment, "length"), unitKey(comment, "pos"),
                unitKey(comment, "positions"), styleLength), user.get("length"));
        Double energy = factor("energy", firstNonNull(unitKey(comment, "energy"), styleEnergy), user.get("energy"));
        double l = length == null ? 1.0 : length;
        double e = energy == null ? 1.0 : energy;
        Double force = factor("force", firstNonNull(unitKey(comment, "force"), unitKey(comment, "forces")),
                user.get("force"));
        Double virial = factor("virial", firstNonNull(unitKey(comment, "virial"), unitKey(comment, "virials")),
                null);
        Double stress = factor("stress", firstNonNull(unitKey(comment, "stress"), unitKey(comment, "stresses")),
                user.get("stress"));
        return new ExtxyzUnits(l, e,
                force == null ? e / l : force,
                virial == null ? e : virial,
                stress == null ? e / (l * l * l) : stress);
    }

    /** Checks the units a user stated before any file is read; throws for an unknown one. */
    static void checkUserUnits(Map<String, String> user) {
        for (Map.Entry<String, String> u : user.entrySet()) {
            switch (u.getKey()) {
                case "energy", "force", "length", "stress" -> toFactor(u.getKey(), u.getValue());
                default -> { /* other readers' quantities (e.g. time) are not ours */ }
            }
        }
    }

    /** The factor of a quantity: the file's unit wins; the user's applies when the file has none. */
    private static Double factor(String quantity, String fileUnit, String userUnit) {
        Double user = userUnit == null ? null : toFactor(quantity, userUnit);
        if (fileUnit == null) {
            return user;
        }
        double file = toFactor(quantity, fileUnit);
        if (user != null && Math.abs(file - user) > 1e-12 * Math.abs(user)) {
            throw new UnsupportedUnitException(quantity, fileUnit + "' in the file contradicts the stated unit '"
                    + userUnit);
        }
        return file;
    }

    /** Factor of one unit name for a quantity. */
    static double toFactor(String quantity, String unit) {
        String u = unit.trim().toLowerCase(Locale.ROOT).replace("a.u.", "au").replace(" ", "");
        try {
            return switch (quantity) {
                case "length" -> Units.lengthToAngstrom(u);
                case "energy", "virial" -> Units.energyToEv(u);
                case "force" -> u.equals("au") ? Units.HARTREE_EV / Units.BOHR_ANGSTROM
                        : Units.forceToEvPerAngstrom(u);
                case "stress" -> stressFactor(u);
                default -> throw new IllegalArgumentException(quantity);
            };
        } catch (UnsupportedUnitException e) {
            throw new UnsupportedUnitException(quantity, unit);
        }
    }

    private static double stressFactor(String u) {
        if (u.equals("au")) {
            return Units.HARTREE_EV / cube(Units.BOHR_ANGSTROM);
        }
        try {
            return Units.pressureToEvPerA3(u);
        } catch (UnsupportedUnitException e) {
            int slash = u.lastIndexOf('/');
            if (slash <= 0) {
                throw e;
            }
            String len = u.substring(slash + 1);
            if (len.endsWith("^3")) {
                len = len.substring(0, len.length() - 2);
            } else if (len.endsWith("3") || len.endsWith("³")) {
                len = len.substring(0, len.length() - 1);
            } else {
                throw e;
            }
            return Units.energyToEv(u.substring(0, slash)) / cube(Units.lengthToAngstrom(len));
        }
    }

    private static double cube(double x) {
        return x * x * x;
    }

    /** Value of {@code <q>-unit}, {@code <q>_unit}, {@code <q>-units} or {@code <q>_units}, or null. */
    private static String unitKey(CommentLine c, String quantity) {
        if (quantity.equals("units")) {
            return c.get("units");
        }
        for (String suffix : new String[] {"-unit", "_unit", "-units", "_units"}) {
            String v = c.get(quantity + suffix);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
