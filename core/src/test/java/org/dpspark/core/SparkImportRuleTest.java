package org.dpspark.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house rule (as in GATK's Spark tools): Spark is imported only where jobs and tables live; the physics, the model,
 * the readers, the MD engine and the training kernel are plain Java that a test, a notebook or another engine can run
 * without a Spark session. Scans the main sources of every module of the repository.
 */
class SparkImportRuleTest {

    /** Packages that may import Spark: the jobs of each stage, the tables, and the drivers (loop, commands, benches). */
    private static final Set<String> JOB_PACKAGES = Set.of(
            "org.dpspark.core.table",         // table schemas, reads and commits
            "org.dpspark.ingest.job",         // the ingest job
            "org.dpspark.ingest.export",      // the export job
            "org.dpspark.ingest.stats",       // the stats job over a frames table
            "org.dpspark.featurize.job",      // the featurize job
            "org.dpspark.featurize.select",   // the select job (farthest-point / k-means over executors)
            "org.dpspark.train.job",          // training and test jobs, engines
            "org.dpspark.train.data",         // frames read from the table into training, statistics over executors
            "org.dpspark.simulate.ensemble",  // the ensemble job
            "org.dpspark.loop",               // the concurrent-learning driver
            "org.dpspark.cli",                // commands
            "org.dpspark.bench");             // benchmarks (and their sub-packages)

    /** Single classes outside those packages that may: the session factory and the options every job shares. */
    private static final Set<String> JOB_CLASSES = Set.of("org.dpspark.core.SparkSessions", "org.dpspark.core.JobOptions");

    private static final Pattern SPARK_IMPORT = Pattern.compile("^import\\s+(static\\s+)?org\\.apache\\.spark\\.", Pattern.MULTILINE);
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);

    @Test
    void onlyJobAndTablePackagesImportSpark() throws IOException {
        List<Path> sources = mainSources();
        assertTrue(sources.size() > 300, "expected the whole repository's main sources, found " + sources.size());
        List<String> offenders = new ArrayList<>();
        for (Path f : sources) {
            String text = Files.readString(f);
            if (!SPARK_IMPORT.matcher(text).find()) continue;
            Matcher m = PACKAGE.matcher(text);
            String pkg = m.find() ? m.group(1) : "";
            String cls = pkg + "." + f.getFileName().toString().replace(".java", "");
            boolean allowed = JOB_CLASSES.contains(cls)
                    || JOB_PACKAGES.stream().anyMatch(p -> pkg.equals(p) || pkg.startsWith(p + "."));
            if (!allowed) offenders.add(cls);
        }
        assertEquals(List.of(), offenders, "these classes import Spark outside the job/table packages: move the Spark"
                + " part into the stage's job package and keep the rest plain Java");
    }

    @Test
    void theModelModuleHasNoSparkOnItsClasspath() throws IOException {
        String pom = Files.readString(repositoryRoot().resolve("model/pom.xml"));
        assertTrue(!pom.contains("org.apache.spark"), "model/pom.xml must not depend on Spark");
    }

    /** Every {@code src/main/java} file of every module (a module is a folder with a pom.xml beside this one). */
    private static List<Path> mainSources() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> modules = Files.list(repositoryRoot())) {
            for (Path m : modules.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))
                    && Files.isDirectory(d.resolve("src/main/java"))).toList()) {
                try (Stream<Path> files = Files.walk(m.resolve("src/main/java"))) {
                    files.filter(p -> p.toString().endsWith(".java")).forEach(out::add);
                }
            }
        }
        return out;
    }

    /** The repository root: the parent of this module's folder (Maven runs tests in the module folder). */
    private static Path repositoryRoot() {
        Path root = Path.of("").toAbsolutePath().getParent();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("model"))) {
            throw new UncheckedIOException(new IOException("not the repository root: " + root));
        }
        return root;
    }
}
