package org.dpspark.simulate.ensemble;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.dpspark.simulate.md.BlowUpGuard;

/**
 * One trajectory of the ensemble: what one Spark task runs.
 *
 * @param structure initial structure
 * @param potential potential
 * @param integrator integrator
 * @param temperature target, K
 * @param seed seed of the trajectory's random stream
 * @param settings run settings (steps, intervals, guard, RDF)
 */
public record TrajectorySpec(InitialStructure structure, PotentialSpec potential, IntegratorSpec integrator,
        double temperature, long seed, SimulateSettings settings) implements Serializable {

    /**
     * 16 hex characters of SHA-256 over what defines the dynamics: the structure's content, the potential and
     * integrator labels, the potential's calculator (a kernel's arithmetic differs in the last bits), T, the seed,
     * the Verlet skin (it decides when positions are wrapped, which changes the last bits) and the velocity
     * rescaling; not the number of steps or the output intervals, which do not change the path. The same
     * definition gives the same id on every run.
     */
    public String id() {
        String key = structure.contentHash() + "|" + potential.label() + "|" + potential.model() + "|"
                + potential.execution() + "|"
                + integrator.label() + "|" + Double.toString(temperature) + "|" + seed + "|skin=" + settings.skin()
                + "|exact=" + settings.exactTemperature();
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The blow-up guard of the settings for this trajectory's target temperature. */
    public BlowUpGuard guard() {
        double limit = temperature > 0 ? settings.maxTemperatureFactor() * temperature : Double.POSITIVE_INFINITY;
        return new BlowUpGuard(settings.guardEvery(), settings.minDistance(), limit);
    }
}
