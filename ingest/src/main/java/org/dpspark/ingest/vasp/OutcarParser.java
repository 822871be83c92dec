package org.dpspark.ingest.vasp;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dpspark.core.RejectReason;
import org.dpspark.ingest.text.LineSource;
import org.dpspark.ingest.text.Numbers;
import org.dpspark.ingest.text.ParseFailure;
import org.dpspark.ingest.text.RecordSink;
import org.dpspark.ingest.text.TextRecordParser;

/**
 * State machine over an OUTCAR: one record (frame or reject) per ionic step.
 *
 * <p>An ionic step starts at the first {@code Iteration N( 1)} line of a new N. Within it the parser
 * collects the last {@code direct lattice vectors} (cell, Å), the "FORCE on cell =-STRESS" block's
 * {@code in kB} line (→ virial, see {@link VaspStress}), the {@code POSITION ... TOTAL-FORCE (eV/Angst)}
 * block (Cartesian positions Å, forces eV/Å; a vdW-corrected run's extra {@code FORCE-w/o vdW} columns are
 * skipped) and finally {@code free  energy   TOTEN} (eV, the value before a trailing {@code w/o vdW = ...}; with two
 * spaces; the electronic iterations print {@code free energy    TOTEN} with one, which is not the
 * frame's energy). The energy line completes the frame. Energies and force blocks are paired only
 * within the same ionic step, so a reduced-output OUTCAR where a step lacks one of them cannot shift
 * later frames: such a step becomes a MISSING_FORCES / MISSING_ENERGY reject. Machine-learned
 * force-field steps ({@code (ML)} blocks, {@code free  energy ML TOTEN}) are not DFT labels and are
 * ignored. A step whose SCF printed "EDIFF was not reached" becomes an UNCONVERGED reject.
 * A damaged step is rejected and parsing resumes at the next ionic step.
 */
final class OutcarParser extends TextRecordParser {
    private static final Pattern ITERATION = Pattern.compile("Iteration\\s+(\\d+)\\s*\\(\\s*(\\d+)\\s*\\)");
    private static final Pattern FINAL_ENERGY = Pattern.compile("^\\s*free\\s{2,}energy\\s+TOTEN\\s*=");

    private final VaspSpecies species;
    private String[] labels;
    private int[] atomicNumbers;
    private double[] cell;

    private int stepNumber;
    private int stepIndex = -1;
    private int stepLine;
    private double[] positions;
    private double[] forces;
    private int forcesLine;
    private double[] stressKb;
    private int unconvergedLine;
    private boolean stepDone;

    /** @param typeMap the user's species in POTCAR order, used only when the OUTCAR does not name them ({@link VaspSpecies}) */
    OutcarParser(LineSource in, RecordSink sink, java.util.List<String> typeMap) {
        super(in, sink);
        this.species = new VaspSpecies(java.nio.file.Path.of(sink.sourceFile()), typeMap);
    }

    @Override
    protected String recordName() {
        return "VASP ionic step";
    }

    @Override
    protected boolean advance() throws IOException {
        String line = in.next();
        if (line == null) {
            finishStep(true);
            return false;
        }
        int no = in.lineNumber();
        if (stepIndex < 0 && species.accept(line, no)) {
            return true;
        }
        if (line.contains("Iteration")) {
            Matcher m = ITERATION.matcher(line);
            if (m.find()) {
                int n = Integer.parseInt(m.group(1));
                if (n != stepNumber || stepIndex < 0) {
                    finishStep(false);
                    startStep(n, no);
                }
                return true;
            }
        }
        if (stepDone) {
            return true;
        }
        try {
            if (line.contains("direct lattice vectors")) {
                cell = readCell();
            } else if (line.contains("FORCE on cell =-STRESS")) {
                stressKb = readStressKb();
            } else if (line.contains("TOTAL-FORCE") && line.contains("POSITION") && !line.contains("ML")) {
                implicitStep(no);
                readForces(line, no);
            } else if (FINAL_ENERGY.matcher(line).find()) {
                implicitStep(no);
                onEnergy(line, no);
            } else if (line.contains("EDIFF was not reached") && unconvergedLine == 0) {
                unconvergedLine = no;
            }
        } catch (ParseFailure f) {
            if (f.wholeFile() || stepIndex < 0) {
                throw f.asWholeFile();
            }
            emit(sink.reject(Math.max(stepIndex, 0), f));
            stepDone = true;
        }
        return true;
    }

    private void startStep(int n, int line) {
        stepNumber = n;
        stepIndex++;
        stepLine = line;
        positions = null;
        forces = null;
        stressKb = null;
        unconvergedLine = 0;
        stepDone = false;
    }

    /** A force block or energy outside any "Iteration" line (unusual output) opens step 1. */
    private void implicitStep(int line) {
        if (stepIndex < 0) {
            startStep(1, line);
        }
    }

    private void finishStep(boolean eof) {
        if (stepIndex < 0 || stepDone) {
            return;
        }
        stepDone = true;
        String step = "ionic step " + stepNumber + " (from line " + stepLine + ")";
        if (forces != null) {
            emit(eof
                    ? sink.reject(stepIndex, forcesLine, RejectReason.PARSE_ERROR, "file ends after the TOTAL-FORCE block of "
                            + step + " without its 'free  energy   TOTEN' line (truncated)")
                    : sink.reject(stepIndex, forcesLine, RejectReason.MISSING_ENERGY, "TOTAL-FORCE block of " + step
                            + " has no 'free  energy   TOTEN' line before the next ionic step (reduced output?)"));
        } else if (eof) {
            emit(sink.reject(stepIndex, in.lineNumber(), RejectReason.PARSE_ERROR,
                    "file ends inside " + step + " before its forces and energy (truncated)"));
        } else {
            emit(sink.reject(stepIndex, stepLine, RejectReason.MISSING_FORCES,
                    step + " has neither a TOTAL-FORCE block nor a final energy (reduced output?)"));
        }
    }

    private void ensureHeader() {
        if (labels == null) {
            try {
                labels = species.labels();
                atomicNumbers = species.atomicNumbers(labels);
            } catch (ParseFailure f) {
                throw f.asWholeFile();
            }
        }
    }

    private double[] readCell() throws IOException {
        double[] h = new double[9];
        for (int r = 0; r < 3; r++) {
            String l = in.require("the lattice vectors");
            if (Numbers.tokens(l).size() < 6) {
                throw new ParseFailure(RejectReason.PARSE_ERROR, in.lineNumber(), "lattice vector line has fewer than 6 numbers (truncated?)");
            }
            Numbers.read(l, 0, 3, h, 3 * r, in.lineNumber(), "lattice vector");
        }
        return h;
    }

    private double[] readStressKb() throws IOException {
        for (int i = 0; i < 40; i++) {
            String l = in.require("the 'FORCE on cell' block");
            String t = l.trim();
            if (t.startsWith("in kB")) {
                if (Numbers.tokens(t).size() != 8) {
                    throw new ParseFailure(RejectReason.PARSE_ERROR, in.lineNumber(), "'in kB' line needs 6 values: '" + t + "'");
                }
                return Numbers.read(t, 2, 6, in.lineNumber(), "stress (kB)");
            }
        }
        throw new ParseFailure(RejectReason.PARSE_ERROR, in.lineNumber(), "no 'in kB' line in the 'FORCE on cell' block");
    }

    /**
     * Reads the POSITION/TOTAL-FORCE block. A van der Waals–corrected run (IVDW) prints a third group,
     * {@code FORCE-w/o vdW (eV/Angst)}, after the total force: each {@code (eV/Angst)} group of the header
     * adds three columns, and only the first six (position, total force) are the frame.
     */
    private void readForces(String header, int headerLine) throws IOException {
        ensureHeader();
        int n = labels.length;
        int columns = 3 + 3 * Math.max(1, countOf(header, "(eV/Angst)"));
        String sep = in.require("the TOTAL-FORCE block");
        if (!sep.trim().startsWith("---")) {
            throw new ParseFailure(RejectReason.PARSE_ERROR, in.lineNumber(), "expected a '----' line after the TOTAL-FORCE header");
        }
        double[] row = new double[6];
        double[] pos = new double[3 * n];
        double[] f = new double[3 * n];
        for (int i = 0; i < n; i++) {
            String l = in.require("the TOTAL-FORCE block");
            if (l.trim().startsWith("---")) {
                throw new ParseFailure(RejectReason.SHAPE_MISMATCH, in.lineNumber(),
                        "TOTAL-FORCE block has " + i + " rows but the header lists " + n + " ions");
            }
            if (Numbers.tokens(l).size() != columns) {
                throw new ParseFailure(RejectReason.PARSE_ERROR, in.lineNumber(), "TOTAL-FORCE row needs " + columns
                        + " numbers (x y z fx fy fz" + (columns > 6 ? " and the header's other force columns" : "")
                        + "): '" + l.trim() + "'");
            }
            Numbers.read(l, 0, 6, row, 0, in.lineNumber(), "position/force");
            System.arraycopy(row, 0, pos, 3 * i, 3);
            System.arraycopy(row, 3, f, 3 * i, 3);
        }
        String end = in.require("the TOTAL-FORCE block");
        if (!end.trim().startsWith("---")) {
            throw new ParseFailure(RejectReason.SHAPE_MISMATCH, in.lineNumber(),
                    "TOTAL-FORCE block has more rows than the " + n + " ions of the header");
        }
        if (forces != null) {
            throw new ParseFailure(RejectReason.PARSE_ERROR, headerLine,
                    "second TOTAL-FORCE block in ionic step " + stepNumber + " without an energy between them");
        }
        positions = pos;
        forces = f;
        forcesLine = headerLine;
    }

    private static int countOf(String s, String part) {
        int count = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
            count++;
        }
        return count;
    }

    /**
     * {@code free  energy   TOTEN  =  e eV}; a vdW-corrected run appends {@code w/o vdW = e' eV} (the energy
     * without the correction), which is not the frame's energy.
     */
    private void onEnergy(String line, int no) {
        String value = line.substring(line.indexOf('=') + 1);
        int vdw = value.indexOf("w/o vdW");
        String[] tok = (vdw >= 0 ? value.substring(0, vdw) : value).trim().split("\\s+");
        if (tok.length != 2 || !tok[1].equals("eV")) {
            throw new ParseFailure(RejectReason.PARSE_ERROR, no, "energy line is incomplete: '" + line.trim() + "'");
        }
        double energy = Numbers.parse(tok[0], no, "free energy TOTEN");
        stepDone = true;
        if (forces == null) {
            emit(sink.reject(stepIndex, no, RejectReason.MISSING_FORCES, "energy of ionic step " + stepNumber
                    + " has no TOTAL-FORCE block in the same step (reduced output?)"));
            return;
        }
        if (unconvergedLine > 0) {
            emit(sink.reject(stepIndex, unconvergedLine, RejectReason.UNCONVERGED,
                    "SCF of ionic step " + stepNumber + " did not reach EDIFF"));
            return;
        }
        if (cell == null) {
            throw new ParseFailure(RejectReason.PARSE_ERROR, no, "no 'direct lattice vectors' before this frame");
        }
        emit(sink.build(sink.frame(stepIndex)
                .atomicNumbers(atomicNumbers).typeLabels(labels)
                .positions(positions).cell(cell).pbc(new boolean[] {true, true, true})
                .energy(energy).forces(forces)
                .virial(stressKb == null ? null : VaspStress.virialFromKbarVoigt(stressKb, cell)), stepIndex, no));
    }
}
