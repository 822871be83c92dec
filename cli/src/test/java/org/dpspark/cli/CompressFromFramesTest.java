package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.compress.Compression;
import org.dpspark.model.compress.TableGrid;
import org.dpspark.model.eval.BatchedDeepPotEvaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dpspark compress --frames}: the tables' range follows the training data's smallest neighbour distance, taken
 * in one Spark pass over a frames table (DeePMD-kit's {@code dp compress -t}). Two water molecules with O–H 0.96 Å
 * give r_min = 0.96 Å; adding a frame with an O–H pair at 0.85 Å moves r_min and the upper bound of the tables
 * with it; a structure with that close pair is outside the tables made without it (no extrapolation sub-table)
 * and is counted as overflow, while the training frame itself is not.
 */
class CompressFromFramesTest {
    private static final String HEADER = "6\nenergy=-1.0 Lattice=\"10 0 0 0 10 0 0 0 10\" Properties=species:S:1:pos:R:3:forces:R:3\n";

    /** Two water molecules; the first O–H bond along x has length {@code oh} (Å), the other O–H bonds 0.9605 Å. */
    private static String water(double oh) {
        return HEADER + "O 1 1 1 0 0 0\nH " + (1 + oh) + " 1 1 0 0 0\nH 0.76 1.93 1 0 0 0\n"
                + "O 5 5 5 0 0 0\nH 5.96 5 5 0 0 0\nH 4.76 5.93 5 0 0 0\n";
    }

    private static double[] positions(double oh) {
        return new double[] {1, 1, 1, 1 + oh, 1, 1, 0.76, 1.93, 1, 5, 5, 5, 5.96, 5, 5, 4.76, 5.93, 5};
    }

    @Test
    void rangeFollowsTheTrainingDataAndACloserPairOverflows(@TempDir Path tmp) throws Exception {
        Path yaml = SharedData.path("deepmd-models/deeppot_sea.yaml");
        Path plainXyz = tmp.resolve("plain.xyz"), closeXyz = tmp.resolve("close.xyz");
        Files.writeString(plainXyz, water(0.96));
        Files.writeString(closeXyz, water(0.85));
        Path t1 = tmp.resolve("frames1"), t2 = tmp.resolve("frames2");
        Cli.run("ingest", "-i", plainXyz.toString(), "-o", t1.toString());
        Cli.run("ingest", "-i", plainXyz.toString(), "-o", t2.toString());
        Cli.run("ingest", "-i", closeXyz.toString(), "-o", t2.toString());

        Path c1 = tmp.resolve("c1"), c2 = tmp.resolve("c2");
        String out1 = Cli.run("compress", "--model", yaml.toString(), "-o", c1.toString(), "--frames", t1.toString());
        Cli.run("compress", "--model", yaml.toString(), "-o", c2.toString(), "--frames", t2.toString());
        DeepPotModel m1 = DeepPotModel.read(c1), m2 = DeepPotModel.read(c2);
        // the smallest pair distance of the frames, to the round-off of the coordinates' differences (1e-15 Å)
        assertEquals(0.96, m1.compression().minNborDist(), 1e-12, out1);
        assertEquals(0.85, m2.compression().minNborDist(), 1e-12);
        assertTrue(m1.provenance().get("min_nbor_dist_from").toString().contains("frames table " + t1), m1.provenance().toString());
        assertTrue(out1.contains("min_nbor_dist 0.9600 Å (frames table"), out1);

        DeepPotModel plain = DeepPotModel.importDeepmd(yaml);
        Compression expected = Compression.build(plain.seA(), 0.85, 0.01, 5, -1);
        for (int k = 0; k < expected.tables().size(); k++) {
            TableGrid g1 = m1.compression().tables().get(k).grid(), g2 = m2.compression().tables().get(k).grid();
            assertEquals(expected.tables().get(k).grid(), g2, "net " + k + ": the grid of r_min = 0.85 Å");
            assertTrue(g2.upper() > g1.upper(), "net " + k + ": the closer pair raises the upper bound " + g1 + " → " + g2);
        }

        // tables from the first table's data only, no extrapolation sub-table (extrapolate 1): the close pair overflows
        Path narrow = tmp.resolve("narrow");
        Cli.run("compress", "--model", yaml.toString(), "-o", narrow.toString(), "--frames", t1.toString(),
                "--extrapolate", "1");
        DeepPotModel n = DeepPotModel.read(narrow);
        double max = n.compression().tables().get(0).grid().max();
        assertTrue(TableGrid.upperRaw(plain.seA(), 0, 0.85) > max, "s̃ of the 0.85 Å pair lies beyond the table end " + max);
        int[] types = {0, 1, 1, 0, 1, 1};
        double[] cell = {10, 0, 0, 0, 10, 0, 0, 0, 10};
        BatchedDeepPotEvaluator ev = new BatchedDeepPotEvaluator(n);
        ev.evaluate(positions(0.96), cell, types);
        assertEquals(0, ev.lastTableOverflow(), "the training frame lies inside its own tables");
        ev.evaluate(positions(0.85), cell, types);
        assertTrue(ev.lastTableOverflow() > 0, "the closer pair is counted as overflow");

        assertTrue(Cli.fail("compress", "--model", yaml.toString(), "-o", tmp.resolve("x").toString(), "--frames",
                t1.toString(), "--min-nbor-dist", "0.9").contains("give one of --min-nbor-dist, --stats, --frames"));
        assertTrue(Cli.fail("compress", "--model", yaml.toString(), "-o", tmp.resolve("x").toString(), "--splits", "train",
                "--min-nbor-dist", "0.9").contains("give --frames"));
    }
}
