package org.dpspark.ingest.label;

import com.typesafe.config.Config;
import java.io.Serializable;
import java.util.List;

/**
 * The {@code loop.labeler.xtb} section (defaults in dpspark-defaults.conf), validated.
 *
 * @param program xtb executable (name on PATH or path)
 * @param method {@code gfn2} (GFN2-xTB), {@code gfn1}, {@code gfn0} or {@code gfnff}
 * @param charge total charge (e), xtb {@code --chrg}
 * @param unpaired number of unpaired electrons, xtb {@code --uhf}
 * @param threads OpenMP threads per calculation ({@code OMP_NUM_THREADS}); the Spark task declares as many CPUs
 * @param timeoutSeconds wall-time limit of one calculation (s)
 * @param maxIterations SCC iterations before xtb gives up (UNCONVERGED), xtb {@code --iterations}
 */
public record XtbSettings(String program, String method, int charge, int unpaired, int threads, long timeoutSeconds,
        int maxIterations) implements Serializable {
    public static final List<String> METHODS = List.of("gfn2", "gfn1", "gfn0", "gfnff");

    public XtbSettings {
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("loop.labeler.xtb.method: unknown '" + method + "' (known: " + String.join(", ", METHODS) + ")");
        }
        if (unpaired < 0) throw new IllegalArgumentException("loop.labeler.xtb.unpaired must be >= 0, got " + unpaired);
        if (maxIterations < 1) throw new IllegalArgumentException("loop.labeler.xtb.max-iterations must be >= 1, got " + maxIterations);
        QmSettingsChecks.common("loop.labeler.xtb", threads, timeoutSeconds);
    }

    /** Reads the section (all keys present: dpspark-defaults.conf has them). */
    public static XtbSettings fromConfig(Config c) {
        return new XtbSettings(c.getString("program"), c.getString("method"), c.getInt("charge"), c.getInt("unpaired"),
                c.getInt("threads"), c.getLong("timeout"), c.getInt("max-iterations"));
    }

    /** xtb's method arguments: {@code --gfn 2} or {@code --gfnff}. */
    List<String> methodArgs() {
        return method.equals("gfnff") ? List.of("--gfnff") : List.of("--gfn", method.substring(3));
    }
}
