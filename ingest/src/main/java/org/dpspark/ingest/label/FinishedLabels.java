package org.dpspark.ingest.label;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import org.dpspark.core.DatasetSidecar;
import org.dpspark.core.Frame;
import org.dpspark.core.FrameId;
import org.dpspark.core.RejectReason;

/**
 * Nothing computed twice: each calculation runs in {@code workRoot/<frame id>} (the {@link FrameId} of the
 * unlabelled structure: atoms, positions, cell, pbc) and, as soon as it ends, publishes its outcome there as
 * {@code result.json}, written to a temporary file and moved into place atomically. A later request for the same
 * structure with the same labeler ({@link QmLabeler#fingerprint()}) — a Spark task retry, a killed and resumed loop,
 * the same frame in two trajectories — reads that file instead of running the program again; a failure (its reason
 * and message) is reused as well: delete the folder to retry it. A calculation killed before it published leaves no
 * {@code result.json} and runs again. Concurrent requests for one structure wait for each other (a lock per frame id
 * within the JVM, a file lock {@code <frame id>.lock} across processes sharing the folder).
 *
 * <p>{@code result.json}: {@code frame_id}, {@code labeler}, {@code task}, {@code seconds}, and either
 * {@code energy} (eV), {@code forces} (eV/Å, natoms × 3 flattened, the frame's atom order), {@code virial}
 * (eV, 3 × 3 flattened, or null), or {@code reason} (rejects-table code) and {@code message}. Numbers are written in
 * Jackson's shortest round-trip form: a reused label equals the computed one bit for bit.
 */
public final class FinishedLabels {
    private FinishedLabels() {}

    public static final String RESULT = "result.json";
    private static final ConcurrentHashMap<String, Object> LOCKS = new ConcurrentHashMap<>();

    /**
     * One labelling's outcome.
     *
     * @param frame the labelled frame, or null on failure
     * @param reason the failure's reason, or null
     * @param message the failure's message, or null
     * @param reused whether a published result was read instead of running the program
     * @param dir the calculation folder
     */
    public record Outcome(Frame frame, RejectReason reason, String message, boolean reused, Path dir) {}

    /** The calculation folder of {@code f} under {@code workRoot}. */
    public static Path folder(Path workRoot, Frame f) {
        return workRoot.resolve(FrameId.of(unlabelled(f)));
    }

    /**
     * Labels {@code f} with {@code labeler} in its folder under {@code workRoot}, or reuses the published result.
     *
     * @param task a name for humans (e.g. trajectory and step), recorded in the result
     */
    public static Outcome label(QmLabeler labeler, Frame f, Path workRoot, String task) throws IOException {
        Frame bare = unlabelled(f);
        String id = FrameId.of(bare);
        Path dir = workRoot.resolve(id);
        Files.createDirectories(workRoot);
        synchronized (LOCKS.computeIfAbsent(id, k -> new Object())) {
            try (FileChannel ch = FileChannel.open(workRoot.resolve(id + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
                Outcome done = read(dir, bare, id, labeler.fingerprint());
                if (done != null) return done;
                long t0 = System.nanoTime();
                Outcome o;
                try {
                    o = new Outcome(labeler.label(bare, dir), null, null, false, dir);
                } catch (LabelFailure e) {
                    o = new Outcome(null, e.reason(), e.getMessage(), false, dir);
                }
                publish(o, id, labeler.fingerprint(), task, (System.nanoTime() - t0) / 1e9);
                return o;
            }
        }
    }

    /** The frame without energy, forces and virial: what the calculation's key is computed from. */
    static Frame unlabelled(Frame f) {
        return f.toBuilder().energy(null).forces(null).virial(null).build();
    }

    private static void publish(Outcome o, String id, String fingerprint, String task, double seconds) throws IOException {
        ObjectNode n = DatasetSidecar.json().createObjectNode();
        n.put("frame_id", id);
        n.put("labeler", fingerprint);
        n.put("task", task);
        n.put("seconds", seconds);
        if (o.frame() != null) {
            n.put("energy", o.frame().energy());
            ArrayNode fa = n.putArray("forces");
            for (double v : o.frame().forces()) fa.add(v);
            if (o.frame().virial() == null) {
                n.putNull("virial");
            } else {
                ArrayNode va = n.putArray("virial");
                for (double v : o.frame().virial()) va.add(v);
            }
        } else {
            n.put("reason", o.reason().code());
            n.put("message", o.message());
        }
        Files.createDirectories(o.dir());
        Path tmp = o.dir().resolve(RESULT + ".tmp");
        DatasetSidecar.json().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), n);
        Files.move(tmp, o.dir().resolve(RESULT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The published outcome for this structure and labeler, or null (none, another labeler, unreadable). */
    private static Outcome read(Path dir, Frame bare, String id, String fingerprint) {
        Path p = dir.resolve(RESULT);
        if (!Files.isRegularFile(p)) return null;
        try {
            JsonNode n = DatasetSidecar.json().readTree(p.toFile());
            if (!id.equals(n.path("frame_id").asText()) || !fingerprint.equals(n.path("labeler").asText())) return null;
            if (n.hasNonNull("reason")) {
                return new Outcome(null, RejectReason.valueOf(n.get("reason").asText().toUpperCase(Locale.ROOT)),
                        n.path("message").asText(), true, dir);
            }
            double[] forces = doubles(n.get("forces"));
            if (forces.length != 3 * bare.natoms()) return null;
            double[] virial = n.get("virial").isNull() ? null : doubles(n.get("virial"));
            return new Outcome(bare.toBuilder().energy(n.get("energy").asDouble()).forces(forces).virial(virial).build(),
                    null, null, true, dir);
        } catch (IOException | RuntimeException e) {
            return null; // not a result of ours: compute again
        }
    }

    private static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).asDouble();
        return v;
    }
}
