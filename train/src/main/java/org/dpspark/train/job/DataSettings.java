package org.dpspark.train.job;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.io.Serializable;
import java.util.List;

/**
 * The training data of the {@code train} section: which frames train and validate, and how many per batch.
 *
 * @param datasets       dataset name globs for training (empty: all)
 * @param splits         split column values used for training
 * @param validDatasets  dataset globs of the validation frames (empty: the training datasets)
 * @param validSplits    split column values of the validation frames
 * @param validMaxFrames at most this many validation frames
 * @param statsMaxFrames frames sampled for davg/dstd, sel and the energy bias
 * @param batchSize      frames per batch, or 0 for auto
 * @param batchAutoAtoms atoms per batch of auto: ⌈batchAutoAtoms/natoms⌉ frames
 * @param shiftFrames    training frames sampled after the last step to refit the per-type energy shift
 *                       ({@link EnergyShift}); 0: no refit
 */
public record DataSettings(List<String> datasets, List<String> splits, List<String> validDatasets,
        List<String> validSplits, int validMaxFrames, int statsMaxFrames, int batchSize, int batchAutoAtoms,
        int shiftFrames) implements Serializable {

    public DataSettings {
        if (shiftFrames < 0) throw new IllegalArgumentException("train.data.energy-shift-frames must be >= 0, got " + shiftFrames);
    }

    /** The data keys of a {@code train} section: {@code data.*}, {@code batch-size}, {@code batch-auto-atoms}. */
    static DataSettings from(Config c) {
        int batch = 0;
        int autoAtoms = c.getInt("batch-auto-atoms");
        if (c.getValue("batch-size").valueType() == ConfigValueType.NUMBER) {
            batch = c.getInt("batch-size");
        } else {
            String b = c.getString("batch-size");
            if (b.startsWith("auto:")) {
                autoAtoms = Integer.parseInt(b.substring(5));
            } else if (!b.equals("auto")) {
                throw new IllegalArgumentException("train.batch-size must be a number, auto or auto:<atoms>");
            }
        }
        Config d = c.getConfig("data");
        return new DataSettings(d.getStringList("datasets"), d.getStringList("splits"),
                d.getStringList("valid-datasets"), d.getStringList("valid-splits"), d.getInt("valid-max-frames"),
                d.getInt("stats-max-frames"), batch, autoAtoms, d.getInt("energy-shift-frames"));
    }

    /** Frames per batch for a system of {@code natoms}: fixed, or DeePMD's auto: ⌈batchAutoAtoms/natoms⌉. */
    public int batchFrames(int natoms) {
        return batchSize > 0 ? batchSize : Math.max(1, (batchAutoAtoms + natoms - 1) / natoms);
    }
}
