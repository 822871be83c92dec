package org.dpspark.train.graph;

import java.io.PrintStream;

/**
 * SameDiff 1.0.0-M2.1 prints one "Added differentiated op …" line to stdout per op whenever a gradient function is
 * built, which {@link DeepPotGraph} does for every worker's graph and DL4J's SameDiff vertex on every network a
 * dl4j-spark worker creates (each round): hundreds of lines per round in the job log. This wraps {@code System.out}
 * once per JVM with a stream that drops exactly those lines and passes everything else through.
 */
public final class QuietStdout {
    private QuietStdout() {}

    private static final String NOISE = "Added differentiated op";
    private static boolean installed;

    public static synchronized void install() {
        if (installed) return;
        PrintStream out = System.out;
        System.setOut(new PrintStream(out, true) {
            @Override
            public void println(String x) {
                if (x == null || !x.startsWith(NOISE)) super.println(x);
            }

            @Override
            public void println(Object x) {
                if (!(x instanceof String s) || !s.startsWith(NOISE)) super.println(x);
            }
        });
        installed = true;
    }
}
