package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.dpspark.core.table.DeltaTables;
import org.dpspark.core.table.FramesTable;
import org.dpspark.core.table.RejectsTable;
import org.dpspark.core.testing.LocalSpark;
import org.dpspark.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input corpus through the ingest command: the real files of every single-file format (VASP OUTCAR and
 * vasprun.xml, Quantum ESPRESSO, CP2K, Gaussian, extxyz) and a deepmd/npy system, each beside a copy cut in the
 * middle (the extxyz file gzipped, intact and cut), plus NaN and Inf values, a deepmd system whose type.raw has the wrong number of atoms, random bytes, an
 * empty file, a type label that climbs out of the output folder and a file name with spaces, quotes and non-ASCII
 * characters. One ingest of everything keeps exactly the frames of one ingest of the intact files (the complete
 * frames of the cut copies are the same frames, same content ids), and every damaged file has its rejects, each with
 * a reason code and a message.
 */
class HostileCorpusIT {
    @TempDir Path tmp;

    private static byte[] half(Path p) throws IOException {
        byte[] b = Files.readAllBytes(p);
        return Arrays.copyOf(b, b.length / 2);
    }

    private static byte[] gzip(byte[] b) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
    }

    @Test
    void everyGoodFrameIsKeptAndEveryBadRecordIsARejectWithItsReason() throws IOException {
        Path good = Files.createDirectories(tmp.resolve("good"));
        Path bad = Files.createDirectories(tmp.resolve("bad"));
        List<String> singles = List.of("vasp/OUTCAR.h2o.md", "vasp/vasprun.h2o.md.xml", "cp2k/cp2k_normal_output/cp2k_output",
                "gaussian/methane.gaussianlog", "extxyz/xyz_unittest.xyz");
        for (String f : singles) {
            Path src = SharedData.path(f);
            Files.write(bad.resolve("cut-" + src.getFileName()), half(src));
            if (f.endsWith(".xyz")) {
                // the intact extxyz only gzipped (its frames count only if gzip input is read), and the gzip cut in the
                // middle (a truncated stream: an I/O error inside a frame)
                byte[] gz = gzip(Files.readAllBytes(src));
                Files.write(good.resolve(src.getFileName() + ".gz"), gz);
                Files.write(bad.resolve("cut-" + src.getFileName() + ".gz"), Arrays.copyOf(gz, gz.length / 2));
            } else {
                Files.copy(src, good.resolve(src.getFileName()));
            }
        }
        Files.createDirectories(good.resolve("qe"));
        Files.createDirectories(bad.resolve("qe-cut"));
        for (String f : List.of("01.in", "01.out")) {
            Files.copy(SharedData.path("qe/" + f), good.resolve("qe/" + f));
            Files.copy(SharedData.path("qe/" + f), bad.resolve("qe-cut/" + f));
        }
        Files.write(bad.resolve("qe-cut/01.out"), half(SharedData.path("qe/01.out")));
        copyTree(SharedData.path("deepmd/nopbc-CHO/C4H3O1"), good.resolve("C4H3O1"));
        copyTree(SharedData.path("deepmd/nopbc-CHO/C4H3O1"), bad.resolve("C4H3O1-cut"));
        Files.write(bad.resolve("C4H3O1-cut/set.000/coord.npy"), half(SharedData.path("deepmd/nopbc-CHO/C4H3O1/set.000/coord.npy")));
        copyTree(SharedData.path("deepmd/nopbc-CHO/C4H3O1"), bad.resolve("C4H3O1-shape"));
        Files.writeString(bad.resolve("C4H3O1-shape/type.raw"), Files.readString(bad.resolve("C4H3O1-shape/type.raw")) + "0\n");
        List<String> xyz = Files.readAllLines(SharedData.path("extxyz/xyz_unittest.xyz"));
        // a good file with a name no path or shell should choke on
        Files.write(good.resolve("we'ird \"name\" ☢.xyz"), xyz.subList(0, 14));
        List<String> nan = new ArrayList<>(xyz);
        nan.set(2, nan.get(2).replaceFirst("(\\S+)$", "NaN"));
        Files.write(bad.resolve("nan.xyz"), nan);
        List<String> inf = new ArrayList<>(xyz);
        inf.set(3, inf.get(3).replaceFirst("(\\S+)$", "-Inf"));
        Files.write(bad.resolve("inf.xyz"), inf);
        List<String> climb = new ArrayList<>(xyz.subList(0, 14));
        climb.set(2, climb.get(2).replaceFirst("^B ", "B/../../../../ESC "));
        Files.write(bad.resolve("climb.xyz"), climb);
        Files.write(bad.resolve("random.bin"), new byte[] {0x13, 0x37, 0x00, (byte) 0xff, 0x42, 0x0a, 0x7f});
        Files.writeString(bad.resolve("empty.xyz"), "");
        List<String> badFiles;
        try (Stream<Path> s = Files.list(bad)) {
            badFiles = s.map(p -> p.getFileName().toString()).sorted().toList();
        }

        Path clean = tmp.resolve("clean");
        String cleanSummary = Cli.run("ingest", "-i", good.toString(), "-o", clean.toString());
        assertTrue(cleanSummary.contains("rejects: 0\n"), cleanSummary);
        Path all = tmp.resolve("all");
        // named one by one: a file met while walking a folder that no reader recognises is skipped, not rejected
        List<String> args = new ArrayList<>(List.of("ingest", "-o", all.toString(), "-i", good.toString()));
        badFiles.forEach(f -> args.add(bad.resolve(f).toString()));
        String summary = Cli.run(args.toArray(String[]::new));

        Set<String> cleanIds = ids(clean);
        assertTrue(cleanIds.size() >= 3 + 1 + 1 + 3 + 1 + 15, cleanSummary);
        // the gzipped extxyz was read (its first frame is also in the oddly named file, so it may be counted there)
        long fromGz = DeltaTables.read(LocalSpark.get(), clean.toString())
                .where(org.apache.spark.sql.functions.col(FramesTable.SOURCE_FILE).endsWith(".xyz.gz")).count();
        assertTrue(fromGz >= 2, "frames read from the gzipped extxyz: " + fromGz + "\n" + cleanSummary);
        assertEquals(cleanIds, ids(all), "frames lost or added by the hostile inputs:\n" + summary);

        List<Row> rejects = DeltaTables.read(LocalSpark.get(), all.resolve(RejectsTable.FOLDER).toString()).collectAsList();
        Map<String, Set<String>> reasonsByFile = new TreeMap<>();
        for (Row r : rejects) {
            String file = r.getString(r.fieldIndex(RejectsTable.SOURCE_FILE));
            String reason = r.getString(r.fieldIndex(RejectsTable.REASON));
            String message = r.getString(r.fieldIndex(RejectsTable.MESSAGE));
            assertFalse(reason == null || reason.isBlank() || message == null || message.isBlank(), r.toString());
            assertTrue(file.startsWith(bad.toString()) || file.startsWith("file:" + bad), "a reject of a good file: " + r);
            String rel = file.substring(file.indexOf(bad.toString()) + bad.toString().length() + 1);
            reasonsByFile.computeIfAbsent(rel.split("/")[0], k -> new TreeSet<>()).add(reason);
        }
        assertEquals(badFiles, List.copyOf(reasonsByFile.keySet()), "every damaged input has rejects:\n" + reasonsByFile);
        assertTrue(reasonsByFile.get("nan.xyz").contains("nan_or_inf"), reasonsByFile.toString());
        assertTrue(reasonsByFile.get("inf.xyz").contains("nan_or_inf"), reasonsByFile.toString());
        assertEquals(Set.of("empty_file"), reasonsByFile.get("empty.xyz"));
        assertEquals(Set.of("unrecognized_format"), reasonsByFile.get("random.bin"));
        assertFalse(Files.exists(tmp.resolve("ESC")), "nothing written outside the table");
        System.out.println("HostileCorpusIT: " + badFiles.size() + " damaged inputs, rejects by file " + reasonsByFile
                + "; frames kept " + cleanIds.size() + " of " + cleanIds.size());
    }

    private static Set<String> ids(Path table) {
        return new TreeSet<>(DeltaTables.read(LocalSpark.get(), table.toString()).select(FramesTable.FRAME_ID)
                .as(Encoders.STRING()).collectAsList());
    }
}
