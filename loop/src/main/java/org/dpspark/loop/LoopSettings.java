package org.dpspark.loop;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Set;
import org.dpspark.ingest.label.Cp2kLabeler;
import org.dpspark.ingest.label.Cp2kSettings;
import org.dpspark.ingest.label.QmInput;
import org.dpspark.ingest.label.QmLabeler;
import org.dpspark.ingest.label.XtbLabeler;
import org.dpspark.ingest.label.XtbSettings;
import org.dpspark.simulate.ensemble.PotentialSpec;
import org.dpspark.simulate.ensemble.SimulateSettings;

/**
 * The {@code loop} section (defaults in dpspark-defaults.conf), validated, plus the whole configuration: training
 * takes the {@code train} section and MD the {@code simulate} section (structures, integrator, guard), with the
 * loop setting the potentials, temperatures, seeds and lengths of each run.
 */
public final class LoopSettings {
    private static final Set<String> STAGE_KEYS = Set.of("temperatures", "steps", "seeds", "dump-every");

    final Config root;
    final Config c;
    final int maxIterations;
    final double accurateFraction;
    final int models;
    final TrainInit trainInit;
    final LabelerType labelerType;
    final String initModel;
    final long fineTuneSteps;
    final double fineTuneLr;
    final double trustLo, trustHi;
    final int fpTaskMax;
    final long selectSeed;
    final String execution;
    /** Explore with compressed models ({@code loop.compress}). */
    final boolean compress;
    final List<? extends Config> explore;
    /** The QM labeler (type cp2k or xtb), its settings typed and valid (see {@link #checkLabeler()}); else null. */
    final QmLabeler qm;
    final boolean initRelabel;
    final int initRelabelMax;
    final boolean testRelabel;
    final int testRelabelMax;

    public LoopSettings(Config root) {
        this.root = root;
        c = root.getConfig("loop");
        maxIterations = c.getInt("max-iterations");
        accurateFraction = c.getDouble("accurate-fraction");
        models = c.getInt("models");
        trainInit = TrainInit.of(c.getString("train.init"));
        labelerType = LabelerType.of(c.getString("labeler.type"));
        initModel = c.getString("train.init-model");
        fineTuneSteps = c.getLong("train.fine-tune-steps");
        fineTuneLr = c.getDouble("train.fine-tune-lr");
        trustLo = c.getDouble("select.trust-lo");
        trustHi = c.getDouble("select.trust-hi");
        fpTaskMax = c.getInt("select.fp-task-max");
        selectSeed = c.getLong("select.seed");
        execution = c.getString("explore-execution");
        compress = c.getBoolean("compress");
        if (compress && execution.equals("java-reference")) {
            throw new IllegalArgumentException("loop.compress = true cannot explore with loop.explore-execution ="
                    + " java-reference (the reference evaluates nets, not tables): use java or a kernel execution");
        }
        explore = c.getConfigList("explore");
        if (models < 2) throw new IllegalArgumentException("loop.models must be >= 2 (model deviation needs an ensemble)");
        if (!(trustLo >= 0 && trustHi > trustLo)) {
            throw new IllegalArgumentException("loop.select needs 0 <= trust-lo < trust-hi, got " + trustLo + ", " + trustHi);
        }
        if (explore.isEmpty()) throw new IllegalArgumentException("loop.explore is empty: give at least one stage");
        for (int k = 0; k < explore.size(); k++) {
            for (String key : explore.get(k).root().keySet()) {
                if (!STAGE_KEYS.contains(key)) {
                    throw new IllegalArgumentException("unknown key loop.explore[" + k + "]." + key + " (allowed: "
                            + String.join(", ", STAGE_KEYS.stream().sorted().toList()) + ")");
                }
            }
        }
        labelerPotential(); // fails early on a bad labeler entry
        // cp2k / xtb: settings typed and checked here (a negative timeout, a bad method are errors of the configuration)
        qm = switch (labelerType) {
            case CP2K -> new Cp2kLabeler(Cp2kSettings.fromConfig(c.getConfig("labeler.cp2k")));
            case XTB -> new XtbLabeler(XtbSettings.fromConfig(c.getConfig("labeler.xtb")));
            default -> null;
        };
        initRelabel = c.getBoolean("init.relabel");
        initRelabelMax = c.getInt("init.relabel-max");
        if (initRelabelMax < 1) throw new IllegalArgumentException("loop.init.relabel-max must be >= 1, got " + initRelabelMax);
        if (initRelabel && c.getStringList("init.inputs").isEmpty()) {
            throw new IllegalArgumentException("loop.init.relabel = true needs loop.init.inputs (the structures to label)");
        }
        testRelabel = c.getBoolean("test.relabel");
        testRelabelMax = c.getInt("test.relabel-max");
        if (testRelabelMax < 1) throw new IllegalArgumentException("loop.test.relabel-max must be >= 1, got " + testRelabelMax);
        if (!c.getStringList("test.inputs").isEmpty() && !c.getDoubleList("test.temperatures").isEmpty()) {
            throw new IllegalArgumentException("loop.test: give either inputs (test frames from files) or temperatures"
                    + " (test frames from reference MD), not both");
        }
    }

    /**
     * The checks of this machine, before any Spark job: the QM program is found ("cp2k.psmp not found: apt-get
     * install cp2k") and, for CP2K, every element of {@code model.type-map} has its basis set and pseudopotential in
     * cp2k-data's libraries. Nothing for other labelers.
     */
    public void checkLabeler() {
        if (qm instanceof Cp2kLabeler c) Cp2kLabeler.checked(c.settings(), root.getStringList("model.type-map"));
        if (qm instanceof XtbLabeler x) XtbLabeler.checked(x.settings());
        if (labelerType == LabelerType.COMMAND) checkCommandTemplate();
    }

    /** The command labeler's template is read and rendered once (unknown placeholders, unclosed braces, no positions). */
    private void checkCommandTemplate() {
        String file = c.getString("labeler.command.template");
        String text;
        try {
            text = java.nio.file.Files.readString(java.nio.file.Path.of(file));
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("loop.labeler.command.template: cannot read '" + file + "' (" + e + ")");
        }
        try {
            new QmInput(c.getString("labeler.command.code"), text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("loop.labeler.command.template " + file + ": " + e.getMessage());
        }
    }

    /** Exploration stage of iteration i (the last stage repeats). */
    Config stage(int i) {
        return explore.get(Math.min(i, explore.size() - 1));
    }

    boolean testEnabled() {
        return !c.getDoubleList("test.temperatures").isEmpty() || !c.getStringList("test.inputs").isEmpty();
    }

    /**
     * MD settings: the {@code simulate} section with these potentials, temperatures (K), seeds, steps and dump
     * interval (no extxyz files).
     */
    SimulateSettings md(List<PotentialSpec> potentials, List<Double> temperatures, List<Long> seeds, long steps,
                        int dumpEvery) {
        return SimulateSettings.base(root).forRun(potentials, temperatures, seeds, steps, dumpEvery);
    }

    /** MD settings of a {@code {potential, temperatures, seeds, steps, dump-every}} section (init, test). */
    SimulateSettings md(Config section, List<PotentialSpec> potentials) {
        return md(potentials, section.getDoubleList("temperatures"), SimulateSettings.seeds(section, "seeds"),
                section.getLong("steps"), section.getInt("dump-every"));
    }

    /** The labeler's reference potential (type = potential), parsed as a simulate potential entry. */
    PotentialSpec labelerPotential() {
        if (labelerType != LabelerType.POTENTIAL) return null;
        List<? extends Config> p = c.getConfigList("labeler.potential");
        if (p.size() != 1) {
            throw new IllegalArgumentException("loop.labeler.potential must hold exactly one potential entry, e.g. [{ type = sw }]");
        }
        return SimulateSettings.potentials(root, p, "loop.labeler.potential").get(0);
    }

    /** The potentials of a one-entry list, or the labeler's potential entry when empty. */
    List<PotentialSpec> potentialOr(String path) {
        if (!c.getList(path).isEmpty()) return SimulateSettings.potentials(root, c.getConfigList(path), "loop." + path);
        if (labelerType != LabelerType.POTENTIAL) {
            throw new IllegalArgumentException("loop." + path + " is empty and the labeler is not a potential: name the"
                    + " potential that drives this MD");
        }
        return List.of(labelerPotential());
    }
}
