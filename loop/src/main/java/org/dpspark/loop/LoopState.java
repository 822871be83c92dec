package org.dpspark.loop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dpspark.core.DatasetSidecar;

/**
 * The loop's record of finished steps ({@code <loop dir>/state.json}): step name ({@code init}, {@code testset},
 * {@code iter-003/label}, …) → wall seconds it took, in completion order. Rewritten atomically (temporary file, then
 * rename) after each step, so a kill leaves the record of the last finished step; a resumed loop skips what it lists.
 */
final class LoopState {
    private final Path file;
    private final Map<String, Double> finished = new LinkedHashMap<>();

    private LoopState(Path file) {
        this.file = file;
    }

    static LoopState open(Path dir) throws IOException {
        LoopState s = new LoopState(dir.resolve("state.json"));
        if (Files.isRegularFile(s.file)) {
            ObjectNode root = (ObjectNode) DatasetSidecar.json().readTree(s.file.toFile());
            root.path("finished").fields().forEachRemaining(e -> s.finished.put(e.getKey(), e.getValue().asDouble()));
        }
        return s;
    }

    boolean done(String step) {
        return finished.containsKey(step);
    }

    /** Seconds a finished step took (0 if unknown). */
    double seconds(String step) {
        return finished.getOrDefault(step, 0.0);
    }

    /** The last finished step, or null. */
    String last() {
        String l = null;
        for (String k : finished.keySet()) l = k;
        return l;
    }

    void finish(String step, double seconds) throws IOException {
        finished.put(step, seconds);
        ObjectMapper m = DatasetSidecar.json();
        ObjectNode root = m.createObjectNode();
        root.put("last_finished", step);
        ObjectNode f = root.putObject("finished");
        finished.forEach(f::put);
        Path tmp = file.resolveSibling("state.json.tmp");
        Files.createDirectories(file.getParent());
        m.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
