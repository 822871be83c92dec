package org.dpspark.loop;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dpspark.core.Frame;
import org.dpspark.core.RejectReason;
import org.dpspark.ingest.label.CommandLabeler;
import org.dpspark.ingest.label.FinishedLabels;
import org.dpspark.ingest.label.LabelFailure;
import org.dpspark.ingest.label.QmLabeler;
import org.dpspark.simulate.label.PotentialLabeler;

/**
 * The loop's labeler, shipped to executors: a reference potential ({@link PotentialLabeler}: LJ, SW or a fixed
 * Deep Potential teacher, including an imported DeePMD-kit model), a QM program run from a template
 * ({@link CommandLabeler}, each task in its own folder under {@code workRoot}), or CP2K / xtb ({@link QmLabeler}: each
 * structure in {@code workRoot/<frame id>}, a finished calculation reused, never rerun: {@link FinishedLabels}).
 */
final class Labeler implements Serializable {
    private final PotentialLabeler potential;
    private final CommandLabeler command;
    private final QmLabeler qm;
    private final String workRoot;

    private Labeler(PotentialLabeler potential, CommandLabeler command, QmLabeler qm, String workRoot) {
        this.potential = potential;
        this.command = command;
        this.qm = qm;
        this.workRoot = workRoot;
    }

    /** Outcome of one labelling: a frame, or a reason and message; whether a published result was reused. */
    record Outcome(Frame frame, RejectReason reason, String message, boolean reused) {}

    static Labeler of(LoopSettings s, Path loopDir) throws IOException {
        Config l = s.c.getConfig("labeler");
        if (s.labelerType == LabelerType.POTENTIAL) {
            return new Labeler(new PotentialLabeler(s.labelerPotential()), null, null, null);
        }
        if (s.qm != null) {
            s.checkLabeler();
            String work = l.getString("work-dir").isEmpty() ? loopDir.resolve("qm").toString() : l.getString("work-dir");
            return new Labeler(null, null, s.qm, Path.of(work).toAbsolutePath().normalize().toString());
        }
        Config c = l.getConfig("command");
        Path template = Path.of(c.getString("template"));
        if (!Files.isRegularFile(template)) {
            throw new IllegalArgumentException("loop.labeler.command.template: no file " + template);
        }
        List<String> files = new ArrayList<>();
        for (String f : c.getStringList("files")) {
            Path p = Path.of(f).toAbsolutePath().normalize();
            if (!Files.isRegularFile(p)) throw new IllegalArgumentException("loop.labeler.command.files: no file " + p);
            files.add(p.toString());
        }
        String work = c.getString("work-dir").isEmpty() ? loopDir.resolve("qm").toString() : c.getString("work-dir");
        return new Labeler(null, new CommandLabeler(c.getString("code"), Files.readString(template), files,
                c.getStringList("args"), c.getString("output"), c.getString("format"), c.getLong("timeout"),
                c.getBoolean("keep")), null, Path.of(work).toAbsolutePath().normalize().toString());
    }

    /** Labels one frame; {@code task} names its work folder (command labeler). Never throws for a bad structure. */
    Outcome label(Frame f, String task) throws IOException {
        if (potential != null) {
            try {
                return new Outcome(potential.label(f), null, null, false);
            } catch (RuntimeException e) {
                return new Outcome(null, RejectReason.FAILED_RUN, potential.spec().label() + ": " + e.getMessage(), false);
            }
        }
        if (qm != null) {
            FinishedLabels.Outcome o = FinishedLabels.label(qm, f, Path.of(workRoot), task);
            return new Outcome(o.frame(), o.reason(), o.message(), o.reused());
        }
        try {
            return new Outcome(command.label(f, Path.of(workRoot, task)), null, null, false);
        } catch (LabelFailure e) {
            return new Outcome(null, e.reason(), e.getMessage(), false);
        }
    }

    /**
     * Writes the program input of {@code f} once, without running anything (command and QM labelers; nothing for a
     * potential).
     *
     * @throws IllegalArgumentException when the input cannot be written for this structure
     */
    void checkInput(Frame f) throws IOException {
        if (qm != null) {
            qm.checkInput(f);
        } else if (command != null) {
            command.checkInput(f);
        }
    }

    /** OpenMP threads one labelling uses (QM labelers declare theirs; 1 otherwise). */
    int threads() {
        return qm == null ? 1 : qm.threads();
    }

    String describe() {
        if (qm != null) return qm.describe() + ", calculations in " + workRoot;
        return potential != null ? "reference potential " + potential.spec().label()
                : "command " + String.join(" ", command.command()) + " (" + command.code() + ", read as " + command.format() + ")";
    }
}
