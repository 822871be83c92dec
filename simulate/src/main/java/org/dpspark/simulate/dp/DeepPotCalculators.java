package org.dpspark.simulate.dp;

import java.util.List;
import org.dpspark.featurize.dpmodel.DeepPotModel;

/**
 * The Deep Potential calculators a configuration can ask for by name ({@code execution} of a
 * {@code deep-potential} entry). Only the plain-Java reference exists so far; accelerated kernels are added here
 * as further cases, and report what actually ran through {@link DeepPotCalculator#executionMode()}.
 */
public final class DeepPotCalculators {
    private DeepPotCalculators() {}

    /** Names accepted by {@link #create}. */
    public static final List<String> NAMES = List.of("java");

    /**
     * @param execution requested calculator, e.g. {@code java}
     * @param model the model
     */
    public static DeepPotCalculator create(String execution, DeepPotModel model) {
        return switch (execution) {
            case "java" -> DeepPotCalculator.java(model);
            default -> throw new IllegalArgumentException("unknown Deep Potential execution '" + execution + "' (known: "
                    + String.join(", ", NAMES) + ")");
        };
    }
}
