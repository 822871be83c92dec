package org.dpspark.ingest.vasp;

import java.util.ArrayList;
import java.util.List;
import org.dpspark.core.Elements;
import org.dpspark.core.RejectReason;
import org.dpspark.core.UnknownElementException;
import org.dpspark.ingest.text.ParseFailure;

/**
 * The species of a VASP run in POTCAR order and the number of ions of each, as an OUTCAR header lists
 * them: one {@code VRHFIN =O: ...} line per species (preferred), or one {@code TITEL  = PAW_PBE Sn_d ...}
 * line per species (fallback, suffix after '_' dropped, as dpdata does), and {@code ions per type = 2 4}.
 * The {@code POTCAR:} summary lines at the top are not used: VASP repeats the first one there.
 */
final class VaspSpecies {
    private final List<String> vrhfin = new ArrayList<>();
    private final List<String> titel = new ArrayList<>();
    private int[] counts;
    private int countsLine;
    private int nions = -1;

    /** Feeds one header line; returns true when the line was a species/count line. */
    boolean accept(String line, int lineNo) {
        String t = line.trim();
        if (t.startsWith("VRHFIN")) {
            int eq = t.indexOf('=');
            int colon = t.indexOf(':', eq + 1);
            vrhfin.add((colon > eq ? t.substring(eq + 1, colon) : t.substring(eq + 1)).trim());
            return true;
        }
        if (t.startsWith("TITEL")) {
            String[] tok = t.substring(t.indexOf('=') + 1).trim().split("\\s+");
            String name = tok.length >= 2 ? tok[1] : tok[0];
            titel.add(name.contains("_") ? name.substring(0, name.indexOf('_')) : name);
            return true;
        }
        if (t.startsWith("ions per type")) {
            String[] tok = t.substring(t.indexOf('=') + 1).trim().split("\\s+");
            counts = new int[tok.length];
            for (int i = 0; i < tok.length; i++) {
                counts[i] = org.dpspark.ingest.text.Numbers.parseInt(tok[i], lineNo, "ions per type");
            }
            countsLine = lineNo;
            return true;
        }
        int k = t.indexOf("NIONS =");
        if (k >= 0) {
            String[] tok = t.substring(k + 7).trim().split("\\s+");
            nions = org.dpspark.ingest.text.Numbers.parseInt(tok[0], lineNo, "NIONS");
            return true;
        }
        return false;
    }

    /** Whether counts were read. */
    boolean known() {
        return counts != null;
    }

    /** Total number of ions. */
    int natoms() {
        require();
        int n = 0;
        for (int c : counts) {
            n += c;
        }
        return n;
    }

    /** Type label per atom (shape: natoms). */
    String[] labels() {
        require();
        List<String> names = vrhfin.size() == counts.length ? vrhfin : titel;
        if (names.size() != counts.length) {
            throw new ParseFailure(RejectReason.PARSE_ERROR, countsLine, "'ions per type' lists " + counts.length
                    + " species but the header names " + vrhfin.size() + " (VRHFIN) / " + titel.size() + " (TITEL)");
        }
        String[] out = new String[natoms()];
        int a = 0;
        for (int s = 0; s < counts.length; s++) {
            for (int i = 0; i < counts[s]; i++) {
                out[a++] = names.get(s);
            }
        }
        return out;
    }

    /** Atomic number per atom (shape: natoms). */
    int[] atomicNumbers(String[] labels) {
        int[] z = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            try {
                z[i] = Elements.atomicNumberOfLabel(labels[i]);
            } catch (UnknownElementException e) {
                throw new ParseFailure(RejectReason.UNKNOWN_ELEMENT, countsLine, "POTCAR species: " + e.getMessage());
            }
        }
        return z;
    }

    private void require() {
        if (counts == null) {
            throw new ParseFailure(RejectReason.PARSE_ERROR, 0, "no 'ions per type =' line in the OUTCAR header");
        }
        if (nions >= 0) {
            int n = 0;
            for (int c : counts) {
                n += c;
            }
            if (n != nions) {
                throw new ParseFailure(RejectReason.SHAPE_MISMATCH, countsLine,
                        "'ions per type' sums to " + n + " but NIONS = " + nions);
            }
        }
    }
}
