package org.rapaio.jupyter.kernel.channels;

import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Replaces rapaio-jupyter-kernel 3.0.1's {@code LoopThread} (same public constructor and methods; notebooks/install-kernel.sh
 * compiles it and puts it before the kernel jar on the class path). The kernel's shell, control and heartbeat channels
 * each run their loop body (poll the ZeroMQ socket without waiting, handle what came) on one such thread, every
 * {@code sleep} ms. Version 3.0.1's thread left the kernel alive but deaf to the Jupyter client in about 1 start in 10
 * to 1 in 4 (NotebooksIT, 2026-11-24), for two reasons, both fixed here:
 * <ul>
 *   <li>{@code start()} started the thread before setting {@code running = true}, so a thread scheduled before its
 *       starter went on found {@code running == false} and ended at once, silently (3 % of starts on a 2-core machine
 *       at load ~2): here {@code running} is set first.</li>
 *   <li>The shell channel's thread starts polling when its socket is bound, before {@code Channels.connect} has made
 *       its message handler map; a {@code kernel_info_request} (which the client has queued since it launched the
 *       kernel) read in between ended the thread with a NullPointerException, printed to a {@code System.err} the
 *       kernel had redirected, i.e. nowhere. Here loops wait while {@link #holdLoops()} is in force (the launcher
 *       {@code org.dpspark.notebooks.KernelLauncher} holds them during {@code connect}), and an exception thrown by a
 *       loop body is logged and the loop goes on, instead of ending the channel.</li>
 * </ul>
 */
public final class LoopThread extends Thread {
    private static final Logger LOGGER = Logger.getLogger(LoopThread.class.getSimpleName());

    /** While non-null and not counted down, new loops wait on it before their first turn. */
    private static volatile CountDownLatch hold;

    private volatile boolean running;
    private final long sleep;
    private final Runnable loopBody;

    /**
     * @param name thread name
     * @param sleep pause between two turns of the loop, ms
     * @param loopBody one turn (polls without waiting)
     */
    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    /** Loops started from now on wait until {@link #releaseLoops()} before their first turn. */
    public static void holdLoops() {
        hold = new CountDownLatch(1);
    }

    /** Lets the held loops run (the kernel's channels are connected: every message now has its handler). */
    public static void releaseLoops() {
        CountDownLatch h = hold;
        if (h != null) {
            h.countDown();
        }
    }

    @Override
    public void run() {
        try {
            CountDownLatch h = hold;
            if (h != null) {
                h.await();
            }
            while (running) {
                try {
                    loopBody.run();
                } catch (RuntimeException e) {
                    LOGGER.log(Level.SEVERE, getName() + ": the loop body failed; the loop goes on", e);
                }
                Thread.sleep(sleep);
            }
        } catch (InterruptedException e) {
            running = false;
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        super.start();
    }

    /** Ends the loop after its current turn. */
    public void shutdown() {
        running = false;
    }
}
