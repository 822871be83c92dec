package org.dpspark.simulate.ensemble;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.dpspark.core.DatasetSidecar;

/**
 * The provenance JSON of a run that a driver set up with {@link SimulateSettings#forRun}: the configured
 * {@code simulate} section with the values the run actually used in place of the configured ones.
 */
final class RunProvenance {
    private RunProvenance() {}

    static String json(String configJson, List<PotentialSpec> potentials, List<Double> temperatures, List<Long> seeds,
                       long steps, int dumpEvery) {
        try {
            ObjectNode root = (ObjectNode) DatasetSidecar.json().readTree(configJson);
            ArrayNode p = root.putArray("potentials");
            for (PotentialSpec spec : potentials) p.add(DatasetSidecar.json().valueToTree(spec));
            ArrayNode t = root.putArray("temperatures");
            temperatures.forEach(t::add);
            ArrayNode s = root.putArray("seeds");
            seeds.forEach(s::add);
            root.with("integrator").put("steps", steps);
            root.put("dump-every", dumpEvery);
            root.put("xyz", false);
            return DatasetSidecar.json().writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException("simulate settings: cannot record the run's provenance", e);
        }
    }
}
