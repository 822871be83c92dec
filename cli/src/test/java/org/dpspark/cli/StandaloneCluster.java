package org.dpspark.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark standalone cluster on loopback: one Master and {@code workers} Workers, started as separate JVMs
 * from the Spark jars the build resolved (no Spark distribution needed). {@link #close()} stops every process it
 * started (workers first).
 */
final class StandaloneCluster implements AutoCloseable {
    private final Path root;
    private final Path home;
    private final List<Process> processes = new ArrayList<>();
    private final int port;

    StandaloneCluster(Path root, Path work, int workers, int coresPerWorker, String memoryPerWorker)
            throws IOException, InterruptedException {
        this.root = root;
        this.home = Files.createDirectories(work.resolve("spark-home"));
        Path jars = Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("conf"));
        for (String jar : sparkClasspath().split(":")) {
            Path p = Path.of(jar);
            Path link = jars.resolve(p.getFileName());
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, p);
            }
        }
        this.port = freePort();
        start(work.resolve("master.log"), "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort()));
        waitForLog(work.resolve("master.log"), "I have been elected leader", 60);
        for (int w = 0; w < workers; w++) {
            Path log = work.resolve("worker" + w + ".log");
            start(log, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores",
                    Integer.toString(coresPerWorker), "--memory", memoryPerWorker, "--webui-port",
                    Integer.toString(freePort()), "--work-dir", work.resolve("worker" + w).toString(), masterUrl());
            waitForLog(log, "Successfully registered with master", 60);
        }
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    /** Environment every process of the cluster (and spark-submit) gets. */
    Map<String, String> environment() {
        return Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.12", "SPARK_LOCAL_IP", "127.0.0.1",
                "SPARK_NO_DAEMONIZE", "1");
    }

    private String sparkClasspath() throws IOException {
        return Files.readString(root.resolve("cli/target/spark-classpath.txt")).trim();
    }

    private void start(Path log, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.addAll(Arrays.asList(System.getProperty("dpspark.jvm.flags").split("\\s+")));
        cmd.addAll(List.of("-cp", home.resolve("conf") + ":" + sparkClasspath(), mainClass));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(environment());
        processes.add(pb.start());
    }

    private static void waitForLog(Path log, String line, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("cluster process did not log '" + line + "' within " + seconds + " s:\n"
                + (Files.exists(log) ? Files.readString(log) : "(no log)"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Runs {@code bin/dpspark-submit --master <this cluster> <submitArgs> -- <command>}; returns its output. */
    String submit(Path log, List<String> submitArgs, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(root.resolve("bin/dpspark-submit").toString(), "--master",
                masterUrl(), "--deploy-mode", "client", "--conf", "spark.driver.host=127.0.0.1", "--conf",
                "spark.driver.bindAddress=127.0.0.1"));
        cmd.addAll(submitArgs);
        cmd.add("--");
        cmd.addAll(Arrays.asList(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(environment());
        pb.environment().remove("SPARK_HOME");
        pb.environment().put("DPSPARK_JAVA_OPTS", "-Xmx1g");
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("spark-submit timed out:\n" + Files.readString(log));
        }
        String out = Files.readString(log);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("spark-submit failed (" + p.exitValue() + "):\n" + out);
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
