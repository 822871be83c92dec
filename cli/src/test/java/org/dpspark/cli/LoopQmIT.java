package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dpspark.core.DatasetSidecar;
import org.dpspark.core.table.DeltaTables;
import org.dpspark.core.testing.LocalSpark;
import org.dpspark.ingest.label.FinishedLabels;
import org.dpspark.ingest.label.Programs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop on real quantum mechanics, through the command line on a local Spark: xtb labels ethanol (the molecule
 * demo's initial xtb MD frames relabelled, one iteration), in a child JVM killed (SIGKILL) once some calculations
 * have published, then resumed: no calculation that had finished runs again (the program is a wrapper that logs the
 * folder of every invocation). CP2K labels the initial MD frames of an H2 molecule.
 */
class LoopQmIT {
    private static String conf(String name) {
        return Path.of(System.getProperty("dpspark.root"), "conf", name).toString();
    }

    private static boolean installed(String program) {
        try {
            Programs.resolve(program, "");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A tiny version of conf/loop-molecule-xtb.conf: 6 structures, 1 iteration of 2 small models. */
    private static List<String> xtbArgs(Path dir, Path program) {
        String start = conf("data/ethanol-xtb-opt.xyz"), init = conf("data/ethanol-xtb-md-init.xyz");
        return List.of("loop", "--conf", conf("loop-molecule-xtb.conf"), "-o", dir.toString(),
                "--set", "simulate.structures=[{ extxyz = \"" + start + "\", index = 0, name = ethanol }]",
                "--set", "loop.init.inputs=[\"" + init + "\"]", "--set", "loop.init.relabel-max=6",
                "--set", "loop.labeler.xtb.program=\"" + program + "\"",
                "--set", "loop.test.inputs=[]",   // no test set (the demo's is a path relative to the checkout)
                "--set", "train.steps=10", "--set", "train.disp-freq=5", "--set", "train.save-freq=5",
                "--set", "train.data.valid-max-frames=2", "--set", "loop.models=2", "--set", "loop.max-iterations=1",
                "--set", "loop.train.fine-tune-steps=5",
                "--set", "loop.explore=[{ temperatures = [300], steps = 40, seeds = 1, dump-every = 10 }]",
                "--set", "loop.select={ trust-lo = 0.0, trust-hi = 100.0, fp-task-max = 3, seed = 1 }");
    }

    private static String[] run(List<String> args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        List<String> a = new ArrayList<>(args);
        a.addAll(List.of("--master", "local[2]"));
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), a.toArray(String[]::new));
        return new String[] {Integer.toString(code), out + "\n" + err};
    }

    /** Folders under {@code qm} holding a published result. */
    private static Set<String> published(Path qm) throws Exception {
        if (!Files.isDirectory(qm)) return Set.of();
        try (Stream<Path> s = Files.list(qm)) {
            Set<String> out = new HashSet<>();
            s.filter(p -> Files.isRegularFile(p.resolve(FinishedLabels.RESULT))).forEach(p -> out.add(p.toAbsolutePath().toString()));
            return out;
        }
    }

    @Test
    void xtbLoopKilledAndResumedRecomputesNothing(@TempDir Path tmp) throws Exception {
        assumeTrue(installed("xtb"), "xtb is not installed (apt-get install xtb; the CI installs it)");
        Path log = tmp.resolve("invocations.log");
        Path program = tmp.resolve("xtb-logged");
        // logs the calculation folder, waits 1 s (so that the kill finds some calculations finished and others not),
        // then becomes the real xtb
        Files.writeString(program, "#!/bin/sh\necho \"$PWD\" >> '" + log + "'\nsleep 1\nexec "
                + Programs.resolve("xtb", "") + " \"$@\"\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path dir = tmp.resolve("loop");
        Path qm = dir.resolve("qm");

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        cmd.addAll(Arrays.asList(System.getProperty("dpspark.jvm.flags").split("\\s+")));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(xtbArgs(dir, program));
        cmd.addAll(List.of("--master", "local[2]"));
        Path childLog = tmp.resolve("child.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(childLog.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process child = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (child.isAlive() && published(qm).size() < 2 && System.nanoTime() < deadline) Thread.sleep(20);
        child.destroyForcibly();
        child.waitFor(30, TimeUnit.SECONDS);
        Set<String> finishedAtKill = published(qm);
        int linesAtKill = Files.exists(log) ? Files.readAllLines(log).size() : 0;
        assertTrue(finishedAtKill.size() >= 2 && finishedAtKill.size() < 6,
                "killed while labelling the 6 initial structures: " + finishedAtKill.size() + " finished\n" + Files.readString(childLog));

        String[] resumed = run(xtbArgs(dir, program));
        assertEquals("0", resumed[0], resumed[1]);
        assertTrue(resumed[1].contains("loop: init labelled 6 of 6 structures (0 failed, " + finishedAtKill.size() + " reused)"),
                resumed[1]);
        List<String> after = Files.readAllLines(log).subList(linesAtKill, Files.readAllLines(log).size());
        for (String folder : after) {
            assertFalse(finishedAtKill.contains(folder), "a finished calculation ran again after the resume: " + folder);
        }
        // every invocation after the kill is a distinct structure (no Spark retry or rerun computed one twice)
        assertEquals(new HashSet<>(after).size(), after.size(), "one run per structure after the resume: " + after);
        List<String> all = Files.readAllLines(log);
        assertEquals(published(qm).size(), new HashSet<>(all).size(), "every invoked structure published its outcome");
        assertTrue(all.size() - new HashSet<>(all).size() <= 2,
                "only the calculations in flight at the kill (at most one per task of local[2]) ran twice: " + all);

        // the init frames and the iteration's labels are in the frames table with xtb's energies
        long frames = DeltaTables.read(LocalSpark.get(), dir.resolve("frames").toString()).count();
        JsonNode label = DatasetSidecar.json().readTree(dir.resolve("iter-000/label/summary.json").toFile());
        JsonNode append = DatasetSidecar.json().readTree(dir.resolve("iter-000/label/append.json").toFile());
        assertTrue(label.path("labelled").asLong() >= 1, label.toString());
        // the exploration's step 0 is the first initial structure: the same frame id, its label reused, not appended twice
        assertEquals(label.path("labelled").asLong(), append.path("frames_written").asLong() + append.path("already_there").asLong());
        assertEquals(6 + append.path("frames_written").asLong(), frames, resumed[1]);
        // the report counts the relabelled initial structures as training frames of iteration 0
        List<String> report = Files.readAllLines(dir.resolve("report.csv"));
        assertTrue(report.get(1).startsWith("0,6,"), report.toString());
        // the table's energies are xtb's: each equals the TOTAL ENERGY (Eh, 12 decimals) printed in a calculation's
        // stdout, in eV (the MD17 file's DFT energies, ~-405,700 kcal/mol, are gone)
        List<Double> printed = new ArrayList<>();
        for (String f : published(qm)) printed.add(printedEnergy(Path.of(f, "stdout.txt"), "TOTAL ENERGY"));
        for (var row : DeltaTables.read(LocalSpark.get(), dir.resolve("frames").toString()).collectAsList()) {
            double e = row.<Double>getAs("energy");
            assertTrue(printed.stream().anyMatch(p -> Math.abs(p - e) < 1e-9 * Math.abs(e)), e + " not in " + printed);
        }

        // a rerun of the finished loop runs no program at all
        int before = Files.readAllLines(log).size();
        assertEquals("0", run(xtbArgs(dir, program))[0]);
        assertEquals(before, Files.readAllLines(log).size());
    }

    @Test
    void cp2kLabelsTheInitialMdOfAMolecule(@TempDir Path tmp) throws Exception {
        assumeTrue(installed("cp2k.psmp"), "cp2k is not installed (apt-get install cp2k; the CI installs it)");
        Path h2 = tmp.resolve("h2.xyz");
        Files.writeString(h2, "2\nProperties=species:S:1:pos:R:3 pbc=\"F F F\"\nH 0.0 0.0 0.0\nH 0.0 0.0 0.78\n");
        Path dir = tmp.resolve("loop");
        // LJ with its minimum at 2^(1/6) sigma = 0.74 Å drives the MD; CP2K (PBE, 200/30 Ry, 2 Å of vacuum) labels
        String[] r = run(List.of("loop", "--conf", conf("loop-si-cp2k.conf"), "-o", dir.toString(), "--stop-after", "init",
                "--set", "simulate.structures=[{ extxyz = \"" + h2 + "\" }]", "--set", "model.type-map=[H]", "--set", "model.sel=[1]",
                "--set", "simulate.guard.min-distance=0.3",
                "--set", "loop.init={ potential = [{ type = lj, epsilon = 0.5, sigma = 0.66, cutoff = 3.0 }], temperatures = [300], seeds = 1, steps = 10, dump-every = 5 }",
                // the OT path (the silicon demo smears on a k-point grid: Cp2k2023OutputTest reads such an output)
                "--set", "loop.labeler.cp2k={ cutoff = 200, rel-cutoff = 30, vacuum = 2.0, timeout = 300, smearing = 0, kpoints = [] }"));
        assertEquals("3", r[0], r[1]);
        assertTrue(r[1].contains("labeler: cp2k.psmp (PBE, DZVP-MOLOPT-SR-GTH, GTH-PBE, cutoff 200.0 Ry"), r[1]);
        var frames = DeltaTables.read(LocalSpark.get(), dir.resolve("frames").toString()).collectAsList();
        // every dumped MD frame labelled (the MD's own count), each by one published CP2K calculation
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("init MD: 1 trajectories, (\\d+) frames").matcher(r[1]);
        assertTrue(m.find(), r[1]);
        assertTrue(frames.size() >= 2, r[1]);
        assertEquals(Integer.parseInt(m.group(1)), frames.size(), r[1]);
        assertEquals(frames.size(), published(dir.resolve("qm")).size());
        List<Double> printed = new ArrayList<>();
        for (String f : published(dir.resolve("qm"))) {
            printed.add(printedEnergy(Path.of(f, "cp2k.out"), "ENERGY| Total FORCE_EVAL"));
        }
        for (var row : frames) {
            // the table's energy is the one CP2K printed (Hartree, 15 decimals) for that structure, in eV
            double e = row.<Double>getAs("energy");
            assertTrue(printed.stream().anyMatch(p -> Math.abs(p - e) < 1e-9 * Math.abs(e)), e + " not in " + printed);
            List<Double> f = row.getList(row.fieldIndex("forces"));
            assertEquals(-f.get(2), f.get(5), 1e-4, "Newton's third law in CP2K's forces");
        }
    }

    /** The first number after {@code marker} on its last line in a program's output (Hartree), in eV. */
    private static double printedEnergy(Path out, String marker) throws Exception {
        String line = Files.readAllLines(out, java.nio.charset.StandardCharsets.ISO_8859_1).stream()
                .filter(l -> l.contains(marker)).reduce((a, b) -> b).orElseThrow(() -> new AssertionError(marker + " in " + out));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-?\\d+\\.\\d+").matcher(line.substring(line.indexOf(marker)));
        assertTrue(m.find(), line);
        return Double.parseDouble(m.group()) * org.dpspark.core.Units.HARTREE_EV;
    }
}
