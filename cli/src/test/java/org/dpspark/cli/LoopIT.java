package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.SparkSessions;
import org.dpspark.core.table.FramesTable;
import org.dpspark.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The concurrent-learning loop through the command line on a local Spark: the small silicon run stopped after a
 * step (test hook), resumed without redoing finished steps or duplicating frames, re-run when finished (nothing
 * redone); the loop with DPA-1 models; and a loop whose teacher and initial model are DeePMD-kit's own model file.
 */
class LoopIT {
    private static String conf(String name) {
        return Path.of(System.getProperty("dpspark.root"), "conf", name).toString();
    }

    /** Runs a command that may stop on the test hook; returns the exit code and output. */
    private static String[] run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        String[] a = new String[args.length + 2];
        System.arraycopy(args, 0, a, 0, args.length);
        a[args.length] = "--master";
        a[args.length + 1] = "local[2]";
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), a);
        return new String[] {Integer.toString(code), out + "\n" + err};
    }

    private static long frames(Path table) {
        SparkSession spark = SparkSessions.getOrCreate("LoopIT", "local[2]");
        return org.dpspark.core.table.DeltaTables.read(spark, table.toString()).count();
    }

    private static long distinctIds(Path table) {
        SparkSession spark = SparkSessions.getOrCreate("LoopIT", "local[2]");
        Dataset<Row> t = org.dpspark.core.table.DeltaTables.read(spark, table.toString());
        return t.select(FramesTable.FRAME_ID).distinct().count();
    }

    @Test
    void stopsResumesAndDoesNotDuplicate(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("loop");
        String[] first = run("loop", "--conf", conf("loop-si-sw-small.conf"), "-o", dir.toString(), "--stop-after", "iter-000/label");
        assertEquals("3", first[0], first[1]);
        assertTrue(Files.readString(dir.resolve("state.json")).contains("\"last_finished\" : \"iter-000/label\""));
        long init = frames(dir.resolve("frames"));
        // 2 temperatures × 1 seed × 11 dumped frames, each labelled by SW; both trajectories start from the same
        // lattice, so their step-0 frames are one structure with one label: one frame id, stored once
        assertEquals(21, init);
        Path model0 = dir.resolve("iter-000/models/model_0/model.yaml");
        FileTime trained = Files.getLastModifiedTime(model0);

        String[] resumed = run("loop", "--conf", conf("loop-si-sw-small.conf"), "-o", dir.toString());
        assertEquals("0", resumed[0], resumed[1]);
        for (String step : List.of("init", "testset", "iter-000/train", "iter-000/explore", "iter-000/label")) {
            assertTrue(resumed[1].contains("loop: " + step + " already finished, skipped"), step + "\n" + resumed[1]);
        }
        assertEquals(trained, Files.getLastModifiedTime(model0), "finished training is not redone");
        List<String> report = Files.readAllLines(dir.resolve("report.csv"));
        assertEquals(3, report.size(), "header + 2 iterations: " + report);
        long labelled = 0, appended = 0;
        for (String row : report.subList(1, report.size())) {
            String[] c = row.split(",");
            labelled += Long.parseLong(c[7]);
            appended += Long.parseLong(c[8]);
            double acc = Double.parseDouble(c[3]), cand = Double.parseDouble(c[4]), fail = Double.parseDouble(c[5]);
            assertEquals(1.0, acc + cand + fail, 2e-6, row); // three fractions printed to 6 decimals
            assertTrue(Double.parseDouble(c[11]) > 0, "test force RMSE present: " + row);
        }
        assertTrue(labelled > 0, "something was labelled: " + report);
        long total = frames(dir.resolve("frames"));
        assertTrue(appended > 0 && appended <= labelled, "appended " + appended + " of " + labelled);
        assertEquals(init + appended, total, "every appended frame is in the table once");
        assertEquals(total, distinctIds(dir.resolve("frames")));
        assertTrue(Files.size(dir.resolve("report.png")) > 0 && Files.size(dir.resolve("report-rmse.png")) > 0);

        // a kill between the append's publish and its record: the append runs again and adds nothing
        Path state = dir.resolve("state.json");
        Files.writeString(state, Files.readString(state).replace("\"iter-001/append\"", "\"iter-001/append-undone\""));
        String[] again = run("loop", "--conf", conf("loop-si-sw-small.conf"), "-o", dir.toString());
        assertEquals("0", again[0], again[1]);
        assertTrue(again[1].contains("appended 0 frames"), again[1]);
        assertTrue(again[1].contains("loop: iter-001/train already finished, skipped"), again[1]);
        assertEquals(total, frames(dir.resolve("frames")));
    }

    /**
     * The loop with DPA-1 (se_atten, attn_layer 0) as its model type: two iterations of the small silicon run, the
     * second fine-tuning each model from the first iteration's (a step-0 checkpoint of the se_atten parameters), the
     * exploration and model deviation on the se_atten reference evaluator.
     */
    @Test
    void dpa1ModelsThroughTheLoop(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("loop");
        String[] done = run("loop", "--conf", conf("loop-si-sw-small.conf"), "-o", dir.toString(),
                "--set", "train.model.descriptor=se_atten", "--set", "train.model.attn-layer=0");
        assertEquals("0", done[0], done[1]);
        assertTrue(done[1].contains("loop: model_0 starts from"), "iteration 1 fine-tunes the se_atten models\n" + done[1]);
        for (String iter : List.of("iter-000", "iter-001")) {
            String yaml = Files.readString(dir.resolve(iter + "/models/model_1/model.yaml"));
            assertTrue(yaml.contains("se_atten"), iter + " model_1 is a se_atten model");
        }
        List<String> report = Files.readAllLines(dir.resolve("report.csv"));
        assertEquals(3, report.size(), "header + 2 iterations: " + report);
        for (String row : report.subList(1, report.size())) {
            String[] c = row.split(",");
            assertEquals(1.0, Double.parseDouble(c[3]) + Double.parseDouble(c[4]) + Double.parseDouble(c[5]), 2e-6, row);
            assertTrue(Double.parseDouble(c[11]) > 0, "test force RMSE present: " + row);
        }
    }

    @Test
    void deepmdKitModelAsTeacherAndInitialModel(@TempDir Path tmp) throws Exception {
        String sea = SharedData.path("deepmd-models/deeppot_sea.yaml").toString();
        Path dir = tmp.resolve("loop");
        String[] r = run("loop", "-o", dir.toString(),
                "--set", "simulate.structures=[{ water-box { molecules = 8, density = 1.0, seed = 1 } }]",
                "--set", "simulate.integrator.dt=0.5",
                "--set", "model.type-map=[O,H]", "--set", "model.sel=[46,92]",
                "--set", "train.steps=10", "--set", "train.disp-freq=5", "--set", "train.save-freq=5",
                "--set", "train.parallel.workers=1", "--set", "train.data.valid-max-frames=4",
                "--set", "train.data.valid-splits=[train,valid,test]",
                "--set", "loop.labeler.potential=[{ type = deep-potential, model = \"" + sea + "\" }]",
                "--set", "loop.train.init-model=\"" + sea + "\"", "--set", "loop.models=2", "--set", "loop.max-iterations=1",
                "--set", "loop.init={ temperatures = [300], seeds = 1, steps = 40, dump-every = 4 }",
                "--set", "loop.explore=[{ temperatures = [300], steps = 40, seeds = 1, dump-every = 4 }]");
        assertEquals("0", r[0], r[1]);
        assertTrue(r[1].contains("labeler: reference potential deep-potential(deeppot_sea.yaml)"), r[1]);
        assertTrue(r[1].contains("model_0 starts from " + sea), r[1]);
        for (int k = 0; k < 2; k++) {
            // step 0 of training is the imported model itself on frames its own predictions labelled: the validation
            // force RMSE is round-off (double precision graph vs. the Java evaluator that labelled, ~1e-15 eV/Å)
            String[] row0 = Files.readAllLines(dir.resolve("iter-000/models/model_" + k + "/lcurve.csv")).get(1).split(",");
            assertEquals(0.0, Double.parseDouble(row0[10]), 1e-10, "initial validation force RMSE of model_" + k);
        }
        assertEquals(1, Files.readAllLines(dir.resolve("report.csv")).size() - 1);
    }
}
