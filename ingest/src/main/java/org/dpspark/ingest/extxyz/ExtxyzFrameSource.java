package org.dpspark.ingest.extxyz;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

import org.dpspark.core.Frame;
import org.dpspark.core.Reject;
import org.dpspark.core.RejectReason;
import org.dpspark.ingest.read.ReadRecord;
import org.dpspark.ingest.read.RecordStream;

/**
 * The frames of one extxyz file, one at a time: the streaming state machine behind
 * {@link ExtxyzReader}. Memory is one frame plus the line buffer.
 *
 * <p>Every record (frame or reject) takes the next 0-based index, in file order. Errors never
 * escape {@link #next()}; they become rejects with the 1-based line, and reading resumes at the
 * next frame:
 * <ul>
 *   <li>a line where an atom count is expected that is not one (garbage, binary bytes) starts one
 *       reject covering every line up to the next frame header, i.e. the next line holding only a
 *       positive integer followed by a comment line containing {@code =} or by a plain-XYZ atom
 *       line ({@code Sym x y z});</li>
 *   <li>a bad comment line (Lattice, units, Properties, ...) or a bad atom line (column count, a
 *       non-number, an unknown element) rejects its frame and resumes at the next header from the
 *       bad line on (so a frame cut short by the next frame's count line loses only itself);</li>
 *   <li>a frame followed by one more line that parses as an atom line (its count is too small) is
 *       rejected, the extra lines skipped;</li>
 *   <li>a file that ends inside a frame gives one reject for that frame; an empty file gives one
 *       {@code EMPTY_FILE} reject; an I/O failure one {@code IO_ERROR} reject for the rest.</li>
 * </ul>
 * Blank lines between frames are skipped.
 */
final class ExtxyzFrameSource implements RecordStream.Generator, Closeable {
    static final String FORMAT = "extxyz";
    private static final PropertiesLayout PLAIN = PropertiesLayout.parse(null, null);

    private final ByteLineReader lines;
    private final String file;
    private final String dataset;
    private final Map<String, String> userUnits;
    private final ExtxyzUnits defaultUnits;
    private final String energyKey;
    private final String forcesKey;
    private final AtomLines atoms = new AtomLines();
    private int index;
    /** Index of the frame readFrame is inside (-1 between frames): an I/O error there is that frame's. */
    private int inFrame = -1;
    private boolean done;
    private boolean sawContent;
    private String lastProperties = "\0";
    private PropertiesLayout lastLayout;

    ExtxyzFrameSource(ByteLineReader lines, String file, String dataset, Map<String, String> userUnits,
                      String energyKey, String forcesKey) {
        this.lines = lines;
        this.file = file;
        this.dataset = dataset;
        this.userUnits = userUnits;
        this.defaultUnits = ExtxyzUnits.resolve(CommentLine.parse(""), userUnits);
        this.energyKey = energyKey;
        this.forcesKey = forcesKey;
    }

    @Override
    public ReadRecord next() {
        if (done) {
            return null;
        }
        try {
            while (true) {
                if (!lines.next()) {
                    done = true;
                    return sawContent ? null
                            : reject(-1, null, RejectReason.EMPTY_FILE, "file has no content");
                }
                if (lines.isBlank()) {
                    continue;
                }
                sawContent = true;
                long count = lines.parseCount();
                if (count < 0) {
                    return skipGarbage();
                }
                return readFrame((int) count, lines.lineNumber());
            }
        } catch (IOException e) {
            done = true;
            return reject(failedIndex(), line(lines.lineNumber()), RejectReason.IO_ERROR,
                    "reading failed after line " + lines.lineNumber() + ", rest of file lost: " + e);
        } catch (RuntimeException e) {
            // A bug, not bad content: report it for the rest of the file rather than guess.
            done = true;
            return reject(failedIndex(), line(lines.lineNumber()), RejectReason.PARSE_ERROR,
                    "internal error near line " + lines.lineNumber() + ", rest of file not read: " + e);
        } finally {
            inFrame = -1;
        }
    }

    private ReadRecord skipGarbage() throws IOException {
        long first = lines.lineNumber();
        String excerpt = lines.excerpt(40);
        long last = scanToHeader();
        return reject(index++, line(first), RejectReason.PARSE_ERROR, "expected an atom count, found '"
                + excerpt + "'; skipped lines " + first + "-" + last + " up to the next frame");
    }

    /** The index of a failure that ends the file: the frame being read, or the next index between frames. */
    private int failedIndex() {
        return inFrame >= 0 ? inFrame : index++;
    }

    private ReadRecord readFrame(int n, long countLine) throws IOException {
        int idx = index++;
        inFrame = idx;
        lines.mark();
        if (!lines.next()) {
            lines.clearMark();
            return reject(idx, line(countLine), RejectReason.PARSE_ERROR,
                    "truncated frame: the file ends after the atom count line");
        }
        if (n == 0) {
            lines.clearMark();
            return reject(idx, line(countLine), RejectReason.SHAPE_MISMATCH, "frame declares 0 atoms");
        }
        long commentLine = lines.lineNumber();
        FrameHeader header;
        try {
            header = FrameHeader.of(CommentLine.parse(lines.text()), this::layout, userUnits, defaultUnits,
                    energyKey);
        } catch (FrameHeader.Invalid e) {
            lines.clearMark();
            scanToHeader();
            return reject(idx, line(commentLine), e.reason, e.getMessage());
        }
        PropertiesLayout layout = header.layout();
        atoms.start(n, layout);
        for (int a = 0; a < n; a++) {
            if (!lines.next()) {
                lines.clearMark();
                return reject(idx, line(lines.lineNumber()), RejectReason.PARSE_ERROR, "truncated frame: "
                        + n + " atoms declared on line " + countLine + ", the file ends after " + a);
            }
            if (!atoms.parse(a, lines.buffer(), lines.start(), lines.end())) {
                long bad = lines.lineNumber();
                boolean header2 = lines.parseCount() >= 0;
                if (a == 0) {
                    lines.reset();   // the "comment" may have been the next frame's count line
                } else {
                    lines.clearMark();
                    lines.pushBack();
                }
                scanToHeader();
                String msg = header2
                        ? "frame has " + a + " atom lines but declares " + n + " on line " + countLine
                          + " (line " + bad + " starts another frame)"
                        : atoms.error();
                return reject(idx, line(bad), header2 ? RejectReason.SHAPE_MISMATCH : atoms.errorReason(), msg);
            }
            if (a == 0) {
                lines.clearMark();
            }
        }
        if (extraAtomLineFollows(layout)) {
            long extra = lines.lineNumber() + 1;
            scanToHeader();
            return reject(idx, line(extra), RejectReason.SHAPE_MISMATCH, "frame declares " + n
                    + " atoms on line " + countLine + " but line " + extra + " after them is another atom line");
        }
        try {
            return ReadRecord.frame(build(idx, n, header));
        } catch (IllegalArgumentException e) {
            return reject(idx, line(countLine), RejectReason.SHAPE_MISMATCH, e.getMessage());
        }
    }

    private Frame build(int idx, int n, FrameHeader h) {
        ExtxyzUnits u = h.units();
        PropertiesLayout layout = h.layout();
        return Frame.builder().dataset(dataset).sourceFile(file).sourceIndex(idx)
                .atomicNumbers(atoms.atomicNumbers(n)).typeLabels(atoms.labels(n))
                .positions(atoms.positions(n, u.length())).cell(h.cell()).pbc(h.pbc())
                .energy(h.energy())
                .forces(layout.forces >= 0 ? atoms.forces(n, u.force()) : null)
                .virial(h.virial()).fparam(h.fparam())
                .aparam(layout.aparam >= 0 ? atoms.aparam(n) : null)
                .build();
    }

    /** Peeks at the line after a frame: true when it is one more atom line of the same layout. */
    private boolean extraAtomLineFollows(PropertiesLayout layout) throws IOException {
        lines.mark();
        boolean extra = lines.next() && !lines.isBlank() && lines.parseCount() < 0
                && atoms.looksLikeAtomLine(layout, lines.buffer(), lines.start(), lines.end());
        lines.reset();
        return extra;
    }

    /**
     * Skips lines until the next line to read is a frame header (or the end); returns the number
     * of the last line skipped.
     */
    private long scanToHeader() throws IOException {
        long last = lines.lineNumber();
        while (true) {
            lines.mark();
            if (!lines.next()) {
                lines.clearMark();
                return last;
            }
            if (lines.parseCount() >= 1) {
                boolean header = headerFollows();
                lines.reset();
                if (header) {
                    return last;
                }
                lines.next();
            } else {
                lines.clearMark();
            }
            last = lines.lineNumber();
        }
    }

    /** After a count line: whether a comment with '=' or a comment and a {@code Sym x y z} line follow. */
    private boolean headerFollows() throws IOException {
        if (!lines.next()) {
            return false;
        }
        if (lines.contains((byte) '=')) {
            return true;
        }
        return lines.next() && atoms.looksLikeAtomLine(PLAIN, lines.buffer(), lines.start(), lines.end());
    }

    private PropertiesLayout layout(String properties) {
        String key = properties == null ? "" : properties;
        if (!key.equals(lastProperties)) {
            lastLayout = PropertiesLayout.parse(properties, forcesKey);
            lastProperties = key;
        }
        return lastLayout;
    }

    private ReadRecord reject(int idx, Integer line, RejectReason reason, String message) {
        return ReadRecord.reject(new Reject(dataset, file, idx, line, FORMAT, reason, message));
    }

    private static Integer line(long n) {
        return n > 0 && n <= Integer.MAX_VALUE ? (int) n : null;
    }

    @Override
    public void close() throws IOException {
        done = true;
        lines.close();
    }
}
