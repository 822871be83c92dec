package org.dpspark.simulate.label;

import java.io.Serializable;
import org.dpspark.core.Frame;
import org.dpspark.simulate.ensemble.InitialStructure;
import org.dpspark.simulate.ensemble.PotentialSpec;
import org.dpspark.simulate.potential.Evaluation;
import org.dpspark.simulate.potential.Potential;
import org.dpspark.simulate.potential.Structure;

/**
 * Labels structures with a reference potential: Lennard-Jones, Stillinger–Weber, or a fixed Deep Potential model as
 * teacher (a dpspark model directory or a DeePMD-kit {@code .yaml}/{@code .dp} file, read once per JVM). Energy
 * (eV), forces (natoms×3, eV/Å) and virial (3×3, eV, Ξ = −V·σ) replace whatever labels the frame had; positions,
 * cell, elements, type labels and provenance are kept.
 */
public final class PotentialLabeler implements Serializable {
    private final PotentialSpec spec;

    public PotentialLabeler(PotentialSpec spec) {
        this.spec = spec;
    }

    public PotentialSpec spec() { return spec; }

    /**
     * @return the frame with the potential's labels
     * @throws IllegalStateException when the potential gives a non-finite energy or force (e.g. atoms on top of each
     *         other), with the reason
     */
    public Frame label(Frame f) {
        Structure s = InitialStructure.of(f.dataset(), f).toStructure();
        Potential p = spec.build(s);
        Evaluation e = p.evaluate(s);
        double[] forces = e.forcesCopy();
        double[] virial = e.virialCopy();
        boolean finite = Double.isFinite(e.energy);
        for (double v : forces) finite &= Double.isFinite(v);
        for (double v : virial) finite &= Double.isFinite(v);
        if (!finite) {
            throw new IllegalStateException(spec.label() + " gives a non-finite energy, force or virial");
        }
        return f.toBuilder().energy(e.energy).forces(forces).virial(virial).build();
    }
}
