package org.dpspark.train.job;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.dpspark.core.JobConfig;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.DeepPotModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train --resume: a checkpoint is required, and its network must be the configured one. */
class ResumeCheckTest {
    @TempDir Path dir;

    /** A checkpoint written the way training writes it, for the network of {@code overrides}. */
    private static void checkpoint(Path output, List<String> overrides) throws Exception {
        TrainSettings s = settings(overrides);
        NetworkSettings n = s.network();
        DeepPotModels.Spec spec = new DeepPotModels.Spec(List.of("O", "H"), s.model().rcut(), s.model().rcutSmth(),
                new int[] {4, 8}, n.neuron(), n.axisNeuron(), n.typeOneSide(), n.embeddingResnetDt(), n.fittingNeuron(),
                n.fittingResnetDt(), n.activation());
        DeepPotModel m = DeepPotModels.random(spec, 0, 1, 1, new double[] {-93, -187}, 1);
        Checkpoint.save(output, m, new Checkpoint.State(10, new double[0], new double[0], new double[0], 10, 1));
    }

    private static TrainSettings settings(List<String> overrides) {
        return TrainSettings.from(JobConfig.load(null, overrides));
    }

    private static final List<String> SMALL = List.of("train.model.neuron=[4,8]", "train.model.axis-neuron=2",
            "train.model.fitting-neuron=[8,8]");

    @Test
    void noCheckpointIsAnErrorThatSaysSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResumeCheck.check(settings(SMALL), dir, 1, new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().startsWith("train --resume: no checkpoint in " + dir), e.getMessage());
        assertTrue(e.getMessage().contains("run without --resume to start fresh"), e.getMessage());
    }

    @Test
    void theSameNetworkResumes() throws Exception {
        checkpoint(dir, SMALL);
        assertDoesNotThrow(() -> ResumeCheck.check(settings(SMALL), dir, 1, new PrintWriter(new StringWriter())));
        // the seed, schedule and sel = auto are no part of the network a checkpoint fixes
        List<String> other = new java.util.ArrayList<>(SMALL);
        other.add("train.model.seed=7");
        other.add("train.steps=99");
        assertDoesNotThrow(() -> ResumeCheck.check(settings(other), dir, 1, new PrintWriter(new StringWriter())));
    }

    @Test
    void anotherNetworkIsAnErrorNamingEachDifferingKey() throws Exception {
        checkpoint(dir, SMALL);
        TrainSettings wider = settings(List.of("train.model.neuron=[4,16]", "train.model.axis-neuron=2",
                "train.model.fitting-neuron=[8,8]", "model.rcut=5.0"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResumeCheck.check(wider, dir, 1, new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().contains("train.model.neuron [4, 16] (checkpoint: [4, 8])"), e.getMessage());
        assertTrue(e.getMessage().contains("model.rcut 5.0 (checkpoint: 6.0)"), e.getMessage());
        assertFalse(e.getMessage().contains("fitting-neuron"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void anEnsembleMemberWithoutCheckpointStartsFreshWithAWarning() throws Exception {
        checkpoint(dir.resolve("model_0"), SMALL);
        StringWriter w = new StringWriter();
        ResumeCheck.check(settings(SMALL), dir, 2, new PrintWriter(w, true));
        assertEquals("train: WARNING: no checkpoint in " + dir.resolve("model_1") + ": this ensemble member starts fresh",
                w.toString().strip());
    }

    private static final List<String> SE_ATTEN = List.of("train.model.descriptor=se_atten", "train.model.attn-layer=0", "train.parallel.engine=rdd",
            "train.model.tebd-dim=8", "train.model.neuron=[4,8]", "train.model.axis-neuron=2", "train.model.fitting-neuron=[8,8]");

    /** A se_atten (attn_layer 0) checkpoint for the network of {@code overrides}, as SeAttenInit lays it out. */
    private static void seAttenCheckpoint(Path output, List<String> overrides) throws Exception {
        TrainSettings s = settings(overrides);
        NetworkSettings n = s.network();
        DeepPotModels.SeAttenSpec spec = new DeepPotModels.SeAttenSpec(List.of("O", "H"), s.model().rcut(),
                s.model().rcutSmth(), 12, n.neuron(), n.axisNeuron(), n.tebdDim(), 16, 0, false, n.typeOneSide(),
                n.concatOutputTebd(), n.fittingNeuron());
        DeepPotModel m = DeepPotModels.randomSeAtten(spec, 0, 1, 1, new double[] {-93, -187}, 1);
        Checkpoint.save(output, m, new Checkpoint.State(10, new double[0], new double[0], new double[0], 10, 1));
    }

    @Test
    void aSeAttenCheckpointResumesWithItsOwnNetwork() throws Exception {
        seAttenCheckpoint(dir, SE_ATTEN);
        assertDoesNotThrow(() -> ResumeCheck.check(settings(SE_ATTEN), dir, 1, new PrintWriter(new StringWriter())));
        List<String> sel = new java.util.ArrayList<>(SE_ATTEN);
        sel.add("model.sel=[4,8]"); // se_atten's one total is the sum of the configured slots: 12
        assertDoesNotThrow(() -> ResumeCheck.check(settings(sel), dir, 1, new PrintWriter(new StringWriter())));
    }

    @Test
    void aSeAttenCheckpointNamesItsDifferences() throws Exception {
        seAttenCheckpoint(dir, SE_ATTEN);
        List<String> other = new java.util.ArrayList<>(SE_ATTEN);
        other.add("train.model.tebd-dim=4");
        other.add("model.sel=[4,4]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResumeCheck.check(settings(other), dir, 1, new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().contains("train.model.tebd-dim 4 (checkpoint: 8)"), e.getMessage());
        assertTrue(e.getMessage().contains("model.sel (se_atten: the sum) 8 (checkpoint: 12)"), e.getMessage());
        assertFalse(e.getMessage().contains("neuron"), e.getMessage());
        // a se_e2_a configuration against a se_atten checkpoint: the descriptor is the one difference named
        IllegalArgumentException seA = assertThrows(IllegalArgumentException.class,
                () -> ResumeCheck.check(settings(SMALL), dir, 1, new PrintWriter(new StringWriter())));
        assertTrue(seA.getMessage().endsWith("another network than the configuration: train.model.descriptor se_e2_a"
                + " (checkpoint: se_atten) (resume with the checkpoint's settings, or train into a new output folder)"),
                seA.getMessage());
    }
}
