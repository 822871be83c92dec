package org.dpspark.ingest.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dpspark.core.Frame;
import org.dpspark.core.Reject;
import org.dpspark.core.RejectReason;
import org.dpspark.ingest.deepmd.DeepmdHdf5Reader;
import org.dpspark.ingest.read.FrameReader;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.read.InputSplit;
import org.dpspark.ingest.read.ReadOptions;
import org.dpspark.ingest.read.ReadRecord;
import org.dpspark.ingest.read.RecordStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small ANI-1x and SPICE files written with io.jhdf 0.13 ({@code HdfFile.write}) in the published layouts.
 * Conversions use the CODATA 2018 values of MANIFEST.md written out here: 1 Ha = 27.211386245988 eV,
 * 1 Bohr = 0.529177210903 Å.
 */
class ConformerHdf5ReaderTest {
    private static final double HA = 27.211386245988;
    private static final double BOHR = 0.529177210903;
    /** A product of two doubles may round differently from the reader's: 1 ulp-level relative tolerance. */
    private static final double REL = 1e-15;

    @TempDir
    static Path tmp;
    static Path ani;
    static Path spice;

    /** Conformer c, atom a, axis x: a recognisable value. */
    static double coord(int c, int a, int x) {
        return 0.1 * c + 1.0 * a + 0.01 * x + 0.123;
    }

    static double[][][] block(int nconf, int natoms, double scale) {
        double[][][] b = new double[nconf][natoms][3];
        for (int c = 0; c < nconf; c++) {
            for (int a = 0; a < natoms; a++) {
                for (int x = 0; x < 3; x++) {
                    b[c][a][x] = scale * coord(c, a, x);
                }
            }
        }
        return b;
    }

    @BeforeAll
    static void writeFiles() throws IOException {
        ani = tmp.resolve("ani1x.h5");
        try (WritableHdfFile f = HdfFile.write(ani)) {
            WritableGroup ch4 = f.putGroup("C1H4");
            ch4.putDataset("atomic_numbers", new byte[] {6, 1, 1, 1, 1});
            ch4.putDataset("coordinates", block(3, 5, 1));
            ch4.putDataset("wb97x_dz.energy", new double[] {-40.4, -40.5, Double.NaN});
            ch4.putDataset("wb97x_dz.forces", block(3, 5, -0.01));
            ch4.putDataset("ccsd(t)_cbs.energy", new double[] {-40.6, -40.7, -40.8});
            WritableGroup h2o = f.putGroup("H2O1");
            h2o.putDataset("atomic_numbers", new byte[] {8, 1, 1});
            h2o.putDataset("coordinates", block(2, 3, 1));
            h2o.putDataset("wb97x_dz.energy", new double[] {-76.3, -76.2});
            h2o.putDataset("wb97x_dz.forces", block(2, 3, 0.02));
            WritableGroup bad = f.putGroup("bad");
            bad.putDataset("atomic_numbers", new byte[] {1, 1});
            bad.putDataset("coordinates", block(2, 2, 1));
            bad.putDataset("wb97x_dz.energy", new double[] {-1, -1, -1});
        }
        spice = tmp.resolve("spice.h5");
        try (WritableHdfFile f = HdfFile.write(spice)) {
            WritableGroup w = f.putGroup("water");
            w.putDataset("atomic_numbers", new short[] {8, 1, 1});
            w.putDataset("conformations", block(2, 3, 1));
            w.putDataset("dft_total_energy", new double[] {-76.4, -76.41});
            w.putDataset("dft_total_gradient", block(2, 3, 0.05));
            w.putDataset("smiles", new String[] {"[H:2][O:1][H:3]"});
        }
    }

    static List<ReadRecord> read(FrameReader r, Path p, ReadOptions o) throws IOException {
        List<ReadRecord> out = new ArrayList<>();
        for (InputSplit s : r.plan(p.toString(), o)) {
            try (RecordStream rs = r.read(s, o)) {
                rs.forEachRemaining(out::add);
            }
        }
        return out;
    }

    static List<Frame> frames(List<ReadRecord> rs) {
        return rs.stream().filter(ReadRecord::isFrame).map(ReadRecord::frame).toList();
    }

    static List<Reject> rejects(List<ReadRecord> rs) {
        return rs.stream().filter(r -> !r.isFrame()).map(ReadRecord::reject).toList();
    }

    static void assertRel(double expected, double actual) {
        assertEquals(expected, actual, Math.abs(expected) * REL);
    }

    @Test
    void ani1xConvertsHartreeToEvAndKeepsAngstrom() throws IOException {
        List<ReadRecord> rs = read(new Ani1xReader(), ani, ReadOptions.of("ani"));
        List<Frame> fs = frames(rs);
        assertEquals(5, fs.size());
        Frame f = fs.get(0);
        assertEquals(ani + "#/C1H4", f.sourceFile());
        assertEquals("CH4", f.formula());
        assertNull(f.cell());
        assertRel(-40.4 * HA, f.energy());
        assertEquals(coord(0, 1, 2), f.positions()[5]);
        assertRel(-0.01 * coord(0, 1, 2) * HA, f.forces()[5]);
        assertTrue(fs.get(2).energy().isNaN());
        Frame w = fs.get(4);
        assertEquals(ani + "#/H2O1", w.sourceFile());
        assertEquals(1, w.sourceIndex());
        assertRel(-76.2 * HA, w.energy());
        Reject bad = rejects(rs).get(0);
        assertEquals(1, rejects(rs).size());
        assertEquals(RejectReason.SHAPE_MISMATCH, bad.reason());
        assertTrue(bad.message().contains("wb97x_dz.energy") && bad.message().contains("expected 2 conformers"),
                bad.message());
    }

    @Test
    void ani1xKeysAndUnitsAreOptions() throws IOException {
        ReadOptions ccsd = new ReadOptions("ani", List.of(), Map.of(),
                Map.of("energy_key", "ccsd(t)_cbs.energy", "forces_key", "none"));
        List<Frame> fs = frames(read(new Ani1xReader(), ani, ccsd));
        assertRel(-40.8 * HA, fs.get(2).energy());
        assertNull(fs.get(0).forces());
        ReadOptions ev = new ReadOptions("ani", List.of(), Map.of("energy", "eV", "force", "eV/A"), Map.of());
        Frame f = frames(read(new Ani1xReader(), ani, ev)).get(0);
        assertEquals(-40.4, f.energy());
        assertEquals(-0.01 * coord(0, 1, 2), f.forces()[5]);
        ReadOptions furlong = new ReadOptions("ani", List.of(), Map.of("length", "furlong"), Map.of());
        List<ReadRecord> rs = read(new Ani1xReader(), ani, furlong);
        assertEquals(0, frames(rs).size());
        assertEquals(3, rejects(rs).size());
        assertEquals(RejectReason.UNSUPPORTED_UNIT, rejects(rs).get(0).reason());
    }

    @Test
    void splitsByGroupAndFrameRange() throws IOException {
        Ani1xReader r = new Ani1xReader();
        assertEquals(List.of("/C1H4", "/H2O1", "/bad"),
                r.plan(ani.toString(), ReadOptions.of("a")).stream().map(InputSplit::part).toList());
        ReadOptions two = new ReadOptions("a", List.of(), Map.of(), Map.of("split_frames", "2"));
        List<InputSplit> splits = r.plan(ani.toString(), two);
        assertEquals(4, splits.size());
        assertEquals(new InputSplit(ani.toString(), "ani1x", "/C1H4", 2, 3), splits.get(1));
        assertEquals(frames(read(r, ani, ReadOptions.of("a"))), frames(read(r, ani, two)));
    }

    @Test
    void spiceConvertsBohrAndNegatesTheGradient() throws IOException {
        List<ReadRecord> rs = read(new SpiceReader(), spice, ReadOptions.of("spice"));
        assertEquals(List.of(), rejects(rs));
        List<Frame> fs = frames(rs);
        assertEquals(2, fs.size());
        Frame f = fs.get(1);
        assertEquals("H2O", f.formula());
        assertRel(-76.41 * HA, f.energy());
        assertRel(coord(1, 2, 0) * BOHR, f.positions()[6]);
        assertRel(-0.05 * coord(1, 2, 0) * HA / BOHR, f.forces()[6]);
    }

    @Test
    void detectionTellsTheLayoutsApart() throws IOException {
        assertTrue(new Ani1xReader().recognizes(InputProbe.of(ani)));
        assertFalse(new SpiceReader().recognizes(InputProbe.of(ani)));
        assertTrue(new SpiceReader().recognizes(InputProbe.of(spice)));
        assertFalse(new Ani1xReader().recognizes(InputProbe.of(spice)));
        assertFalse(new DeepmdHdf5Reader().recognizes(InputProbe.of(spice)));
        Path junk = Files.writeString(tmp.resolve("junk.h5"), "not hdf5");
        assertFalse(new Ani1xReader().recognizes(InputProbe.of(junk)));
        List<ReadRecord> rs = read(new Ani1xReader(), junk, ReadOptions.of("a"));
        assertEquals(1, rs.size());
        assertEquals(RejectReason.PARSE_ERROR, rs.get(0).reject().reason());
    }
}
