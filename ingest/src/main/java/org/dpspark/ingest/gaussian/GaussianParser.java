package org.dpspark.ingest.gaussian;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dpspark.core.Reject;
import org.dpspark.core.RejectReason;
import org.dpspark.core.Units;
import org.dpspark.ingest.read.ReadRecord;
import org.dpspark.ingest.text.LineSource;
import org.dpspark.ingest.text.Numbers;
import org.dpspark.ingest.text.ParseFailure;
import org.dpspark.ingest.text.RecordSink;
import org.dpspark.ingest.text.TextRecordParser;

/**
 * State machine over a Gaussian log: one record per geometry (single point, each optimisation step,
 * each ADMP/BOMD step), over all Link1 jobs of the file.
 *
 * <p>A geometry opens at an {@code Input orientation:} / {@code Z-Matrix orientation:} table (or a
 * {@code Standard orientation:} table once the previous geometry has its energy) and takes the last
 * {@code SCF Done:  E(...) = e} (Hartree) and the {@code Forces (Hartrees/Bohr)} table after it.
 * <b>Orientation:</b> Gaussian prints forces in the input frame (after "Axes restored to original
 * set"), so a frame with forces uses the Input/Z-Matrix orientation, as dpdata does; one whose log
 * printed only the Standard orientation is rejected (use {@code Geom=PrintInputOrient}), except an
 * energy-only frame, where the orientation does not matter. Tv rows (Z = -2) of a 3D periodic job give
 * the cell; 1D/2D periodic jobs are rejected. Post-HF jobs (an {@code EUMP2}/{@code E(CORR)} line) are
 * rejected: {@code SCF Done} is then the reference energy, not the one the forces belong to.
 * <b>Jobs:</b> records are held until the job ends; after {@code Normal termination} they are emitted,
 * after {@code Error termination} every frame of that job becomes a FAILED_RUN reject. At the end of a
 * file without termination (a run cut off) the complete geometries are kept and the last one, when it
 * lacks its energy or forces, is a truncation reject.
 */
final class GaussianParser extends TextRecordParser {
    private static final double FORCE = Units.HARTREE_EV / Units.BOHR_ANGSTROM;

    private final List<ReadRecord> job = new ArrayList<>();
    private int index;
    private Geom geom;

    /** One geometry being collected. */
    private static final class Geom {
        GaussianTables.Orientation input;
        GaussianTables.Orientation standard;
        Double energy;
        int energyLine;
        double[] forces;
        int postHfLine;
        ParseFailure failure;
        int line;
    }

    GaussianParser(LineSource in, RecordSink sink) {
        super(in, sink);
    }

    @Override
    protected String recordName() {
        return "Gaussian geometry with 'SCF Done'";
    }

    @Override
    protected boolean advance() throws IOException {
        String line = in.next();
        if (line == null) {
            endGeometry(true);
            job.forEach(this::emit);
            job.clear();
            return false;
        }
        int no = in.lineNumber();
        String t = line.trim();
        try {
            if (t.equals("Input orientation:") || t.equals("Z-Matrix orientation:")) {
                endGeometry(false);
                geom = new Geom();
                geom.line = no;
                geom.input = GaussianTables.orientation(in);
            } else if (t.equals("Standard orientation:")) {
                if (geom == null || geom.energy != null) {
                    endGeometry(false);
                    geom = new Geom();
                    geom.line = no;
                }
                geom.standard = GaussianTables.orientation(in);
            } else if (t.startsWith("SCF Done:") && geom != null) {
                List<String> tok = Numbers.tokens(Numbers.afterEquals(t));
                if (tok.size() < 2 || !tok.get(1).equals("A.U.")) {
                    throw new ParseFailure(RejectReason.PARSE_ERROR, no, "SCF Done line is incomplete: '" + t + "'");
                }
                geom.energy = Numbers.parse(tok.get(0), no, "SCF energy") * Units.HARTREE_EV;
                geom.energyLine = no;
            } else if (t.startsWith("Center") && t.contains("Forces (Hartrees/Bohr)") && geom != null) {
                geom.forces = GaussianTables.forces(in);
            } else if ((t.startsWith("E2 =") && t.contains("EUMP2")) || t.startsWith("E(CORR)=")) {
                if (geom != null && geom.postHfLine == 0) {
                    geom.postHfLine = no;
                }
            } else if (t.startsWith("Normal termination of Gaussian")) {
                endGeometry(false);
                job.forEach(this::emit);
                job.clear();
            } else if (t.startsWith("Error termination")) {
                endGeometry(false);
                failJob(t, no);
            }
        } catch (ParseFailure f) {
            if (geom == null) {
                geom = new Geom();
                geom.line = no;
            }
            if (geom.failure == null) {
                geom.failure = f;
            }
        }
        return true;
    }

    private void failJob(String message, int line) {
        List<ReadRecord> failed = new ArrayList<>();
        for (ReadRecord r : job) {
            Reject old = r.reject();
            int idx = r.isFrame() ? r.frame().sourceIndex() : old.sourceIndex();
            String what = r.isFrame() ? "frame dropped" : "frame was already rejected (" + old.message() + ")";
            failed.add(sink.reject(idx, line, RejectReason.FAILED_RUN, "job ended with '" + message + "': " + what));
        }
        if (failed.isEmpty()) {
            failed.add(sink.reject(-1, line, RejectReason.FAILED_RUN, "job ended with '" + message + "' before any geometry had an energy"));
        }
        failed.forEach(this::emit);
        job.clear();
    }

    /** Turns the current geometry into a record in the job buffer. */
    private void endGeometry(boolean eof) {
        Geom g = geom;
        geom = null;
        if (g == null) {
            return;
        }
        int idx = index++;
        job.add(record(g, idx, eof));
    }

    private ReadRecord record(Geom g, int idx, boolean eof) {
        if (g.failure != null) {
            return sink.reject(idx, g.failure);
        }
        if (eof && (g.energy == null || g.forces == null)) {
            return sink.reject(idx, g.line, RejectReason.PARSE_ERROR, "file ends (no termination line) before the "
                    + (g.energy == null ? "SCF energy" : "forces") + " of the geometry at line " + g.line + " (truncated)");
        }
        if (g.energy == null) {
            return sink.reject(idx, g.line, RejectReason.MISSING_ENERGY, "geometry at line " + g.line + " has no 'SCF Done' before the next one");
        }
        if (g.postHfLine > 0) {
            return sink.reject(idx, g.postHfLine, RejectReason.PARSE_ERROR,
                    "post-HF energy (MP2/CC) job: 'SCF Done' is not the energy of these forces; not supported");
        }
        GaussianTables.Orientation o = g.input;
        if (o == null && g.forces != null) {
            return sink.reject(idx, g.line, RejectReason.PARSE_ERROR, "only the Standard orientation is printed but forces are in the "
                    + "input orientation; rerun with Geom=PrintInputOrient");
        }
        if (o == null) {
            o = g.standard;
        }
        int n = o.natoms();
        if (g.forces != null && g.forces.length != 3 * n) {
            return sink.reject(idx, g.energyLine, RejectReason.SHAPE_MISMATCH,
                    "forces table has " + g.forces.length / 3 + " atoms, orientation table " + n);
        }
        int ntv = o.tv().length / 3;
        if (ntv != 0 && ntv != 3) {
            return sink.reject(idx, o.line(), RejectReason.PARSE_ERROR, ntv + " translation vector(s): 1D/2D periodic cells are not supported");
        }
        double[] f = null;
        if (g.forces != null) {
            f = new double[g.forces.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = g.forces[i] * FORCE;
            }
        }
        return sink.build(sink.frame(idx).atomicNumbers(o.z()).positions(o.positions()).cell(ntv == 3 ? o.tv() : null)
                .energy(g.energy).forces(f), idx, g.energyLine);
    }
}
