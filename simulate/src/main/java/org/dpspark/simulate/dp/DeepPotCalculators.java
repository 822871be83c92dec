package org.dpspark.simulate.dp;

import java.util.List;
import org.dpspark.featurize.dpmodel.DeepPotModel;

/**
 * The Deep Potential calculators a configuration can ask for by name ({@code execution} of a
 * {@code deep-potential} entry of {@code simulate.potentials}). What actually ran is not this name but each
 * result's {@link DeepPotResult#executionMode()}, which the ensemble records.
 */
public final class DeepPotCalculators {
    private DeepPotCalculators() {}

    /** Names accepted by {@link #create}: {@code java} = the plain-Java reference {@link DeepPotEvaluator}. */
    public static final List<String> NAMES = List.of("java");

    /**
     * @param execution requested calculator, one of {@link #NAMES}
     * @param model the model
     */
    public static DeepPotCalculator create(String execution, DeepPotModel model) {
        return switch (execution) {
            case "java" -> new DeepPotEvaluator(model);
            default -> throw new IllegalArgumentException("unknown Deep Potential execution '" + execution + "' (known: "
                    + String.join(", ", NAMES) + ")");
        };
    }
}
