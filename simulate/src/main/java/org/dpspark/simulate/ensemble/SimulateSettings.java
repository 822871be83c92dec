package org.dpspark.simulate.ensemble;

import com.typesafe.config.Config;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.dpspark.core.DataSplit;

/**
 * The {@code simulate} section of the configuration, validated (defaults in {@code dpspark-defaults.conf}).
 *
 * @param structures initial structure sources
 * @param temperatures target temperatures, K
 * @param seeds trajectory seeds
 * @param potentials potentials
 * @param integrators one per {@code integrator.type}
 * @param steps steps per trajectory
 * @param dumpEvery frame interval, steps
 * @param thermoEvery thermo sample interval, steps
 * @param skin Verlet skin, Å
 * @param exactTemperature rescale initial velocities to exactly T
 * @param guardEvery guard interval, steps
 * @param minDistance guard minimum pair distance, Å (0 disables)
 * @param maxTemperatureFactor guard temperature limit as a multiple of the target
 * @param rdfRmax RDF range, Å
 * @param rdfBins RDF bins
 * @param rdfFromStep first MD step whose dumped frame enters the RDF (earlier frames, e.g. the equilibration of a
 *     generated structure, are left out)
 * @param xyz write extxyz files
 * @param split train/valid/test fractions for the frames' split column (from {@code ingest.split})
 * @param configJson the simulate section as JSON (provenance)
 */
public record SimulateSettings(List<StructureSource> structures, List<Double> temperatures, List<Long> seeds,
        List<PotentialSpec> potentials, List<IntegratorSpec> integrators, long steps, int dumpEvery, int thermoEvery,
        double skin, boolean exactTemperature, int guardEvery, double minDistance, double maxTemperatureFactor,
        double rdfRmax, int rdfBins, long rdfFromStep, boolean xyz, DataSplit split, String configJson) implements Serializable {

    private static long rdfFromStep(Config simulate) {
        long from = simulate.getLong("rdf.from-step");
        if (from < 0) {
            throw new IllegalArgumentException("simulate.rdf.from-step must be >= 0 (an MD step), got " + from);
        }
        return from;
    }

    public static SimulateSettings fromConfig(Config config) {
        SimulateSettings s = base(config);
        if (s.potentials.isEmpty()) {
            throw new IllegalArgumentException("simulate.potentials is empty: give at least one potential");
        }
        return s;
    }

    /**
     * The {@code simulate} section as a driver's starting point: structures, integrator, guard and analysis settings
     * checked, the potentials possibly still empty (the driver, e.g. the loop, completes it with {@link #forRun}).
     */
    public static SimulateSettings base(Config config) {
        Config c = config.getConfig("simulate");
        Config defaults = c.getConfig("entry-defaults");
        List<StructureSource> structures = new ArrayList<>();
        List<? extends Config> se = c.getConfigList("structures");
        for (int k = 0; k < se.size(); k++) {
            structures.add(StructureSource.parse(se.get(k), defaults, "simulate.structures[" + k + "]"));
        }
        List<PotentialSpec> potentials = potentials(config, c.getConfigList("potentials"), "simulate.potentials");
        if (structures.isEmpty()) {
            throw new IllegalArgumentException("simulate.structures is empty: give at least one initial structure");
        }
        Config ic = c.getConfig("integrator");
        List<IntegratorSpec> integrators = new ArrayList<>();
        for (String type : Entries.strings(ic, "type")) {
            integrators.add(new IntegratorSpec(IntegratorType.of(type), ic.getDouble("dt"), ic.getDouble("friction"),
                    ic.getDouble("tau")));
        }
        List<Double> temps = c.getDoubleList("temperatures");
        if (temps.isEmpty() || temps.stream().anyMatch(t -> !(t >= 0))) {
            throw new IllegalArgumentException("simulate.temperatures must be a non-empty list of T >= 0 K: " + temps);
        }
        long steps = ic.getLong("steps");
        int dump = c.getInt("dump-every"), thermo = c.getInt("thermo-every");
        if (steps < 0 || dump < 1 || thermo < 1) {
            throw new IllegalArgumentException("need integrator.steps >= 0, dump-every >= 1, thermo-every >= 1");
        }
        Config g = c.getConfig("guard");
        return new SimulateSettings(structures, temps, Entries.seeds(c, "seeds"), potentials, integrators, steps, dump,
                thermo, c.getDouble("skin"), c.getBoolean("exact-temperature"), g.getInt("every"),
                g.getDouble("min-distance"), g.getDouble("max-temperature-factor"), c.getDouble("rdf.r-max"),
                c.getInt("rdf.bins"), rdfFromStep(c), c.getBoolean("xyz"),
                new DataSplit(config.getDouble("ingest.split.train"), config.getDouble("ingest.split.valid")),
                c.root().render(com.typesafe.config.ConfigRenderOptions.concise()));
    }

    /**
     * Potential entries (as in {@code simulate.potentials}) parsed with the {@code simulate.entry-defaults} of
     * {@code config}; {@code where} names the list in error messages.
     */
    public static List<PotentialSpec> potentials(Config config, List<? extends Config> entries, String where) {
        Config defaults = config.getConfig("simulate.entry-defaults");
        List<PotentialSpec> out = new ArrayList<>();
        for (int k = 0; k < entries.size(); k++) out.add(PotentialSpec.parse(entries.get(k), defaults, where + "[" + k + "]"));
        return List.copyOf(out);
    }

    /** Seeds as {@code simulate.seeds} gives them (a list, or {@code {from, count}}) at {@code path} of {@code c}. */
    public static List<Long> seeds(Config c, String path) {
        return Entries.seeds(c, path);
    }

    /**
     * These settings for one run of a driver: the given potentials, temperatures (K), seeds, steps per trajectory and
     * dump interval (steps), and no extxyz files; everything else as configured. Checked as {@link #fromConfig} checks.
     */
    public SimulateSettings forRun(List<PotentialSpec> runPotentials, List<Double> runTemperatures, List<Long> runSeeds,
                                   long runSteps, int runDumpEvery) {
        if (runPotentials.isEmpty()) throw new IllegalArgumentException("a run needs at least one potential");
        if (runTemperatures.isEmpty() || runTemperatures.stream().anyMatch(t -> !(t >= 0))) {
            throw new IllegalArgumentException("temperatures must be a non-empty list of T >= 0 K: " + runTemperatures);
        }
        if (runSeeds.isEmpty()) throw new IllegalArgumentException("a run needs at least one seed");
        if (runSteps < 0 || runDumpEvery < 1) {
            throw new IllegalArgumentException("need steps >= 0 and dump-every >= 1, got " + runSteps + ", " + runDumpEvery);
        }
        return new SimulateSettings(structures, List.copyOf(runTemperatures), List.copyOf(runSeeds),
                List.copyOf(runPotentials), integrators, runSteps, runDumpEvery, thermoEvery, skin, exactTemperature,
                guardEvery, minDistance, maxTemperatureFactor, rdfRmax, rdfBins, rdfFromStep, false, split,
                RunProvenance.json(configJson, runPotentials, runTemperatures, runSeeds, runSteps, runDumpEvery));
    }

    /**
     * Every trajectory: structures × potentials × integrators × temperatures × seeds, in that nesting order.
     *
     * @param resolved the initial structures (all sources resolved, in order)
     */
    public List<TrajectorySpec> expand(List<InitialStructure> resolved) {
        List<TrajectorySpec> specs = new ArrayList<>();
        for (InitialStructure s : resolved) {
            for (PotentialSpec p : potentials) {
                for (IntegratorSpec in : integrators) {
                    for (double t : temperatures) {
                        for (long seed : seeds) {
                            specs.add(new TrajectorySpec(s, p, in, t, seed, this));
                        }
                    }
                }
            }
        }
        long distinct = specs.stream().map(TrajectorySpec::id).distinct().count();
        if (distinct != specs.size()) {
            throw new IllegalArgumentException("the ensemble defines the same trajectory twice (" + specs.size()
                    + " trajectories, " + distinct + " distinct): check for repeated structures or potentials");
        }
        return specs;
    }
}
