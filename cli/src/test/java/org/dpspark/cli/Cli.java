package org.dpspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs dpspark command lines in-process on the tests' local Spark and returns what they printed. */
final class Cli {
    private Cli() {}

    /** Output of a command that must succeed; the error stream is in the failure message. */
    static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] withMaster = new String[args.length + 2];
        System.arraycopy(args, 0, withMaster, 0, args.length);
        withMaster[args.length] = "--master";
        withMaster[args.length + 1] = "local[2]";
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), withMaster);
        assertEquals(0, code, "dpspark " + String.join(" ", args) + " failed:\n" + err + "\n" + out);
        return out.toString();
    }

    /** Exit code and error text of a command expected to fail. */
    static String fail(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertEquals(2, code, "expected failure of dpspark " + String.join(" ", args) + "\n" + out);
        return err.toString();
    }

    /** a followed by b: a command's own arguments before the options two invocations share. */
    static String[] concat(String[] a, String[] b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Runs a command that starts no Spark (no --master added): exit code; its error output goes to err. */
    static int main(java.io.StringWriter err, String... args) {
        return Main.execute(new java.io.PrintWriter(new java.io.StringWriter(), true), new java.io.PrintWriter(err, true), args);
    }
}
