package org.dpspark.ingest.vasp;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.dpspark.core.CellMath;
import org.dpspark.core.Elements;
import org.dpspark.core.RejectReason;
import org.dpspark.core.UnknownElementException;
import org.dpspark.ingest.read.ReadRecord;
import org.dpspark.ingest.read.RecordStream;
import org.dpspark.ingest.text.Numbers;
import org.dpspark.ingest.text.ParseFailure;
import org.dpspark.ingest.text.RecordSink;

/**
 * Streams a vasprun.xml with StAX: one record per {@code <calculation>} (ionic step), emitted at its end
 * tag, so memory holds one step.
 *
 * <p>Read per calculation: the calculation's own {@code <energy><i name="e_fr_energy">} (eV; the
 * {@code <scstep>} energies are electronic iterations and ignored), its {@code <structure>} (basis rows
 * Å, fractional positions → Cartesian), {@code <varray name="forces">} (eV/Å) and
 * {@code <varray name="stress">} (kB, 3×3 → virial, see {@link VaspStress}). Species come from
 * {@code <atominfo><array name="atoms">}. A calculation with bad numbers or counts becomes a reject and
 * the next one is read; malformed XML (truncation, garbage bytes) cannot be resynchronised, so it rejects
 * the calculation in progress, or the rest of the file when outside one.
 */
final class VasprunParser implements RecordStream.Generator {
    private final XMLStreamReader xml;
    private final RecordSink sink;
    private final ArrayDeque<String> path = new ArrayDeque<>();
    private final ArrayDeque<ReadRecord> queue = new ArrayDeque<>();
    private boolean finished;
    private int emitted;

    private final List<String> labels = new ArrayList<>();
    private int calcIndex = -1;
    private int calcLine;
    private Calc calc;

    /** What one calculation collected so far. */
    private static final class Calc {
        double[] basis;
        List<double[]> positions;
        List<double[]> forces;
        List<double[]> stress;
        Double energy;
        ParseFailure failure;
    }

    VasprunParser(InputStream in, RecordSink sink) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newInstance();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        this.xml = f.createXMLStreamReader(in);
        this.sink = sink;
    }

    @Override
    public ReadRecord next() {
        while (queue.isEmpty() && !finished) {
            try {
                if (!step()) {
                    finished = true;
                    if (emitted == 0) {
                        emit(sink.reject(-1, line(), RejectReason.PARSE_ERROR, "no <calculation> in the file"));
                    }
                }
            } catch (XMLStreamException | RuntimeException e) {
                finished = true;
                boolean inCalc = calc != null;
                String what = e instanceof XMLStreamException ? "malformed or truncated XML" : "unexpected content";
                int at = e instanceof XMLStreamException xe && xe.getLocation() != null
                        ? xe.getLocation().getLineNumber() : line();
                emit(sink.reject(inCalc ? calcIndex : -1, at, RejectReason.PARSE_ERROR,
                        what + (inCalc ? " in <calculation> " + calcIndex + " (from line " + calcLine + ")" : "")
                                + ": " + e.getMessage() + "; rest of file skipped"));
            }
        }
        return queue.poll();
    }

    private void emit(ReadRecord r) {
        queue.add(r);
        emitted++;
    }

    private int line() {
        try {
            return xml.getLocation().getLineNumber();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Processes events until something was emitted or the document ended; false at the end. */
    private boolean step() throws XMLStreamException {
        while (xml.hasNext()) {
            int ev = xml.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                onStart(xml.getLocalName());
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                String name = path.pop();
                if (name.equals("calculation") && calc != null) {
                    finishCalculation();
                    return true;
                }
            }
        }
        return false;
    }

    private void onStart(String name) throws XMLStreamException {
        String parent = path.peek();
        String attrName = xml.getAttributeValue(null, "name");
        if (name.equals("calculation")) {
            calcIndex++;
            calcLine = line();
            calc = new Calc();
            path.push(name);
        } else if (name.equals("array") && "atoms".equals(attrName) && "atominfo".equals(parent)) {
            path.push(name);
            readAtoms();
        } else if (calc != null && name.equals("varray") && "calculation".equals(parent)
                && ("forces".equals(attrName) || "stress".equals(attrName))) {
            List<double[]> rows = readVarray(attrName);
            if ("forces".equals(attrName)) {
                calc.forces = rows;
            } else {
                calc.stress = rows;
            }
        } else if (calc != null && name.equals("varray") && "crystal".equals(parent) && "basis".equals(attrName)
                && inCalculationStructure()) {
            List<double[]> rows = readVarray("basis");
            if (rows != null && rows.size() == 3) {
                calc.basis = flatten(rows);
            } else if (rows != null) {
                fail(RejectReason.SHAPE_MISMATCH, "basis has " + rows.size() + " rows");
            }
        } else if (calc != null && name.equals("varray") && "structure".equals(parent) && "positions".equals(attrName)
                && inCalculationStructure()) {
            calc.positions = readVarray("positions");
        } else if (calc != null && name.equals("i") && "energy".equals(parent) && "e_fr_energy".equals(attrName)
                && isCalculationEnergy()) {
            String text = xml.getElementText();
            try {
                calc.energy = Numbers.parse(text, line(), "e_fr_energy");
            } catch (ParseFailure f) {
                keep(f);
            }
        } else {
            path.push(name);
        }
    }

    /** The path is calculation/structure/... (not an scstep or another structure). */
    private boolean inCalculationStructure() {
        var it = path.iterator();
        String top = it.hasNext() ? it.next() : null;
        if ("structure".equals(top)) {
            return it.hasNext() && "calculation".equals(it.next());
        }
        return "crystal".equals(top) && it.hasNext() && "structure".equals(it.next())
                && it.hasNext() && "calculation".equals(it.next());
    }

    private boolean isCalculationEnergy() {
        var it = path.iterator();
        return it.hasNext() && "energy".equals(it.next()) && it.hasNext() && "calculation".equals(it.next());
    }

    /** Reads the {@code <v>} rows of the varray just opened (cursor after its start tag, left after its end tag). */
    private List<double[]> readVarray(String what) throws XMLStreamException {
        List<double[]> rows = new ArrayList<>();
        boolean bad = false;
        while (true) {
            int ev = xml.next();
            if (ev == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("v")) {
                int ln = line();
                String text = xml.getElementText();
                if (bad) {
                    continue;
                }
                try {
                    List<String> tok = Numbers.tokens(text);
                    if (tok.size() != 3) {
                        throw new ParseFailure(RejectReason.SHAPE_MISMATCH, ln, what + " row needs 3 values: '" + text.trim() + "'");
                    }
                    double[] row = new double[3];
                    for (int i = 0; i < 3; i++) {
                        row[i] = Numbers.parse(tok.get(i), ln, what);
                    }
                    rows.add(row);
                } catch (ParseFailure f) {
                    keep(f);
                    bad = true;
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("varray")) {
                return bad ? null : rows;
            }
        }
    }

    private void readAtoms() throws XMLStreamException {
        labels.clear();
        while (true) {
            int ev = xml.next();
            if (ev == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("rc")) {
                xml.nextTag();
                labels.add(xml.getElementText().trim());
            } else if (ev == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("array")) {
                path.pop();
                return;
            }
        }
    }

    private void keep(ParseFailure f) {
        if (calc != null && calc.failure == null) {
            calc.failure = f;
        }
    }

    private void fail(RejectReason reason, String message) {
        keep(new ParseFailure(reason, line(), message));
    }

    private void finishCalculation() {
        Calc c = calc;
        calc = null;
        int idx = calcIndex;
        try {
            if (c.failure != null) {
                throw c.failure;
            }
            int n = labels.size();
            if (n == 0) {
                throw new ParseFailure(RejectReason.PARSE_ERROR, calcLine, "no <atominfo> atoms before the calculation");
            }
            require(c.basis != null, "no structure basis in the calculation");
            require(c.positions != null, "no positions in the calculation");
            if (c.energy == null) {
                throw new ParseFailure(RejectReason.MISSING_ENERGY, calcLine, "calculation has no <energy> e_fr_energy of its own");
            }
            if (c.forces == null) {
                throw new ParseFailure(RejectReason.MISSING_FORCES, calcLine, "calculation has no forces varray");
            }
            if (c.positions.size() != n || c.forces.size() != n) {
                throw new ParseFailure(RejectReason.SHAPE_MISMATCH, calcLine, "atominfo lists " + n + " atoms, positions "
                        + c.positions.size() + ", forces " + c.forces.size());
            }
            int[] z = new int[n];
            for (int i = 0; i < n; i++) {
                try {
                    z[i] = Elements.atomicNumberOfLabel(labels.get(i));
                } catch (UnknownElementException e) {
                    throw new ParseFailure(RejectReason.UNKNOWN_ELEMENT, calcLine, "atominfo element: " + e.getMessage());
                }
            }
            double[] virial = null;
            if (c.stress != null) {
                if (c.stress.size() != 3) {
                    throw new ParseFailure(RejectReason.SHAPE_MISMATCH, calcLine, "stress has " + c.stress.size() + " rows");
                }
                virial = VaspStress.virialFromKbarMatrix(flatten(c.stress), c.basis);
            }
            emit(sink.build(sink.frame(idx).atomicNumbers(z).typeLabels(labels.toArray(new String[0]))
                    .positions(CellMath.fractionalToCartesian(flatten(c.positions), c.basis))
                    .cell(c.basis).pbc(new boolean[] {true, true, true})
                    .energy(c.energy).forces(flatten(c.forces)).virial(virial), idx, calcLine));
        } catch (ParseFailure f) {
            emit(sink.reject(idx, f.line() > 0 ? f.line() : calcLine, f.reason(), f.getMessage()));
        }
    }

    private void require(boolean ok, String message) {
        if (!ok) {
            throw new ParseFailure(RejectReason.PARSE_ERROR, calcLine, message);
        }
    }

    private static double[] flatten(List<double[]> rows) {
        double[] out = new double[rows.size() * 3];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, out, 3 * i, 3);
        }
        return out;
    }

    void close() throws IOException {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }
}
