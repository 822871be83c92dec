package org.dpspark.featurize.job;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import java.io.Serializable;
import org.dpspark.model.descriptor.SymmetryFunctionSet;

/**
 * The Behler–Parrinello parameter grid of a {@code symmetry-functions} config section, in a serializable form
 * that tasks carry; {@link SymmetryFunctionSet#fromConfig} reads it (G2 for every (η, r_s), G4 for every (η, ζ, λ)).
 *
 * @param section the section as concise HOCON/JSON text
 */
public record SymmetryGrid(String section) implements Serializable {

    public static SymmetryGrid fromConfig(Config s) {
        SymmetryGrid g = new SymmetryGrid(s.root().render(ConfigRenderOptions.concise()));
        g.set(1.0); // checks the section now, on the driver
        return g;
    }

    /** The symmetry-function set at cutoff r_c (Å). */
    public SymmetryFunctionSet set(double rcut) {
        return SymmetryFunctionSet.fromConfig(ConfigFactory.parseString(section), rcut);
    }
}
