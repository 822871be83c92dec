package org.dpspark.ingest.job;

import java.util.Optional;
import org.dpspark.core.Elements;
import org.dpspark.core.Frame;
import org.dpspark.core.Reject;
import org.dpspark.core.RejectReason;

/**
 * The checks every frame passes before it enters the frames table, whatever its reader:
 * energy and forces present, every number finite, every type label safe (labels become output paths on
 * export, see {@link Elements#labelProblem}). (Shapes are checked when a {@link Frame} is built,
 * element names when readers map labels.) Pure Java, no Spark.
 */
public final class FrameValidator {
    private FrameValidator() {}

    /** The reason {@code f} must be rejected, or empty when it is good. */
    public static Optional<Reject> check(Frame f, String format) {
        String previous = null;
        for (String label : f.typeLabels()) {
            String problem = label.equals(previous) ? null : Elements.labelProblem(label);
            if (problem != null) {
                return reject(f, format, RejectReason.UNKNOWN_ELEMENT, problem);
            }
            previous = label;
        }
        if (f.energy() == null) {
            return reject(f, format, RejectReason.MISSING_ENERGY, "frame has no energy");
        }
        if (!f.hasForces()) {
            return reject(f, format, RejectReason.MISSING_FORCES, "frame has no forces");
        }
        if (!Double.isFinite(f.energy())) {
            return reject(f, format, RejectReason.NAN_OR_INF, "energy is " + f.energy());
        }
        String bad = f.firstNonFinite();
        if (bad != null) {
            return reject(f, format, RejectReason.NAN_OR_INF, bad);
        }
        return Optional.empty();
    }

    private static Optional<Reject> reject(Frame f, String format, RejectReason reason, String message) {
        return Optional.of(new Reject(f.dataset(), f.sourceFile(), f.sourceIndex(), null, format, reason, message));
    }
}
