package org.dpspark.ingest.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.stream.Stream;
import org.dpspark.ingest.read.FrameReader;
import org.dpspark.ingest.read.InputProbe;
import org.dpspark.ingest.read.ReaderRegistry;

/**
 * Turns the user's paths and globs into inputs, each with its reader. Pure Java, runs on the driver.
 *
 * <p>A directory that a reader recognises as a whole (a deepmd system) is one input; any other directory
 * is walked. Explicitly named files that no reader recognises are reported as unrecognised (they become
 * rejects: empty or unrecognised); files met while walking a folder that no reader recognises (READMEs,
 * licences, empty marker files) are listed as skipped in the summary and the sidecar. Hidden entries (leading dot or underscore) are ignored.
 */
public final class InputDiscovery {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InputDiscovery.class);
    private InputDiscovery() {}

    /**
     * A discovered input.
     *
     * @param path    absolute path
     * @param reader  its reader, or null when none recognises it
     * @param dataset dataset name derived from the path relative to the walked root
     * @param explicit whether the user named it directly (not found by walking)
     */
    public record Input(Path path, FrameReader reader, String dataset, boolean explicit) {}

    /** Result: inputs with a reader, unrecognised explicit inputs, skipped walked files. */
    public record Discovery(List<Input> inputs, List<Input> unrecognized, List<Path> skipped) {}

    /**
     * @param specs  paths or globs ({@code data/*.xyz}, {@code data/**}) as typed by the user
     * @param format a format name, or {@code auto}
     */
    public static Discovery discover(List<String> specs, String format) {
        FrameReader forced = "auto".equals(format) ? null : ReaderRegistry.get(format);
        List<Input> inputs = new ArrayList<>();
        List<Input> unrecognized = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        for (String spec : specs) {
            List<Path> matches = expand(spec);
            if (matches.isEmpty()) {
                throw new IllegalArgumentException("no such file or folder: " + spec);
            }
            for (Path p : matches) {
                Path root = Files.isDirectory(p) ? p : p.getParent();
                visit(p.toAbsolutePath().normalize(), root.toAbsolutePath().normalize(), true, forced,
                        inputs, unrecognized, skipped, new HashSet<>());
            }
        }
        return new Discovery(inputs, unrecognized, skipped);
    }

    /**
     * @param ancestors real paths of the folders being walked above {@code p}: a folder met again below itself
     *                  (a symbolic-link cycle) is skipped with a warning instead of being walked forever
     */
    private static void visit(Path p, Path root, boolean explicit, FrameReader forced,
                              List<Input> inputs, List<Input> unrecognized, List<Path> skipped, Set<Path> ancestors) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        if (!explicit && (name.startsWith(".") || name.startsWith("_"))) {
            return;
        }
        InputProbe probe = InputProbe.of(p);
        Optional<FrameReader> reader = forced != null && (!probe.isDirectory() || forced.recognizes(probe))
                ? Optional.of(forced) : ReaderRegistry.detect(probe);
        if (reader.isPresent()) {
            inputs.add(new Input(p, reader.get(), datasetName(p, root), explicit));
            return;
        }
        if (probe.isDirectory()) {
            Path real;
            try {
                real = p.toRealPath();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot resolve " + p, e);
            }
            if (!ancestors.add(real)) {
                LOG.warn("{} is a symbolic link to {}, a folder that contains it (a cycle): not walked", p, real);
                skipped.add(p);
                return;
            }
            try (Stream<Path> children = Files.list(p)) {
                for (Path c : children.sorted().toList()) {
                    visit(c, root, false, forced, inputs, unrecognized, skipped, ancestors);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + p, e);
            } finally {
                ancestors.remove(real);
            }
        } else if (explicit) {
            unrecognized.add(new Input(p, null, datasetName(p, root), true));
        } else {
            skipped.add(p);
        }
    }

    /** Path relative to the walked folder, e.g. {@code deepmd/water/data_0}; the own name for a named system or file. */
    static String datasetName(Path p, Path root) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        return rel.isEmpty() ? String.valueOf(p.getFileName()) : rel;
    }

    private static List<Path> expand(String spec) {
        if (!spec.contains("*") && !spec.contains("?") && !spec.contains("[")) {
            Path p = Path.of(spec);
            return Files.exists(p) ? List.of(p) : List.of();
        }
        int firstGlob = firstGlobChar(spec);
        int slash = spec.lastIndexOf('/', firstGlob);
        Path base = slash < 0 ? Path.of(".") : Path.of(spec.substring(0, slash + 1));
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + spec);
        try (Stream<Path> s = Files.walk(base)) {
            return s.filter(p -> m.matches(slash < 0 ? base.relativize(p) : p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot expand " + spec, e);
        }
    }

    private static int firstGlobChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return i;
            }
        }
        return s.length();
    }
}
