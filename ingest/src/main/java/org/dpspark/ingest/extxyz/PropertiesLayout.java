package org.dpspark.ingest.extxyz;

/**
 * The per-atom columns a {@code Properties=name:type:width:...} value declares, as token offsets
 * into one atom line. Types: {@code S} string, {@code R} real, {@code I} integer, {@code L} logical.
 * Columns dpspark does not use are skipped by their declared width.
 *
 * <p>Columns used (names as ASE/dpdata write them): {@code species} (S:1), {@code pos} or
 * {@code positions} (R:3), forces from {@code forces} or else {@code force} (R:3) unless the
 * reader option {@code forces_key} names another column, {@code Z} (I:1, the element when the
 * species is not an element symbol), {@code aparam} (R:k, per-atom parameters) and
 * {@code type_label} (S:1, written by {@link ExtxyzWriter} when labels are not element symbols).
 *
 * <p>Without a {@code Properties} key the layout is ASE's default {@code species:S:1:pos:R:3}, and
 * extra columns on atom lines are then ignored (as ASE and plain-XYZ readers do).
 */
final class PropertiesLayout {
    /** ASE's default for plain XYZ. */
    static final String DEFAULT = "species:S:1:pos:R:3";

    final String source;
    /** Number of tokens an atom line has. */
    final int width;
    /** Whether atom lines may carry more tokens than {@link #width} (plain XYZ). */
    final boolean lenient;
    final int species;
    final int pos;
    final int forces;
    final int z;
    final int aparam;
    final int aparamWidth;
    final int typeLabel;
    final String forcesName;

    private PropertiesLayout(String source, boolean lenient, int width, int species, int pos, int forces,
                             String forcesName, int z, int aparam, int aparamWidth, int typeLabel) {
        this.source = source;
        this.lenient = lenient;
        this.width = width;
        this.species = species;
        this.pos = pos;
        this.forces = forces;
        this.forcesName = forcesName;
        this.z = z;
        this.aparam = aparam;
        this.aparamWidth = aparamWidth;
        this.typeLabel = typeLabel;
    }

    /**
     * Parses a Properties value.
     *
     * @param properties the value, or null for the plain-XYZ default
     * @param forcesKey  column name of the forces, or null for {@code forces}, else {@code force}
     * @throws IllegalArgumentException naming what is wrong (bad triple, unknown type, no positions,
     *                                  a used column with the wrong type or width)
     */
    static PropertiesLayout parse(String properties, String forcesKey) {
        boolean lenient = properties == null;
        String src = lenient ? DEFAULT : properties.trim();
        String[] f = src.split(":", -1);
        if (f.length % 3 != 0 || src.isEmpty()) {
            throw new IllegalArgumentException("Properties '" + src + "' is not a list of name:type:width triples");
        }
        int width = 0;
        int species = -1, pos = -1, z = -1, aparam = -1, aparamWidth = 0, typeLabel = -1;
        int forces = -1, forcesPlain = -1;
        String forcesName = null;
        for (int i = 0; i < f.length; i += 3) {
            String name = f[i];
            String type = f[i + 1];
            int w;
            try {
                w = Integer.parseInt(f[i + 2].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Properties column '" + name + "' has width '" + f[i + 2] + "'");
            }
            if (!(type.equals("S") || type.equals("R") || type.equals("I") || type.equals("L")) || w < 1) {
                throw new IllegalArgumentException("Properties column '" + name + "' has type '" + type
                        + "' and width " + w + " (types: S, R, I, L; width >= 1)");
            }
            if (forcesKey != null && name.equals(forcesKey)) {
                forces = require(name, type, w, "R", 3, width);
                forcesName = name;
            } else if (forcesKey == null && name.equalsIgnoreCase("forces")) {
                forces = require(name, type, w, "R", 3, width);
                forcesName = name;
            } else if (forcesKey == null && name.equalsIgnoreCase("force")) {
                forcesPlain = require(name, type, w, "R", 3, width);
                if (forces < 0) {
                    forcesName = name;
                }
            } else if (name.equals("species") || name.equals("symbols")) {
                species = require(name, type, w, "S", 1, width);
            } else if (name.equals("pos") || name.equals("positions")) {
                pos = require(name, type, w, "R", 3, width);
            } else if (name.equals("Z") || name.equals("numbers")) {
                z = require(name, type, w, "I", 1, width);
            } else if (name.equals("aparam")) {
                aparam = require(name, type, w, "R", w, width);
                aparamWidth = w;
            } else if (name.equals("type_label")) {
                typeLabel = require(name, type, w, "S", 1, width);
            }
            width += w;
        }
        if (forces < 0 && forcesPlain >= 0) {
            forces = forcesPlain;
        }
        if (pos < 0) {
            throw new IllegalArgumentException("Properties '" + src + "' has no pos:R:3 column");
        }
        if (species < 0 && z < 0) {
            throw new IllegalArgumentException("Properties '" + src + "' has neither species:S:1 nor Z:I:1");
        }
        return new PropertiesLayout(src, lenient, width, species, pos, forces, forcesName, z, aparam,
                aparamWidth, typeLabel);
    }

    private static int require(String name, String type, int w, String wantType, int wantWidth, int offset) {
        if (!type.equals(wantType) || w != wantWidth) {
            throw new IllegalArgumentException("Properties column '" + name + "' is " + type + ":" + w
                    + ", expected " + wantType + ":" + wantWidth);
        }
        return offset;
    }
}
