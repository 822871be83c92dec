package org.dpspark.core;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An enum constant that a configuration value spells as {@link #configName()} (e.g. {@code dl4j-spark}); every
 * settings enum implements it and parses its value with {@link #parse}, whose error lists the allowed values.
 */
public interface ConfigName {

    /** The spelling of this constant in dpspark-defaults.conf and in user configurations. */
    String configName();

    /**
     * The constant of {@code type} spelled {@code value}.
     *
     * @param key the configuration key, for the error message (e.g. {@code train.parallel.engine})
     * @throws IllegalArgumentException naming the key, the value and the allowed values
     */
    static <E extends Enum<E> & ConfigName> E parse(Class<E> type, String key, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.configName().equals(value)) {
                return e;
            }
        }
        throw new IllegalArgumentException(key + " must be " + Arrays.stream(type.getEnumConstants())
                .map(ConfigName::configName).collect(Collectors.joining(", ")) + "; got '" + value + "'");
    }
}
