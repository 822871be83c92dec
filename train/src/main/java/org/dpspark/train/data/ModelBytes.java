package org.dpspark.train.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dpspark.model.DeepPotModel;

/** A {@link DeepPotModel} as bytes of its DeePMD-kit YAML serialization, to ship it to Spark executors. */
public final class ModelBytes {
    private ModelBytes() {}

    public static byte[] of(DeepPotModel m) {
        try {
            Path tmp = Files.createTempFile("dpspark-model", ".yaml");
            try {
                m.exportDeepmd(tmp);
                return Files.readAllBytes(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static DeepPotModel model(byte[] yaml) {
        try {
            Path tmp = Files.createTempFile("dpspark-model", ".yaml");
            try {
                Files.write(tmp, yaml);
                return DeepPotModel.importDeepmd(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
