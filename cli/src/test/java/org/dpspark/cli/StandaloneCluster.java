package org.dpspark.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Spark standalone cluster on loopback: one Master and {@code workers} Workers, started as separate JVMs
 * from the Spark jars the build resolved (no Spark distribution needed). {@link #close()} stops every process it
 * started, with their descendants (the executors the Workers launched, a spark-submit still running), also when
 * the constructor fails half-way or the test JVM exits without closing it (shutdown hook).
 */
final class StandaloneCluster implements AutoCloseable {
    private final Path root;
    private final Path home;
    private final Path work;
    private final List<Process> processes = new ArrayList<>();
    /** Every process started or seen as a descendant (executors), for the final check. */
    private final Set<ProcessHandle> seen = new LinkedHashSet<>();
    private final Thread hook = new Thread(this::stopQuietly, "standalone-cluster-stop");
    private final int port;
    private int maxExecutors;

    StandaloneCluster(Path root, Path work, int workers, int coresPerWorker, String memoryPerWorker)
            throws IOException, InterruptedException {
        this.root = root;
        this.work = work;
        this.home = Files.createDirectories(work.resolve("spark-home"));
        Runtime.getRuntime().addShutdownHook(hook);
        try {
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
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    /** Environment every process of the cluster gets. */
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
        Process p = pb.start();
        processes.add(p);
        seen.add(p.toHandle());
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

    /**
     * Runs {@code bin/dpspark-submit --master <this cluster> <submitArgs> -- <command>} in client mode, with the
     * driver's output in {@code <work>/submit-<command>.log}; returns that output. Fails with the output when the
     * command fails or runs longer than {@code timeoutSeconds} (the driver and its children are then stopped).
     */
    String submit(int timeoutSeconds, List<String> submitArgs, String... command)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(root.resolve("bin/dpspark-submit").toString(), "--master",
                masterUrl(), "--deploy-mode", "client", "--conf", "spark.driver.host=127.0.0.1", "--conf",
                "spark.driver.bindAddress=127.0.0.1"));
        cmd.addAll(submitArgs);
        cmd.add("--");
        cmd.addAll(Arrays.asList(command));
        Path log = work.resolve("submit-" + command[0] + "-" + System.nanoTime() + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(environment());
        pb.environment().remove("SPARK_HOME");
        pb.environment().put("DPSPARK_JAVA_OPTS", "-Xmx1g");
        Process p = pb.start();
        processes.add(p);
        seen.add(p.toHandle());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try {
            while (!p.waitFor(500, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
                watch();
            }
            if (p.isAlive()) {
                stop(p);
                throw new IllegalStateException("spark-submit timed out after " + timeoutSeconds + " s:\n"
                        + Files.readString(log));
            }
        } finally {
            processes.remove(p);
        }
        String out = Files.readString(log);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("spark-submit failed (" + p.exitValue() + "):\n" + out);
        }
        return out;
    }

    /** Records the descendants of every process (the executors the Workers launched) and counts the executors. */
    private void watch() {
        int executors = 0;
        for (Process p : processes) {
            for (ProcessHandle d : p.descendants().toList()) {
                seen.add(d);
                if (d.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend")) {
                    executors++;
                }
            }
        }
        maxExecutors = Math.max(maxExecutors, executors);
    }

    /** The most executor JVMs seen at once during the submitted applications (sampled every 0.5 s). */
    int maxExecutorsSeen() {
        return maxExecutors;
    }

    /**
     * Processes this cluster started, or that descended from them while it watched, still alive 10 s after
     * {@link #close()} (an empty list when everything stopped).
     */
    List<String> stillAlive() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return seen.stream().filter(ProcessHandle::isAlive)
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("?")).collect(Collectors.toList());
    }

    /** Stops the processes in reverse order of start (drivers, workers, master), each with its descendants. */
    @Override
    public void close() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            stop(processes.get(i));
        }
        processes.clear();
        for (ProcessHandle h : seen) {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // called from the hook itself
        }
    }

    /** SIGTERM (a Worker then kills its executors), then SIGKILL for whatever of the tree is left after 20 s. */
    private void stop(Process p) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        seen.addAll(tree);
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle h : tree) {
            while (h.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
    }

    private void stopQuietly() {
        try {
            close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
