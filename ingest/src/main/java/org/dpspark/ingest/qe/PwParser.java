package org.dpspark.ingest.qe;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.dpspark.core.CellMath;
import org.dpspark.core.RejectReason;
import org.dpspark.core.Units;
import org.dpspark.ingest.text.LineSource;
import org.dpspark.ingest.text.Numbers;
import org.dpspark.ingest.text.ParseFailure;
import org.dpspark.ingest.text.RecordSink;
import org.dpspark.ingest.text.TextRecordParser;

/**
 * State machine over a pw.x output: one record per converged SCF ({@code !    total energy} line), so an
 * scf run gives one frame and relax/md/vc-relax runs one per ionic step.
 *
 * <p>A step is the {@code !} energy (Ry) plus the {@code Forces acting on atoms} block that follows
 * (Ry/Bohr; only the first nat lines, later per-term blocks of high verbosity are ignored) and the
 * {@code total   stress} block (kbar columns, pressure sign: virial = +σ·V, the columns dpdata reads).
 * Its geometry is the one in force when the energy was printed: the header ({@code crystal axes},
 * {@code positions (alat units)}) or the latest {@code CELL_PARAMETERS}/{@code ATOMIC_POSITIONS}.
 * A step is emitted when the next geometry or energy starts; the last one only when the file reached
 * {@code JOB DONE}, so a truncated run cannot yield a frame with silently missing forces.
 * {@code convergence NOT achieved} makes the step an UNCONVERGED reject. When the output holds no
 * geometry, {@code fallback} supplies one from the input file (see {@link PwInput}).
 */
final class PwParser extends TextRecordParser {
    private static final Pattern ENERGY = Pattern.compile("^\\s*!+\\s*total energy\\s*=");
    private static final double FORCE = Units.RYDBERG_EV / Units.BOHR_ANGSTROM;

    private final PwGeometry geo = new PwGeometry();
    private final Supplier<PwGeometry> fallback;
    private int index;
    private Double energy;
    private int energyLine;
    private double[] forces;
    private double[] stressKbar;
    private boolean jobDone;
    private ParseFailure stepFailure;
    private ParseFailure geoFailure;
    private int geometryLine;

    PwParser(LineSource in, RecordSink sink, Supplier<PwGeometry> fallback) {
        super(in, sink);
        this.fallback = fallback;
    }

    @Override
    protected String recordName() {
        return "pw.x SCF ('!    total energy')";
    }

    @Override
    protected boolean advance() throws IOException {
        String line = in.next();
        if (line == null) {
            if (energy != null || stepFailure != null) {
                if (jobDone || stepFailure != null) {
                    flush();
                } else {
                    emit(sink.reject(index++, energyLine, RejectReason.PARSE_ERROR,
                            "file ends without 'JOB DONE' after the energy at line " + energyLine + " (truncated run)"));
                }
            } else if (geometryLine > 0 && !jobDone) {
                emit(sink.reject(index++, geometryLine, RejectReason.PARSE_ERROR,
                        "file ends after the geometry at line " + geometryLine + " without its energy (truncated run)"));
            }
            return false;
        }
        int no = in.lineNumber();
        String t = line.trim();
        try {
            if (t.startsWith("celldm(1)=")) {
                geo.alatBohr = Numbers.parse(Numbers.tokens(t.substring(10)).get(0), no, "celldm(1)");
            } else if (t.startsWith("lattice parameter (alat)") && Double.isNaN(geo.alatBohr)) {
                geo.alatBohr = Numbers.parse(Numbers.tokens(Numbers.afterEquals(t)).get(0), no, "alat");
            } else if (t.startsWith("number of atoms/cell")) {
                geo.nat = Numbers.parseInt(Numbers.afterEquals(t), no, "number of atoms/cell");
            } else if (t.startsWith("crystal axes:")) {
                geometry(() -> geo.readCrystalAxes(in));
            } else if (t.startsWith("site n.") && t.contains("(alat units)")) {
                geometry(() -> geo.readTau(in));
            } else if (t.startsWith("CELL_PARAMETERS")) {
                flush();
                geometryLine = no;
                geometry(() -> geo.readCellParameters(t, in));
            } else if (t.startsWith("ATOMIC_POSITIONS")) {
                flush();
                geometryLine = geometryLine > 0 ? geometryLine : no;
                geometry(() -> geo.readAtomicPositions(t, in));
            } else if (ENERGY.matcher(line).find()) {
                if (energy != null) {
                    flush();
                }
                onEnergy(t, no);
            } else if (t.startsWith("Forces acting on atoms") && stepFailure == null) {
                forces = readForces();
            } else if (t.startsWith("total   stress") && stepFailure == null) {
                stressKbar = readStress();
            } else if (t.startsWith("convergence NOT achieved")) {
                if (energy != null) {
                    flush();
                }
                stepFailure = new ParseFailure(RejectReason.UNCONVERGED, no, "SCF not converged: '" + t + "'");
            } else if (t.startsWith("JOB DONE")) {
                jobDone = true;
            }
        } catch (ParseFailure f) {
            if (f.wholeFile()) {
                throw f;
            }
            if (stepFailure == null) {
                stepFailure = f;
            }
        }
        return true;
    }

    /** A geometry block; a failure marks the geometry broken until the next block reads fine. */
    private void geometry(IoAction read) throws IOException {
        try {
            read.run();
            geoFailure = null;
        } catch (ParseFailure f) {
            geoFailure = f;
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    private void onEnergy(String t, int no) {
        energyLine = no;
        List<String> tok = Numbers.tokens(Numbers.afterEquals(t));
        if (tok.size() != 2 || !tok.get(1).equals("Ry")) {
            throw new ParseFailure(RejectReason.PARSE_ERROR, no, "energy line is incomplete: '" + t + "'");
        }
        energy = Numbers.parse(tok.get(0), no, "total energy") * Units.RYDBERG_EV;
    }

    private double[] readForces() throws IOException {
        int n = geo.nat;
        if (n <= 0) {
            throw new ParseFailure(RejectReason.PARSE_ERROR, in.lineNumber(), "forces before 'number of atoms/cell'", true);
        }
        double[] f = new double[3 * n];
        int read = 0;
        while (read < n) {
            String l = in.require("the forces block");
            String t = l.trim();
            if (t.isEmpty()) {
                if (read > 0) {
                    throw new ParseFailure(RejectReason.SHAPE_MISMATCH, in.lineNumber(),
                            "forces block has " + read + " atoms, expected " + n);
                }
                continue;
            }
            if (!t.startsWith("atom") || !t.contains("force =")) {
                throw new ParseFailure(RejectReason.PARSE_ERROR, in.lineNumber(), "expected 'atom N type M force = fx fy fz', got '" + t + "'");
            }
            List<String> tok = Numbers.tokens(Numbers.afterEquals(t));
            if (tok.size() != 3) {
                throw new ParseFailure(RejectReason.PARSE_ERROR, in.lineNumber(), "force line needs 3 values: '" + t + "'");
            }
            for (int k = 0; k < 3; k++) {
                f[3 * read + k] = Numbers.parse(tok.get(k), in.lineNumber(), "force") * FORCE;
            }
            read++;
        }
        String after = in.peek();
        if (after != null && after.trim().startsWith("atom")) {
            throw new ParseFailure(RejectReason.SHAPE_MISMATCH, in.lineNumber() + 1, "forces block has more than " + n + " atoms");
        }
        return f;
    }

    private double[] readStress() throws IOException {
        double[] s = new double[9];
        for (int r = 0; r < 3; r++) {
            String l = in.require("the stress block");
            List<String> tok = Numbers.tokens(l);
            if (tok.size() != 6) {
                throw new ParseFailure(RejectReason.PARSE_ERROR, in.lineNumber(), "stress row needs 6 values: '" + l.trim() + "'");
            }
            Numbers.read(l, 3, 3, s, 3 * r, in.lineNumber(), "stress (kbar)");
        }
        return s;
    }

    /** Emits the pending step, if any, and clears it. */
    private void flush() {
        if (energy == null && stepFailure == null) {
            return;
        }
        int idx = index++;
        if (stepFailure != null) {
            emit(sink.reject(idx, stepFailure));
        } else if (geoFailure != null) {
            emit(sink.reject(idx, geoFailure.line(), geoFailure.reason(),
                    "geometry of this step is unreadable: " + geoFailure.getMessage()));
        } else {
            emit(frame(idx));
        }
        energy = null;
        forces = null;
        stressKbar = null;
        stepFailure = null;
        geometryLine = 0;
    }

    private org.dpspark.ingest.read.ReadRecord frame(int idx) {
        try {
            PwGeometry g = geo.complete() ? geo : fallback.get();
            if (g == null || !g.complete()) {
                return sink.reject(idx, energyLine, RejectReason.PARSE_ERROR,
                        "no cell/positions in the output and no readable input file beside it");
            }
            double[] virial = null;
            if (stressKbar != null) {
                double f = Math.abs(CellMath.determinant(g.cell)) * Units.KBAR_EV_PER_A3;
                virial = new double[9];
                for (int i = 0; i < 9; i++) {
                    virial[i] = stressKbar[i] * f;
                }
            }
            return sink.build(sink.frame(idx).atomicNumbers(g.atomicNumbers(energyLine)).typeLabels(g.labels)
                    .positions(g.positions).cell(g.cell).pbc(new boolean[] {true, true, true})
                    .energy(energy).forces(forces).virial(virial), idx, energyLine);
        } catch (ParseFailure f) {
            return sink.reject(idx, f.line() > 0 ? f.line() : energyLine, f.reason(), f.getMessage());
        }
    }
}
