package org.dpspark.ingest.md17;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dpspark.core.Frame;
import org.dpspark.core.Reject;
import org.dpspark.core.RejectReason;
import org.dpspark.ingest.npy.NpzWriter;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.ReadRecord;
import org.dpspark.ingest.read.RecordStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MD17 and rMD17 archives written with NpzWriter; 1 kcal/mol = 0.0433641042418 eV (MANIFEST.md, CODATA 2018). */
class Md17ReaderTest {
    private static final double KCAL = 0.0433641042418;
    private static final int NF = 4;
    private static final int NA = 3;

    @TempDir
    Path tmp;
    private final Md17Reader reader = new Md17Reader();

    private static double[] values(int n, double scale) {
        double[] v = new double[n];
        Arrays.setAll(v, i -> scale * (i + 0.5));
        return v;
    }

    private Path md17(String name, boolean deflate, long[] energyShape, boolean forces) throws IOException {
        Path p = tmp.resolve(name);
        try (NpzWriter w = new NpzWriter(p, deflate)) {
            w.putF8("R", new long[] {NF, NA, 3}, values(NF * NA * 3, 0.1));
            w.putI4("z", new long[] {NA}, new int[] {8, 1, 1});
            long n = 1;
            for (long d : energyShape) {
                n *= d;
            }
            w.putF8("E", energyShape, values((int) n, -1000));
            if (forces) {
                w.putF8("F", new long[] {NF, NA, 3}, values(NF * NA * 3, 2));
            }
        }
        return p;
    }

    private List<ReadRecord> read(Path p, ReadOptions o) throws IOException {
        List<ReadRecord> out = new ArrayList<>();
        for (InputSplit s : reader.plan(p.toString(), o)) {
            try (RecordStream rs = reader.read(s, o)) {
                rs.forEachRemaining(out::add);
            }
        }
        return out;
    }

    private static List<Frame> frames(List<ReadRecord> rs) {
        return rs.stream().filter(ReadRecord::isFrame).map(ReadRecord::frame).toList();
    }

    private static Reject onlyReject(List<ReadRecord> rs) {
        assertEquals(1, rs.size(), rs.toString());
        return rs.get(0).reject();
    }

    @Test
    void md17ConvertsKcalPerMolToEv() throws IOException {
        Path p = md17("md17.npz", true, new long[] {NF, 1}, true);
        List<Frame> fs = frames(read(p, ReadOptions.of("md17")));
        assertEquals(NF, fs.size());
        Frame f = fs.get(2);
        assertEquals(2, f.sourceIndex());
        assertEquals(p.toString(), f.sourceFile());
        assertEquals("H2O", f.formula());
        assertNull(f.cell());
        // E[2] = -1000 × 2.5 kcal/mol; F[2][1][2] = flat index 2·9 + 5 = 23 → 2 × 23.5 kcal/mol/Å
        assertEquals(-2500 * KCAL, f.energy(), 2500 * KCAL * 1e-15);
        assertEquals(47 * KCAL, f.forces()[5], 47 * KCAL * 1e-15);
        assertEquals(0.1 * 23.5, f.positions()[5]);
    }

    @Test
    void rmd17KeysStoredArchiveAndUnitOverride() throws IOException {
        Path p = tmp.resolve("rmd17.npz");
        try (NpzWriter w = new NpzWriter(p, false)) {
            w.putF8("coords", new long[] {NF, NA, 3}, values(NF * NA * 3, 0.1))
                    .putF8("nuclear_charges", new long[] {NA}, new double[] {6, 1, 1})
                    .putF8("energies", new long[] {NF}, values(NF, -1))
                    .putF8("forces", new long[] {NF, NA, 3}, values(NF * NA * 3, 1))
                    .putI4("old_indices", new long[] {NF}, new int[] {7, 8, 9, 10});
        }
        assertTrue(reader.recognizes(InputProbe.of(p)));
        ReadOptions ev = new ReadOptions("r", List.of(), Map.of("energy", "eV", "force", "eV/A"), Map.of());
        List<Frame> fs = frames(read(p, ev));
        assertEquals(NF, fs.size());
        assertEquals(-3.5, fs.get(3).energy());
        assertEquals(27 + 0.5, fs.get(3).forces()[0]);
        assertEquals("CH2", fs.get(0).formula());
    }

    @Test
    void frameRangeSplitsReadTheSameFrames() throws IOException {
        Path p = md17("split.npz", true, new long[] {NF}, true);
        ReadOptions three = new ReadOptions("m", List.of(), Map.of(), Map.of("split_frames", "3"));
        List<InputSplit> splits = reader.plan(p.toString(), three);
        assertEquals(List.of(new InputSplit(p.toString(), "md17", "", 0, 3), new InputSplit(p.toString(), "md17", "", 3, 4)),
                splits);
        assertEquals(frames(read(p, ReadOptions.of("m"))), frames(read(p, three)));
    }

    @Test
    void brokenArchivesRejectWithoutThrowing() throws IOException {
        Reject e = onlyReject(read(md17("e5.npz", true, new long[] {NF + 1}, true), ReadOptions.of("m")));
        assertEquals(RejectReason.SHAPE_MISMATCH, e.reason());
        assertTrue(e.message().contains("'E' has shape [5]"), e.message());

        List<Frame> noForces = frames(read(md17("nof.npz", false, new long[] {NF}, false), ReadOptions.of("m")));
        assertEquals(NF, noForces.size());
        assertNull(noForces.get(0).forces());

        byte[] b = Files.readAllBytes(md17("ok.npz", false, new long[] {NF}, true));
        Path cut = Files.write(tmp.resolve("cut.npz"), Arrays.copyOf(b, b.length / 2));
        assertEquals(RejectReason.PARSE_ERROR, onlyReject(read(cut, ReadOptions.of("m"))).reason());

        Path text = Files.writeString(tmp.resolve("text.npz"), "hello");
        assertFalse(reader.recognizes(InputProbe.of(text)));
        assertEquals(RejectReason.PARSE_ERROR, onlyReject(read(text, ReadOptions.of("m"))).reason());

        Path other = tmp.resolve("other.npz");
        try (NpzWriter w = new NpzWriter(other, true)) {
            w.putF8("x", new long[] {1}, new double[] {1});
        }
        assertFalse(reader.recognizes(InputProbe.of(other)));
        assertEquals(RejectReason.UNRECOGNIZED_FORMAT, onlyReject(read(other, ReadOptions.of("m"))).reason());
    }
}
