package org.dpspark.train.job;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.compress.Compression;

/**
 * Writes the compressed copy of a model directory ({@code dpspark compress} and the loop's {@code compress} step):
 * the tables built from r_min ({@link Compression#build}), the settings and bounds in the model's metadata, and in its
 * provenance where it came from ({@code compressed_from}) and where r_min came from ({@code min_nbor_dist_from}).
 */
public final class ModelCompressor {
    private ModelCompressor() {}

    /**
     * The training data's smallest neighbour distance and where it was taken from.
     *
     * @param distance r_min, Å
     * @param from a description for the metadata, e.g. "frames table out/frames (all frames)"
     */
    public record MinDistance(double distance, String from) {
        public MinDistance {
            if (!(distance > 0 && Double.isFinite(distance))) {
                throw new IllegalArgumentException("min_nbor_dist must be a positive distance in Å, got " + distance);
            }
        }
    }

    /** Tabulation settings ({@code compress.*}). */
    public record Settings(double stride, double extrapolate, int checkFrequency) {}

    /**
     * Compresses {@code model} into {@code output}; returns the compressed model.
     *
     * @throws IllegalArgumentException for a model already compressed
     */
    public static DeepPotModel compress(Path model, Path output, MinDistance rmin, Settings s) throws IOException {
        DeepPotModel m = DeepPotModel.read(model);
        if (m.compressed()) throw new IllegalArgumentException(model + ": the model is already compressed");
        Compression comp = Compression.build(m.seA(), rmin.distance(), s.stride(), s.extrapolate(), s.checkFrequency());
        Map<String, Object> provenance = new LinkedHashMap<>(m.provenance());
        provenance.put("compressed_from", model.toAbsolutePath().toString());
        provenance.put("compressed_at", Instant.now().toString());
        provenance.put("min_nbor_dist_from", rmin.from());
        DeepPotModel out = m.withMetadata(provenance, m.training()).withCompression(comp);
        out.save(output);
        return out;
    }
}
