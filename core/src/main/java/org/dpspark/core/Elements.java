package org.dpspark.core;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Chemical elements: symbol, atomic number Z (1..118) and standard atomic mass (amu, IUPAC 2013
 * conventional values, the table ASE uses).
 */
public final class Elements {
    private Elements() {}

    private static final String[] SYMBOLS = {
            "H", "He", "Li", "Be", "B", "C", "N", "O", "F", "Ne",
            "Na", "Mg", "Al", "Si", "P", "S", "Cl", "Ar", "K", "Ca",
            "Sc", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn",
            "Ga", "Ge", "As", "Se", "Br", "Kr", "Rb", "Sr", "Y", "Zr",
            "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd", "In", "Sn",
            "Sb", "Te", "I", "Xe", "Cs", "Ba", "La", "Ce", "Pr", "Nd",
            "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb",
            "Lu", "Hf", "Ta", "W", "Re", "Os", "Ir", "Pt", "Au", "Hg",
            "Tl", "Pb", "Bi", "Po", "At", "Rn", "Fr", "Ra", "Ac", "Th",
            "Pa", "U", "Np", "Pu", "Am", "Cm", "Bk", "Cf", "Es", "Fm",
            "Md", "No", "Lr", "Rf", "Db", "Sg", "Bh", "Hs", "Mt", "Ds",
            "Rg", "Cn", "Nh", "Fl", "Mc", "Lv", "Ts", "Og"};

    private static final double[] MASSES = {
            1.008, 4.002602, 6.94, 9.0121831, 10.81, 12.011, 14.007, 15.999,
            18.998403163, 20.1797, 22.98976928, 24.305, 26.9815385, 28.085, 30.973761998, 32.06,
            35.45, 39.948, 39.0983, 40.078, 44.955908, 47.867, 50.9415, 51.9961,
            54.938044, 55.845, 58.933194, 58.6934, 63.546, 65.38, 69.723, 72.63,
            74.921595, 78.971, 79.904, 83.798, 85.4678, 87.62, 88.90584, 91.224,
            92.90637, 95.95, 97.90721, 101.07, 102.9055, 106.42, 107.8682, 112.414,
            114.818, 118.71, 121.76, 127.6, 126.90447, 131.293, 132.90545196, 137.327,
            138.90547, 140.116, 140.90766, 144.242, 144.91276, 150.36, 151.964, 157.25,
            158.92535, 162.5, 164.93033, 167.259, 168.93422, 173.054, 174.9668, 178.49,
            180.94788, 183.84, 186.207, 190.23, 192.217, 195.084, 196.966569, 200.592,
            204.38, 207.2, 208.9804, 208.98243, 209.98715, 222.01758, 223.01974, 226.02541,
            227.02775, 232.0377, 231.03588, 238.02891, 237.04817, 244.06421, 243.06138, 247.07035,
            247.07031, 251.07959, 252.083, 257.09511, 258.09843, 259.101, 262.11, 267.122,
            268.126, 271.134, 270.133, 269.1338, 278.156, 281.165, 281.166, 285.177,
            286.182, 289.19, 289.194, 293.204, 293.208, 294.214};

    private static final Map<String, Integer> BY_SYMBOL = new HashMap<>();

    static {
        for (int i = 0; i < SYMBOLS.length; i++) {
            BY_SYMBOL.put(SYMBOLS[i].toLowerCase(Locale.ROOT), i + 1);
        }
    }

    /** Number of known elements (118). */
    public static int count() {
        return SYMBOLS.length;
    }

    /** Symbol of atomic number {@code z}; throws {@link UnknownElementException} outside 1..118. */
    public static String symbol(int z) {
        if (z < 1 || z > SYMBOLS.length) {
            throw new UnknownElementException(Integer.toString(z));
        }
        return SYMBOLS[z - 1];
    }

    /** Mass of atomic number {@code z} in amu. */
    public static double mass(int z) {
        symbol(z);
        return MASSES[z - 1];
    }

    /** Whether {@code symbol} (any case) names an element. */
    public static boolean isSymbol(String symbol) {
        return symbol != null && BY_SYMBOL.containsKey(symbol.trim().toLowerCase(Locale.ROOT));
    }

    /** Atomic number of an element symbol (case-insensitive); throws {@link UnknownElementException}. */
    public static int atomicNumber(String symbol) {
        Integer z = symbol == null ? null : BY_SYMBOL.get(symbol.trim().toLowerCase(Locale.ROOT));
        if (z == null) {
            throw new UnknownElementException(symbol);
        }
        return z;
    }

    /** Longest type label accepted (element symbol plus suffix). */
    public static final int MAX_LABEL_LENGTH = 16;

    /**
     * Why {@code label} is not a safe type label, or null when it is one. A safe label is an element symbol
     * followed by letters, digits, {@code _} and single inner {@code .}, at most {@value #MAX_LABEL_LENGTH}
     * characters in all ({@code O}, {@code Fe1}, {@code H_a}, {@code Ti_sv}, VASP's {@code H.75}): labels name output
     * folders and files (deepmd/npy systems), so separators, {@code ..}, whitespace and control characters
     * are never accepted.
     */
    public static String labelProblem(String label) {
        if (label == null || label.isEmpty()) {
            return "empty type label";
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.');
            boolean lonelyDot = c != '.' || (i > 0 && i < label.length() - 1 && label.charAt(i - 1) != '.');
            if (!ok || !lonelyDot) {
                return "unsafe type label '" + printable(label) + "': only letters, digits, '_' and single '.' may"
                        + " follow the element symbol";
            }
        }
        if (label.length() > MAX_LABEL_LENGTH) {
            return "type label '" + printable(label) + "' is longer than " + MAX_LABEL_LENGTH + " characters";
        }
        if (!Character.isLetter(label.charAt(0))) {
            return "type label '" + printable(label) + "' does not start with an element symbol";
        }
        return null;
    }

    /** Whether {@code label} is a safe type label (see {@link #labelProblem}). */
    public static boolean isSafeLabel(String label) {
        return labelProblem(label) == null;
    }

    /**
     * Element of a dataset's type label: the label itself when it is a symbol ({@code Fe}), else its
     * leading letters when they are one ({@code Fe1}, {@code Fe_up}, {@code HW} → H, {@code OW} → O).
     * Only safe labels are accepted (see {@link #labelProblem}): {@code Si/../../ESC} is no Si.
     * Throws {@link UnknownElementException}, whose message says why, when the label is unsafe or no
     * prefix names an element.
     */
    public static int atomicNumberOfLabel(String label) {
        String problem = labelProblem(label);
        if (problem != null) {
            throw new UnknownElementException(label, problem);
        }
        String t = label;
        if (isSymbol(t)) {
            return atomicNumber(t);
        }
        int end = 0;
        while (end < t.length() && Character.isLetter(t.charAt(end))) {
            end++;
        }
        for (int len = Math.min(end, 2); len >= 1; len--) {
            String head = t.substring(0, len);
            if (Character.isUpperCase(head.charAt(0)) && isSymbol(head)
                    && (len == 1 || Character.isLowerCase(head.charAt(1)))) {
                return atomicNumber(head);
            }
        }
        throw new UnknownElementException(label);
    }

    /** The label with control and non-ASCII characters escaped ({@code \u001b}), cut at 64 characters, for messages. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 64; i++) {
            char c = s.charAt(i);
            if (c < 32 || c >= 127) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return s.length() > 64 ? b + "..." : b.toString();
    }
}
