package org.dpspark.train.job;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.dpspark.model.DeepPotModel;

/**
 * A training checkpoint in {@code <output>/checkpoint/}: {@code model/} (the artifact at that step, loadable by
 * simulate) and {@code state.bin} (step, parameters, Adam state). Written into a temporary folder and then moved
 * into place, so a kill leaves either the previous or the new checkpoint, never a half-written one.
 */
public final class Checkpoint {
    private Checkpoint() {}

    /** The optimizer state of a checkpoint. */
    public record State(long step, double[] params, double[] m, double[] v, long adamT, long seed) implements Serializable {}

    public static Path dir(Path output) { return output.resolve("checkpoint"); }

    public static void save(Path output, DeepPotModel model, State state) throws IOException {
        Path tmp = output.resolve("checkpoint.tmp");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        model.save(tmp.resolve("model"));
        try (ObjectOutputStream o = new ObjectOutputStream(Files.newOutputStream(tmp.resolve("state.bin")))) {
            o.writeObject(state);
        }
        Path old = output.resolve("checkpoint.old");
        deleteTree(old);
        if (Files.exists(dir(output))) Files.move(dir(output), old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmp, dir(output), StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
    }

    public static boolean exists(Path output) {
        return Files.isRegularFile(dir(output).resolve("state.bin")) || Files.isRegularFile(output.resolve("checkpoint.old/state.bin"));
    }

    /** The model of the checkpoint (falls back to {@code checkpoint.old} if a kill hit between the two moves). */
    public static DeepPotModel model(Path output) throws IOException {
        return DeepPotModel.load(live(output).resolve("model"));
    }

    public static State state(Path output) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(live(output).resolve("state.bin")))) {
            return (State) in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
    }

    private static Path live(Path output) {
        Path d = dir(output);
        return Files.isRegularFile(d.resolve("state.bin")) ? d : output.resolve("checkpoint.old");
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }
}
