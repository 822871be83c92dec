package org.dpspark.simulate.ensemble;

import org.dpspark.simulate.md.Status;

/**
 * How one trajectory went (a row of the summary table; see {@code TrajectorySummaryTable} for the meanings).
 *
 * @param id trajectory id
 * @param status how it ended
 * @param reason why it stopped, or null
 * @param stepsDone steps done
 * @param frames frames dumped
 * @param meanTemperature K (NaN without samples)
 * @param stdTemperature K
 * @param energyDrift eV/atom/ps
 * @param meanPressure bar (NaN without a cell)
 * @param executionMode how the potential ran
 * @param wallSeconds wall time, s
 * @param thermoTime sample times, fs
 * @param thermoConserved conserved energy per sample, eV
 * @param thermoTemperature K per sample
 * @param thermoPressure bar per sample, or null without a cell
 */
public record TrajectorySummary(String id, Status status, String reason, long stepsDone, int frames,
        double meanTemperature, double stdTemperature, double energyDrift, double meanPressure, String executionMode,
        double wallSeconds, double[] thermoTime, double[] thermoConserved, double[] thermoTemperature,
        double[] thermoPressure) {}
