package org.dpspark.train.graph;

import java.util.ArrayList;
import java.util.List;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.eval.DeepPotCalculator;
import org.dpspark.model.eval.DeepPotResult;
import org.dpspark.model.eval.ReferenceEvaluators;
import org.dpspark.train.data.TrainFrame;

/**
 * Predictions by the model's fastest plain-Java evaluator ({@link ReferenceEvaluators#fastest}: the reference
 * evaluator, or DPA-1's on the Vector API's products), frame by frame: the {@code test} path of what the training
 * kernel does not run (se_atten; with {@code train.compute = samediff}, se_e2_r and models with frame or atomic
 * parameters): each frame's fparam/aparam from the frames table go to the
 * model that takes them (a frame without fparam gets the model's default_fparam), and are ignored by one that does not.
 * Frames must be fully periodic or molecules (the evaluators' two cases); a frame with partial periodicity is refused
 * with its id. Not thread-safe (one evaluator).
 */
public final class ReferencePredictor implements Predictor {
    private final DeepPotCalculator evaluator;
    private final int nfp;
    private final int nap;

    public ReferencePredictor(DeepPotModel model) {
        this.evaluator = ReferenceEvaluators.fastest(model);
        nfp = model.fitting().numbFparam();
        nap = model.fitting().numbAparam();
    }

    @Override
    public List<Prediction> predict(List<TrainFrame> frames) {
        List<Prediction> out = new ArrayList<>(frames.size());
        for (TrainFrame f : frames) {
            double[] cell = f.cell();
            if (cell != null && f.pbc() != null) {
                int periodic = 0;
                for (boolean p : f.pbc()) periodic += p ? 1 : 0;
                if (periodic == 0) {
                    cell = null;
                } else if (periodic < 3) {
                    throw new IllegalArgumentException("frame " + f.id() + " of " + f.dataset() + ": periodic along only "
                            + periodic + " cell vectors; the " + evaluator.model().descriptor().type()
                            + " reference evaluator takes fully periodic frames or molecules");
                }
            }
            DeepPotResult r = evaluator.evaluate(f.positions(), cell, f.types(), nfp > 0 ? f.fparam() : null,
                    nap > 0 ? f.aparam() : null, false);
            out.add(new Prediction(r.energy(), r.forces(), r.virial()));
        }
        return out;
    }
}
