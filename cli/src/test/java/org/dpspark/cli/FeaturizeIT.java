package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dpspark.core.DatasetSidecar;
import org.dpspark.core.JobConfig;
import org.dpspark.core.table.DescriptorsTable;
import org.dpspark.core.table.FramesTable;
import org.dpspark.core.testing.LocalSpark;
import org.dpspark.core.testing.SharedData;
import org.dpspark.model.descriptor.BehlerParrinello;
import org.dpspark.featurize.job.FeaturizeRows;
import org.dpspark.featurize.job.FeaturizeSettings;
import org.dpspark.model.stats.DataStatistics;
import org.dpspark.featurize.job.Featurizer;
import org.dpspark.featurize.job.FrameInput;
import org.dpspark.model.stats.StatsFile;
import org.dpspark.model.TypeMap;
import org.dpspark.featurize.select.Candidate;
import org.dpspark.featurize.select.FingerprintBlock;
import org.dpspark.featurize.select.Fingerprinter;
import org.dpspark.featurize.select.Moments;
import org.dpspark.featurize.select.SelectJob;
import org.dpspark.model.stats.NeighborStatistics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * featurize and select through the command line on a local Spark (local[2]) on the shared water data
 * (deepmd/water: 400 frames × 192 atoms), checked against single-threaded runs of the same library code.
 */
class FeaturizeIT {
    @TempDir static Path tmp;
    static String water;
    static String water0;
    private final SparkSession spark = LocalSpark.get();

    @BeforeAll
    static void ingest() {
        water = tmp.resolve("water").toString();
        Cli.run("ingest", "-i", SharedData.path("deepmd/water").toString(), "-o", water);
        water0 = tmp.resolve("water0").toString();
        Cli.run("ingest", "-i", SharedData.path("deepmd/water/data_0").toString(), "-o", water0);
    }

    private List<FrameInput> frames(String table) {
        return org.dpspark.core.table.DeltaTables.read(spark, table).collectAsList().stream().map(FeaturizeRows::frame).toList();
    }

    private static FeaturizeSettings settings(String... overrides) {
        List<String> o = new ArrayList<>(List.of("model.type-map=[O,H]"));
        o.addAll(List.of(overrides));
        return FeaturizeSettings.fromConfig(JobConfig.load(null, o), "t", "o", "test", "{}");
    }

    /** The distributed merge adds the same numbers in another order: ≲ 1e-13 relative for ~10⁷ terms; 1e-12 asserted. */
    private static void close(double want, double got, String what) {
        assertEquals(want, got, 1e-12 * Math.abs(want), what);
    }

    @Test
    void waterStatisticsEqualOneSingleThreadedPassAndSelAutoIs44And80() throws IOException {
        Path out = tmp.resolve("features");
        String printed = Cli.run("featurize", "--frames", water, "-o", out.toString(), "--type-map", "O,H",
                "--set", "featurize.descriptor=se_e2_r");
        assertTrue(printed.contains("sel [44, 80] (auto:1.1)"), printed);
        assertTrue(printed.contains("no neighbour overflow"), printed);
        StatsFile sf = StatsFile.read(out.resolve("stats.json"));
        assertArrayEquals(new int[] {44, 80}, sf.sel(), "wrap_up_4(⌊1.1·38⌋ = 41) = 44, wrap_up_4(⌊1.1·72⌋ = 79) = 80");
        JsonNode json = DatasetSidecar.json().readTree(out.resolve("stats.json").toFile());
        assertEquals("[38,72]", json.get("neighbors").get("max_per_type").toString());

        // the same statistics, single-threaded, with the library over the same frames
        List<FrameInput> all = frames(water);
        FeaturizeSettings s = settings().withSel(new int[] {44, 80});
        Featurizer core = new Featurizer(s);
        DataStatistics ref = new DataStatistics(s.model().sel().slots());
        NeighborStatistics ns = new NeighborStatistics(2, 6.0);
        for (FrameInput f : all) {
            core.addStatistics(f, ref);
            core.addNeighborStatistics(f, ns);
        }
        assertArrayEquals(new int[] {44, 80}, ns.selAuto(org.dpspark.model.ModelSettings.defaults().sel().autoRatio()));
        assertEquals(400, json.get("frames").get("total").asLong());
        assertEquals(ref.statsFrames(), json.get("frames").get("statistics").asLong());
        assertTrue(ref.statsFrames() > 250 && ref.statsFrames() < 400, "train split only");
        for (int t = 0; t < 2; t++) {
            var e = ref.envStatistics();
            close(e.meanRadial(t), sf.davgPerType()[4 * t], "davg " + t);
            close(e.stdRadial(t), sf.dstdPerType()[4 * t], "dstd_r " + t);
            close(e.stdAngular(t), sf.dstdPerType()[4 * t + 1], "dstd_a " + t);
            assertEquals(0.0, sf.davgPerType()[4 * t + 1]);
        }
        double[] bias = ref.energyBias().solve();
        for (int t = 0; t < 2; t++) close(bias[t], sf.energyBias()[t], "energy bias " + t);
        for (int c = 0; c < 2; c++) {
            for (int t = 0; t < 2; t++) {
                long[] h = ns.histogram(c, t);
                JsonNode jh = json.get("neighbors").get("histograms").get(List.of("O", "H").get(c) + "-" + List.of("O", "H").get(t));
                for (int k = 0; k < h.length; k++) assertEquals(h[k], jh.get(k).asLong());
            }
        }

        Dataset<Row> d = org.dpspark.core.table.DeltaTables.read(spark, out.resolve(DescriptorsTable.FOLDER).toString());
        assertEquals(400L * 192, d.count(), "one row per atom");
        String[] names = d.schema().apply(DescriptorsTable.DESCRIPTOR).metadata().getStringArray("feature_names");
        assertEquals(124, names.length);
        JsonNode car = record(out.resolve(DescriptorsTable.FOLDER));
        assertEquals(124, car.get("feature_names").size());
        Row r0 = d.filter(d.col(DescriptorsTable.ATOM_INDEX).equalTo(0)).first();
        assertEquals("O", r0.getAs(DescriptorsTable.ELEMENT));
        assertTrue(Files.size(out.resolve("neighbor_counts.png")) > 1000);
        assertTrue(!Files.exists(out.resolve("_staging")));
    }

    @Test
    void overflowBeyondAForcedSmallSelIsReportedWithTheWorstFrame() throws IOException {
        Path out = tmp.resolve("small-sel");
        String printed = Cli.run("featurize", "--frames", water, "-o", out.toString(), "--type-map", "O,H",
                "--sel", "20,40", "--set", "featurize.descriptors=false");
        JsonNode ov = DatasetSidecar.json().readTree(out.resolve("stats.json").toFile()).get("overflow");
        assertTrue(ov.get("overflowed").asBoolean());
        // reference: the frame with the most H neighbours of one atom (the first such, as the report keeps it)
        String worst = null;
        int most = -1;
        Featurizer core = new Featurizer(settings().withSel(new int[] {20, 40}));
        for (FrameInput f : frames(water)) {
            NeighborStatistics one = new NeighborStatistics(2, 6.0);
            core.addNeighborStatistics(f, one);
            if (one.maxNeighbors()[1] > most || (one.maxNeighbors()[1] == most && f.frameId().compareTo(worst) < 0)) {
                most = one.maxNeighbors()[1];
                worst = f.frameId();
            }
        }
        JsonNode h = ov.get("per_type").get(1);
        assertEquals(most, h.get("max_count").asInt());
        assertEquals(72, most);
        assertTrue(h.get("neighbours_dropped").asLong() > 0);
        assertEquals(400, h.get("frames_overflowed").asLong(), "every water frame has an atom with > 40 H neighbours");
        // several frames may share the maximum; the reported one must be one of them
        String reported = h.get("worst_frame").asText();
        int reportedMax = -1;
        for (FrameInput f : frames(water)) {
            if (f.frameId().equals(reported)) {
                NeighborStatistics one = new NeighborStatistics(2, 6.0);
                core.addNeighborStatistics(f, one);
                reportedMax = one.maxNeighbors()[1];
            }
        }
        assertEquals(most, reportedMax, "the reported worst frame has the largest count");
        assertTrue(printed.contains("sel[1]=40 too small") && printed.contains(reported), printed);
    }

    @Test
    void selectPicksDistinctSpreadFramesDeterministically() {
        Path a = tmp.resolve("sel-a"), b = tmp.resolve("sel-b"), k = tmp.resolve("sel-k");
        Cli.run("select", "--frames", water0, "-o", a.toString(), "-n", "8", "--seed", "7", "--type-map", "O,H");
        Cli.run("select", "--frames", water0, "-o", b.toString(), "-n", "8", "--seed", "7", "--type-map", "O,H");
        List<String> idsA = ids(a), idsB = ids(b);
        assertEquals(8, idsA.size());
        assertEquals(8, new HashSet<>(idsA).size(), "distinct frames");
        assertEquals(new HashSet<>(idsA), new HashSet<>(idsB), "same seed, same selection");
        Dataset<Row> chosen = org.dpspark.core.table.DeltaTables.read(spark, a.toString());
        // names, types and nullability: select's output is a Delta frames table like its source
        assertEquals(org.dpspark.core.table.DeltaTables.read(spark, water0).schema().treeString(),
                chosen.schema().treeString(), "same frames-table schema");
        Set<String> source = new HashSet<>(ids(Path.of(water0)));
        assertTrue(source.containsAll(idsA), "same frame ids as the source");

        // the same FPS single-threaded over the same standardised fingerprints: the same picks in the same order
        List<FrameInput> all = frames(water0);
        TypeMap tm = new TypeMap(List.of("O", "H"));
        FeaturizeSettings s = settings();
        Fingerprinter fp = new Fingerprinter(tm, new BehlerParrinello(s.symmetry().set(s.model().rcut()), tm.names()));
        List<String> fids = new ArrayList<>();
        List<double[]> xs = new ArrayList<>();
        Moments m = new Moments(fp.dim());
        for (FrameInput f : all) {
            fids.add(f.frameId());
            double[] x = fp.of(f);
            xs.add(x);
            m.add(x);
        }
        FingerprintBlock block = FingerprintBlock.of(fids, xs, fp.dim()).standardized(m.mean(), m.inverseStd());
        List<Candidate> picks = new ArrayList<>(List.of(block.seeded(7)));
        FingerprintBlock st = block;
        while (picks.size() < 8) {
            st = st.withPick(picks.get(picks.size() - 1));
            picks.add(st.farthest());
        }
        JsonNode order = record(a).get("selection").get("frame_ids");
        for (int i = 0; i < 8; i++) assertEquals(picks.get(i).id(), order.get(i).asText(), "pick " + i);
        // maximally spread: the FPS set's smallest pairwise distance beats a random set of the same size (seed 7)
        Random rnd = new Random(7);
        List<Candidate> random = new ArrayList<>();
        Set<Integer> used = new HashSet<>();
        while (random.size() < 8) {
            int r = rnd.nextInt(all.size());
            if (used.add(r)) random.add(new Candidate(fids.get(r), 0, block.row(r)));
        }
        double fpsMin = SelectJob.minPairDistance(picks), randomMin = SelectJob.minPairDistance(random);
        assertTrue(fpsMin > randomMin, "FPS " + fpsMin + " vs random " + randomMin);

        Cli.run("select", "--frames", water0, "-o", k.toString(), "-n", "5", "--method", "kmeans", "--type-map", "O,H");
        assertEquals(5, new HashSet<>(ids(k)).size(), "k-means: one distinct frame per centroid");
    }

    @Test
    void environmentsTableHoldsTheLibraryMatrices() {
        Path out = tmp.resolve("env");
        Cli.run("featurize", "--frames", water0, "-o", out.toString(), "--type-map", "O,H", "--sel", "46,92",
                "--environments", "--set", "featurize.descriptors=false");
        Dataset<Row> e = org.dpspark.core.table.DeltaTables.read(spark, out.resolve(org.dpspark.core.table.EnvironmentsTable.FOLDER).toString());
        assertEquals(80L * 192, e.count(), "one row per atom");
        FrameInput f = frames(water0).get(3);
        Row r = e.filter(e.col("frame_id").equalTo(f.frameId()).and(e.col("atom_index").equalTo(5))).first();
        FeaturizeSettings s = settings().withSel(new int[] {46, 92});
        Featurizer core = new Featurizer(s);
        int[] types = core.types(f);
        var env = core.environments(f, types);
        int n = 138;
        List<Double> got = r.getList(r.fieldIndex("env"));
        List<Double> deriv = r.getList(r.fieldIndex("deriv"));
        List<Integer> nlist = r.getList(r.fieldIndex("nlist"));
        assertEquals(4 * n, got.size());
        assertEquals(12 * n, deriv.size());
        for (int k = 0; k < 4 * n; k++) assertEquals(env.env()[4 * n * 5 + k], got.get(k), 0.0, "same code, same bits");
        for (int k = 0; k < 12 * n; k++) assertEquals(env.deriv()[12 * n * 5 + k], deriv.get(k), 0.0);
        for (int k = 0; k < n; k++) assertEquals(env.nlist()[n * 5 + k], nlist.get(k).intValue());
        assertEquals(types[5], r.getInt(r.fieldIndex("type")));
    }

    private List<String> ids(Path table) {
        return org.dpspark.core.table.DeltaTables.read(spark, table.toString()).select(FramesTable.FRAME_ID)
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    }

    /** The run record committed with the table's current version (what {@code _dataset.json} held before Delta). */
    private JsonNode record(Path table) {
        try {
            return DatasetSidecar.json().readTree(
                    org.dpspark.core.table.TableHistory.latestRunRecord(spark, table.toString()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
