package org.dpspark.ingest.deepmd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dpspark.ingest.npy.NpyHeader;
import org.dpspark.ingest.npy.NpyReader;
import org.dpspark.ingest.read.ReadOptions;

/** A deepmd/npy system folder: {@code type.raw}, {@code type_map.raw}, {@code nopbc}, {@code set.*}/{@code *.npy}. */
final class NpyDirStore implements SystemStore {
    private final Path dir;

    NpyDirStore(Path dir) {
        this.dir = dir;
    }

    @Override
    public String location() {
        return dir.toString();
    }

    @Override
    public DeepmdSystem system(ReadOptions options) throws SystemProblem, IOException {
        return systemOf(dir, options);
    }

    /** type.raw / type_map.raw / nopbc of a folder (shared with deepmd/raw). */
    static DeepmdSystem systemOf(Path dir, ReadOptions options) throws SystemProblem, IOException {
        Path type = dir.resolve("type.raw");
        Path map = dir.resolve("type_map.raw");
        int[] types = Files.isRegularFile(type) ? RawText.types(Files.readString(type, StandardCharsets.UTF_8),
                type.toString()) : null;
        List<String> names = Files.isRegularFile(map) ? RawText.tokens(Files.readString(map, StandardCharsets.UTF_8))
                : List.of();
        return DeepmdSystem.resolve(dir.toString(), types, names, Files.exists(dir.resolve("nopbc")), options);
    }

    @Override
    public List<String> sets() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("set.")).sorted().toList();
        }
    }

    @Override
    public long[] shape(String set, String name) throws IOException {
        Path p = file(set, name);
        return Files.exists(p) ? NpyReader.header(p).shape() : null;
    }

    @Override
    public long frameCountForNumbering(String set) {
        try (InputStream in = Files.newInputStream(file(set, "coord"))) {
            return NpyHeader.read(in, set).rows();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public double[] readFlat(String set, String name, long from, long to) throws IOException {
        return NpyReader.readFlat(file(set, name), from, to);
    }

    private Path file(String set, String name) {
        return dir.resolve(set).resolve(name + ".npy");
    }
}
