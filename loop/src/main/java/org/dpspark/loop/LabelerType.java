package org.dpspark.loop;

import org.dpspark.core.ConfigName;

/** {@code loop.labeler.type}: what labels the candidate frames. */
enum LabelerType implements ConfigName {
    /** A reference potential ({@code loop.labeler.potential}). */
    POTENTIAL("potential"),
    /** A QM program run per frame ({@code loop.labeler.command}). */
    COMMAND("command"),
    /** CP2K DFT with an input generated per structure ({@code loop.labeler.cp2k}). */
    CP2K("cp2k"),
    /** GFN-xTB for molecules and clusters ({@code loop.labeler.xtb}). */
    XTB("xtb");

    private final String configName;

    LabelerType(String configName) { this.configName = configName; }

    @Override public String configName() { return configName; }

    /** The value spelled {@code s}; the error lists the allowed values. */
    static LabelerType of(String s) { return ConfigName.parse(LabelerType.class, "loop.labeler.type", s); }
}
