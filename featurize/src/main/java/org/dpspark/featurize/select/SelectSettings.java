package org.dpspark.featurize.select;

import com.typesafe.config.Config;
import java.io.Serializable;
import org.dpspark.featurize.job.FeaturizeSettings;

/**
 * One select run: the {@code select} config section, plus the {@code featurize} section for the fingerprint
 * (type map, r_c, symmetry functions, partitions).
 *
 * @param frames      source frames table
 * @param output      new frames table
 * @param count       frames to choose, N
 * @param method      how the frames are chosen
 * @param seed        seed of the first FPS pick / the k-means++ draws
 * @param iterations  largest number of Lloyd iterations
 * @param featurize   fingerprint settings (type map, rcut, symmetry functions, partitions)
 */
public record SelectSettings(String frames, String output, int count, SelectMethod method, long seed, int iterations,
                             FeaturizeSettings featurize) implements Serializable {
    public SelectSettings {
        if (count < 1) throw new IllegalArgumentException("select.count must be >= 1, got " + count);
    }

    public static SelectSettings fromConfig(Config c, String frames, String output, String commandLine, String configJson) {
        Config s = c.getConfig("select");
        return new SelectSettings(frames, output, s.getInt("count"), SelectMethod.of(s.getString("method")),
                s.getLong("seed"),
                s.getInt("kmeans-iterations"), FeaturizeSettings.fromConfig(c, frames, output, commandLine, configJson));
    }

    public SelectSettings withFeaturize(FeaturizeSettings f) {
        return new SelectSettings(frames, output, count, method, seed, iterations, f);
    }
}
