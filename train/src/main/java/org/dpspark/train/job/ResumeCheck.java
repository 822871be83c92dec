package org.dpspark.train.job;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dpspark.model.DeepPotModel;
import org.dpspark.model.Descriptor;
import org.dpspark.model.SeADescriptor;
import org.dpspark.model.SeAttenDescriptor;
import org.dpspark.model.SeRDescriptor;

/**
 * What {@code train --resume} checks before any Spark job. Like DeePMD-kit's {@code dp train --restart}, a resume
 * needs a checkpoint: an output folder without one is an error (run without {@code --resume} to start fresh), not a
 * silent fresh start. A checkpoint whose network differs from the configuration is an error naming each differing
 * key (the run would otherwise go on training the checkpoint's network and ignore the configuration).
 */
public final class ResumeCheck {
    private ResumeCheck() {}

    /**
     * Checks the checkpoints of a resumed run.
     *
     * @param output   the output folder ({@code output/model_k} per member when {@code ensemble > 1})
     * @param ensemble number of members
     * @param out      one warning line per ensemble member without a checkpoint (it starts fresh) when others have one
     * @throws IllegalArgumentException (one line) when no member has a checkpoint, or a checkpoint's network differs
     */
    public static void check(TrainSettings s, Path output, int ensemble, PrintWriter out) throws IOException {
        List<Path> missing = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        for (int k = 0; k < Math.max(1, ensemble); k++) {
            dirs.add(ensemble > 1 ? output.resolve("model_" + k) : output);
        }
        for (Path dir : dirs) {
            if (!Checkpoint.exists(dir)) {
                missing.add(dir);
                continue;
            }
            List<String> diff = differences(s, Checkpoint.model(dir));
            if (!diff.isEmpty()) {
                throw new IllegalArgumentException("train --resume: the checkpoint in " + Checkpoint.dir(dir)
                        + " has another network than the configuration: " + String.join("; ", diff)
                        + " (resume with the checkpoint's settings, or train into a new output folder)");
            }
        }
        if (missing.size() == dirs.size()) {
            throw new IllegalArgumentException("train --resume: no checkpoint in " + output + " (no "
                    + Checkpoint.dir(dirs.get(0)).getFileName() + "/state.bin): nothing to resume; run without --resume"
                    + " to start fresh");
        }
        for (Path dir : missing) {
            out.println("train: WARNING: no checkpoint in " + dir + ": this ensemble member starts fresh");
        }
    }

    /** The configuration keys whose values differ from the checkpoint's, each as {@code key: config vs checkpoint}. */
    static List<String> differences(TrainSettings s, DeepPotModel checkpoint) {
        List<String> d = new ArrayList<>();
        NetworkSettings n = s.network();
        Descriptor desc = checkpoint.descriptor();
        String descriptor = n.descriptorType();
        if (!desc.type().equals(descriptor)) {
            d.add(diff("train.model.descriptor", descriptor, desc.type()));
            return d; // the keys below mean other things for another descriptor
        }
        if (!s.model().typeMap().isEmpty() && !s.model().typeMap().equals(checkpoint.typeMap())) {
            d.add(diff("model.type-map", s.model().typeMap(), checkpoint.typeMap()));
        }
        if (s.model().rcut() != desc.rcut()) d.add(diff("model.rcut", s.model().rcut(), desc.rcut()));
        if (s.model().rcutSmth() != desc.rcutSmth()) d.add(diff("model.rcut-smth", s.model().rcutSmth(), desc.rcutSmth()));
        if (desc instanceof SeAttenDescriptor a) {
            seAttenDifferences(s, n, a, d);
        } else if (desc instanceof SeRDescriptor r) {
            if (!s.model().sel().auto() && !Arrays.equals(s.model().sel().slots(), r.sel())) {
                d.add(diff("model.sel", Arrays.toString(s.model().sel().slots()), Arrays.toString(r.sel())));
            }
            embeddingDifferences(n, r.neuron(), n.axisNeuron(), r.typeOneSide(), r.resnetDt(), r.activation(), d);
        } else {
            seADifferences(s, n, checkpoint.seAWithParams(), d);
        }
        if (n.numbFparam() != checkpoint.fitting().numbFparam()) {
            d.add(diff("train.model.numb-fparam", n.numbFparam(), checkpoint.fitting().numbFparam()));
        }
        if (n.numbAparam() != checkpoint.fitting().numbAparam()) {
            d.add(diff("train.model.numb-aparam", n.numbAparam(), checkpoint.fitting().numbAparam()));
        }
        if (!Arrays.equals(n.fittingNeuron(), checkpoint.fitting().neuron())) {
            d.add(diff("train.model.fitting-neuron", Arrays.toString(n.fittingNeuron()),
                    Arrays.toString(checkpoint.fitting().neuron())));
        }
        if (n.fittingResnetDt() != checkpoint.fitting().resnetDt()) {
            d.add(diff("train.model.fitting-resnet-dt", n.fittingResnetDt(), checkpoint.fitting().resnetDt()));
        }
        return d;
    }

    private static void seADifferences(TrainSettings s, NetworkSettings n, SeADescriptor se, List<String> d) {
        if (!s.model().sel().auto() && !Arrays.equals(s.model().sel().slots(), se.sel())) {
            d.add(diff("model.sel", Arrays.toString(s.model().sel().slots()), Arrays.toString(se.sel())));
        }
        embeddingDifferences(n, se.neuron(), se.axisNeuron(), se.typeOneSide(), se.resnetDt(), se.activation(), d);
    }

    /** se_atten (attn_layer 0, the one kind dpspark trains): sel is one total, the sum of the configured slots. */
    private static void seAttenDifferences(TrainSettings s, NetworkSettings n, SeAttenDescriptor a, List<String> d) {
        if (!s.model().sel().auto()) {
            int total = Arrays.stream(s.model().sel().slots()).sum();
            if (total != a.nnei()) d.add(diff("model.sel (se_atten: the sum)", total, a.nnei()));
        }
        embeddingDifferences(n, a.neuron(), a.axisNeuron(), a.typeOneSide(), a.resnetDt(), a.activation(), d);
        if (n.tebdDim() != a.tebdDim()) d.add(diff("train.model.tebd-dim", n.tebdDim(), a.tebdDim()));
        if (n.concatOutputTebd() != a.concatOutputTebd()) {
            d.add(diff("train.model.concat-output-tebd", n.concatOutputTebd(), a.concatOutputTebd()));
        }
        if (!a.attentionLayers().isEmpty()) d.add(diff("train.model.attn-layer", 0, a.attentionLayers().size()));
    }

    private static void embeddingDifferences(NetworkSettings n, int[] neuron, int axisNeuron, boolean typeOneSide,
            boolean resnetDt, String activation, List<String> d) {
        if (!Arrays.equals(n.neuron(), neuron)) {
            d.add(diff("train.model.neuron", Arrays.toString(n.neuron()), Arrays.toString(neuron)));
        }
        if (n.axisNeuron() != axisNeuron) d.add(diff("train.model.axis-neuron", n.axisNeuron(), axisNeuron));
        if (n.typeOneSide() != typeOneSide) d.add(diff("train.model.type-one-side", n.typeOneSide(), typeOneSide));
        if (n.embeddingResnetDt() != resnetDt) d.add(diff("train.model.embedding-resnet-dt", n.embeddingResnetDt(), resnetDt));
        if (!n.activation().equalsIgnoreCase(activation)) d.add(diff("train.model.activation", n.activation(), activation));
    }

    private static String diff(String key, Object config, Object checkpoint) {
        return key + " " + config + " (checkpoint: " + checkpoint + ")";
    }
}
