package org.dpspark.train.graph;

import java.util.List;
import org.dpspark.train.data.TrainFrame;

/**
 * Energies, forces and virials of frames with a model's current weights: {@link GraphPredictor} (the SameDiff graph,
 * {@code train.compute = samediff}) or {@code KernelPredictor} (the hand-written kernel's forward pass, the default).
 */
public interface Predictor {
    /** Predictions of a batch of frames (any mix of systems), one per frame, in order. */
    List<Prediction> predict(List<TrainFrame> frames);
}
