package org.dpspark.ingest.cp2k;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dpspark.core.CellMath;
import org.dpspark.core.RejectReason;
import org.dpspark.core.Units;
import org.dpspark.ingest.read.ReadRecord;
import org.dpspark.ingest.text.LineSource;
import org.dpspark.ingest.text.Numbers;
import org.dpspark.ingest.text.ParseFailure;
import org.dpspark.ingest.text.RecordSink;
import org.dpspark.ingest.text.TextRecordParser;

/**
 * State machine over a CP2K output: one record per {@code ENERGY| Total FORCE_EVAL} line.
 *
 * <p>A frame pairs that energy (Hartree, printed as {@code (a.u.):}, {@code [a.u.]:} or {@code [hartree]})
 * with the forces and stress blocks that follow it ({@link Cp2kBlocks}), the last {@code CELL| Vector}
 * lines (Å) and the last {@code ATOMIC COORDINATES} table. Type labels are the KIND names of
 * {@code ATOMIC KIND INFORMATION} ({@code Fe1}, {@code Fe2}); atomic numbers come from the coordinate
 * table's Z column. The stress is printed with the pressure sign, so virial = +σ·V. CP2K prints the
 * coordinates once (later MD/optimisation geometries go to separate files), so a second energy without
 * a new coordinate table becomes a reject rather than a frame with stale positions. An energy preceded
 * by {@code SCF run NOT converged} becomes an UNCONVERGED reject. The last step is only accepted when
 * the file reached {@code PROGRAM ENDED AT}.
 */
final class Cp2kParser extends TextRecordParser {
    private static final Pattern KIND = Pattern.compile("^\\s*(\\d+)\\.\\s+Atomic kind:\\s+(\\S+)");
    private static final Pattern ENERGY = Pattern.compile("^\\s*ENERGY\\|\\s*Total FORCE_EVAL");

    private final Map<Integer, String> kindNames = new HashMap<>();
    private final double[] cell = new double[9];
    private int cellRows;
    private Cp2kBlocks.Coordinates coords;
    private boolean coordsUsed;
    private int unconvergedLine;
    private boolean ended;

    private int index;
    private Double energy;
    private int energyLine;
    private boolean stepCoordsStale;
    private int stepUnconverged;
    private double[] forces;
    private double[] stress;
    private ParseFailure stepFailure;

    Cp2kParser(LineSource in, RecordSink sink) {
        super(in, sink);
    }

    @Override
    protected String recordName() {
        return "CP2K 'ENERGY| Total FORCE_EVAL' step";
    }

    @Override
    protected boolean advance() throws IOException {
        String line = in.next();
        if (line == null) {
            if (energy != null || stepFailure != null) {
                if (ended || stepFailure != null) {
                    flush();
                } else {
                    emit(sink.reject(index++, energyLine, RejectReason.PARSE_ERROR,
                            "file ends without 'PROGRAM ENDED AT' after the energy at line " + energyLine + " (truncated run)"));
                }
            }
            return false;
        }
        int no = in.lineNumber();
        String t = line.trim();
        try {
            Matcher k;
            if (t.startsWith("CELL| Vector")) {
                int r = "abc".indexOf(t.charAt(13));
                int colon = t.indexOf(':');
                if (r >= 0 && colon > 0) {
                    Numbers.read(t.substring(colon + 1), 0, 3, cell, 3 * r, no, "cell vector");
                    cellRows |= 1 << r;
                }
            } else if ((k = KIND.matcher(line)).find()) {
                kindNames.put(Integer.parseInt(k.group(1)), k.group(2));
            } else if (t.startsWith("MODULE QUICKSTEP:") && t.toUpperCase().contains("ATOMIC COORDINATES IN")) {
                flush();
                coords = Cp2kBlocks.coordinates(t, in);
                coordsUsed = false;
            } else if (t.contains("SCF run NOT converged")) {
                unconvergedLine = no;
            } else if (ENERGY.matcher(line).find()) {
                flush();
                onEnergy(t, no);
            } else if (energy != null && stepFailure == null && t.startsWith("ATOMIC FORCES in")) {
                forces = Cp2kBlocks.forces(false, in);
            } else if (energy != null && stepFailure == null && t.startsWith("FORCES| Atomic forces")) {
                forces = Cp2kBlocks.forces(true, in);
            } else if (energy != null && stepFailure == null && stress == null
                    && (t.startsWith("STRESS TENSOR [") || t.matches("STRESS\\| (Analytical|Numerical) stress tensor \\[.*"))) {
                stress = Cp2kBlocks.stress(t, in);
            } else if (t.contains("PROGRAM ENDED AT")) {
                ended = true;
            }
        } catch (ParseFailure f) {
            if (f.wholeFile() || energy == null) {
                throw f;
            }
            if (stepFailure == null) {
                stepFailure = f;
            }
        }
        return true;
    }

    private void onEnergy(String t, int no) {
        energyLine = no;
        stepUnconverged = unconvergedLine;
        unconvergedLine = 0;
        stepCoordsStale = coordsUsed;
        coordsUsed = true;
        List<String> tok = Numbers.tokens(t);
        int at = t.indexOf("energy", Math.max(0, t.indexOf(')')));
        String unitPart = at < 0 ? "" : t.substring(at);
        if (!(unitPart.contains("a.u.") || unitPart.toLowerCase().contains("hartree"))) {
            stepFailure = new ParseFailure(RejectReason.UNSUPPORTED_UNIT, no, "energy unit not Hartree: '" + t + "'");
        }
        try {
            energy = Numbers.parse(tok.get(tok.size() - 1), no, "energy") * Units.HARTREE_EV;
        } catch (ParseFailure f) {
            energy = Double.NaN;
            stepFailure = stepFailure == null ? f : stepFailure;
        }
    }

    private void flush() {
        if (energy == null && stepFailure == null) {
            return;
        }
        int idx = index++;
        emit(record(idx));
        energy = null;
        forces = null;
        stress = null;
        stepFailure = null;
    }

    private ReadRecord record(int idx) {
        if (stepFailure != null) {
            return sink.reject(idx, stepFailure);
        }
        if (stepUnconverged > 0) {
            return sink.reject(idx, stepUnconverged, RejectReason.UNCONVERGED, "SCF run NOT converged before the energy at line " + energyLine);
        }
        if (coords == null || stepCoordsStale) {
            return sink.reject(idx, energyLine, RejectReason.PARSE_ERROR, coords == null
                    ? "no ATOMIC COORDINATES table before the energy"
                    : "no new ATOMIC COORDINATES table for this step (CP2K writes later geometries to the -pos file)");
        }
        if (cellRows != 7) {
            return sink.reject(idx, energyLine, RejectReason.PARSE_ERROR, "no 'CELL| Vector a/b/c' lines before the energy");
        }
        int n = coords.z().length;
        if (forces != null && forces.length != 3 * n) {
            return sink.reject(idx, energyLine, RejectReason.SHAPE_MISMATCH,
                    "forces block has " + forces.length / 3 + " atoms, coordinates " + n);
        }
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            labels[i] = kindNames.getOrDefault(coords.kinds()[i], coords.elements()[i]);
        }
        double[] f = null;
        if (forces != null) {
            f = new double[forces.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = forces[i] * Units.HARTREE_EV / Units.BOHR_ANGSTROM;
            }
        }
        double[] v = null;
        if (stress != null) {
            double vol = Math.abs(CellMath.determinant(cell));
            v = new double[9];
            for (int i = 0; i < 9; i++) {
                v[i] = stress[i] * vol;
            }
        }
        return sink.build(sink.frame(idx).atomicNumbers(coords.z()).typeLabels(labels).positions(coords.positions())
                .cell(cell.clone()).pbc(new boolean[] {true, true, true}).energy(energy).forces(f).virial(v), idx, energyLine);
    }
}
