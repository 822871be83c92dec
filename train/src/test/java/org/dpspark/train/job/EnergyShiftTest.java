package org.dpspark.train.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.dpspark.core.JobConfig;
import org.dpspark.model.DeepPotModel;
import org.dpspark.train.data.TrainFrame;
import org.dpspark.train.graph.Prediction;
import org.dpspark.train.graph.TestData;
import org.dpspark.train.kernel.KernelPredictorTest;
import org.junit.jupiter.api.Test;

/**
 * The energy shift after training (DeePMD-kit's change-bias): frames labelled with the model's own energies plus a
 * known per-type shift give that shift back, and the shifted model predicts the labels, with forces unchanged.
 */
class EnergyShiftTest {

    @Test
    void recoversAKnownPerTypeShiftAndLeavesForcesAlone() throws Exception {
        TrainSettings s = TrainSettings.from(JobConfig.load(null, List.of()));
        DeepPotModel template = KernelPredictorTest.model(false);
        Trainer trainer = new Trainer(template, s);
        // two compositions, so that the per-type shift is determined: water (64 O, 128 H) and the same frame with one O
        // relabelled H (63 O, 129 H)
        List<TrainFrame> frames = new ArrayList<>();
        for (int k = 0; k < 3; k++) frames.add(TestData.water(3, k));
        TrainFrame w = TestData.water(2, 0);
        int[] types = w.types().clone();
        for (int i = 0; i < types.length; i++) if (types[i] == 0) { types[i] = 1; break; }
        frames.add(new TrainFrame(w.dataset(), w.system(), types, w.positions(), w.cell(), w.pbc(), w.energy(), w.forces(),
                w.virial(), w.id()));
        double[] shift = {0.37, -0.11};
        List<Prediction> pred = trainer.predict(frames, 4);
        List<TrainFrame> labelled = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            TrainFrame f = frames.get(i);
            double e = pred.get(i).energy();
            for (int t : f.types()) e += shift[t];
            labelled.add(new TrainFrame(f.dataset(), f.system(), f.types(), f.positions(), f.cell(), f.pbc(), e, f.forces(),
                    f.virial(), f.id()));
        }
        double[] fitted = EnergyShift.fit(trainer, labelled, 2);
        // energies of ~200 atoms × a few eV, summed in a different order by the least squares: round-off ~1e-12 eV per
        // frame, amplified by the conditioning of the two nearly parallel count rows ((64,128) vs (63,129): ~1e3)
        assertEquals(shift[0], fitted[0], 1e-8, "O shift (eV/atom)");
        assertEquals(shift[1], fitted[1], 1e-8, "H shift (eV/atom)");

        Trainer shifted = new Trainer(template.withOutBiasShift(fitted), s);
        shifted.load(trainer.params(), trainer.adam());
        List<Prediction> after = shifted.predict(labelled, 4);
        for (int i = 0; i < labelled.size(); i++) {
            assertEquals(labelled.get(i).energy(), after.get(i).energy(), 1e-6, "frame " + i + " energy after the shift");
            assertArrayEquals(pred.get(i).forces(), after.get(i).forces(), "frame " + i + ": forces do not see the shift");
        }
    }
}
