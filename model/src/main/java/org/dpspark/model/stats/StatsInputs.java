package org.dpspark.model.stats;

/**
 * The settings that {@code stats.json} records beside the statistics themselves.
 *
 * @param rcut       r_c, Å
 * @param rcutSmth   r_s, Å: the smooth switch starts here
 * @param sel        neighbour slots per type (auto or configured)
 * @param selRatio   the margin of auto {@code sel} over the largest neighbour count seen
 *                   ({@code model.sel-auto-ratio}, or the ratio of {@code auto:<ratio>})
 * @param statsSplit which frames the statistics were computed on (the split's name)
 * @param commandLine the command that computed them (provenance)
 * @param configJson  the resolved configuration, as JSON (provenance)
 */
public record StatsInputs(double rcut, double rcutSmth, int[] sel, double selRatio, String statsSplit,
                          String commandLine, String configJson) {}
