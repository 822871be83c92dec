package org.dpspark.notebooks;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.LogManager;
import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.LoopThread;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.core.Transform;

/**
 * Main class of the "dpspark-java" Jupyter kernel (notebooks/install-kernel.sh): starts rapaio-jupyter-kernel 3.0.1 as
 * its {@code MainApp} does (kernel with JShell, logging, connection file, channels), with two differences. The channel
 * loops are held until {@code Channels.connect} has returned (see the replacement {@link LoopThread}), so no request
 * reaches a channel before its handler exists. Exceptions that end a thread are printed to the process's standard
 * error (the kernel redirects {@code System.err}, which hid such failures), i.e. into the Jupyter client's log.
 * Usage: {@code java ... -cp <classes>:<rapaio-jupyter-kernel.jar> org.dpspark.notebooks.KernelLauncher <connection file>}.
 */
public final class KernelLauncher {
    private KernelLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: KernelLauncher <connection file>");
        }
        PrintStream stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            stderr.println("dpspark-java kernel: thread " + t.getName() + " ended with " + e);
            e.printStackTrace(stderr);
        });
        RapaioKernel kernel = MainApp.kernel; // JShell with RJK_CLASSPATH: the slow part, as in MainApp
        try (InputStream in = MainApp.class.getClassLoader().getResourceAsStream("logging.properties")) {
            LogManager.getLogManager().readConfiguration(in);
        }
        ConnectionProperties props = Transform.fromJson(Files.readString(Path.of(args[0])), ConnectionProperties.class);
        Channels channels = new Channels(props);
        LoopThread.holdLoops();
        try {
            channels.connect(kernel);
        } finally {
            LoopThread.releaseLoops();
        }
        channels.joinUntilClose();
    }
}
