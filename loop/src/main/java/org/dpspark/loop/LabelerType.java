package org.dpspark.loop;

import org.dpspark.core.ConfigName;

/** {@code loop.labeler.type}: what labels the candidate frames. */
enum LabelerType implements ConfigName {
    /** A reference potential ({@code loop.labeler.potential}). */
    POTENTIAL("potential"),
    /** A QM program run per frame ({@code loop.labeler.command}). */
    COMMAND("command");

    private final String configName;

    LabelerType(String configName) { this.configName = configName; }

    @Override public String configName() { return configName; }

    /** The value spelled {@code s}; the error lists the allowed values. */
    static LabelerType of(String s) { return ConfigName.parse(LabelerType.class, "loop.labeler.type", s); }
}
