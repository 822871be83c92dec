package org.dpspark.core.table;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dpspark.core.TableFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's staging folder {@code <table>/_staging/<run id>/} (hidden from readers by the underscore), where it writes
 * before its Delta commit, and the safe clean-up of folders left by killed runs.
 *
 * <p>Each run writes {@code _owner} (host, process id, process start time in ms) into its folder first. A run
 * removes another run's folder only when that run is provably dead: on this host, no process has its id, or the
 * process with its id started at another time (the id was reused); on another host, or without an owner file, only
 * when nothing in the folder changed for {@link #STALE_AFTER}. A live concurrent run's folder is never touched, and
 * the {@code _staging} folder itself is removed only when empty.
 */
public final class Staging {
    private static final Logger LOG = LoggerFactory.getLogger(Staging.class);
    /** Folder of the runs in progress inside a table. */
    public static final String FOLDER = "_staging";
    /** Name of the owner file inside a run's folder. */
    static final String OWNER = "_owner";
    /** Age after which a folder whose owner cannot be checked (another host, no owner file) is removed. */
    public static final Duration STALE_AFTER = Duration.ofHours(48);
    /** Tolerance when comparing process start times (ms): they are rounded differently by the OS and the JVM. */
    private static final long START_TOLERANCE_MS = 2000;

    private final TableFiles files;
    private final String table;
    private final String runId;

    private Staging(TableFiles files, String table, String runId) {
        this.files = files;
        this.table = table;
        this.runId = runId;
    }

    /**
     * Creates this run's staging folder with its owner file, after removing the folders of dead runs.
     *
     * @return the staging of this run
     */
    public static Staging open(TableFiles files, String table, String runId) {
        Staging s = new Staging(files, table, runId);
        List<String> removed = s.removeDead(Instant.now());
        if (!removed.isEmpty()) {
            LOG.warn("{}: removed the staging folders of {} killed run(s): {}", table, removed.size(), removed);
        }
        files.writeStringAtomically(s.path() + "/" + OWNER, ownerLine(host(), ProcessHandle.current()));
        return s;
    }

    /** This run's folder. */
    public String path() {
        return table + "/" + FOLDER + "/" + runId;
    }

    /** Removes this run's folder, and {@code _staging} when no other run has one. */
    public void close() {
        files.delete(path());
        files.deleteIfEmpty(table + "/" + FOLDER);
    }

    /** Removes the folders of runs that are provably dead as of {@code now}; returns their run ids. */
    List<String> removeDead(Instant now) {
        List<String> removed = new ArrayList<>();
        String root = table + "/" + FOLDER;
        for (String run : files.children(root)) {
            String dir = root + "/" + run;
            if (!run.equals(runId) && isDead(dir, now)) {
                files.delete(dir);
                removed.add(run);
            }
        }
        return removed;
    }

    private boolean isDead(String dir, Instant now) {
        String owner = files.readString(dir + "/" + OWNER);
        String[] f = owner == null ? new String[0] : owner.trim().split(" ");
        if (f.length == 3 && f[0].equals(host())) {
            try {
                return !alive(Long.parseLong(f[1]), Long.parseLong(f[2]));
            } catch (NumberFormatException e) {
                // a damaged owner file: fall back on the age
            }
        }
        return files.lastModified(dir) < now.minus(STALE_AFTER).toEpochMilli();
    }

    /** Whether the process {@code pid} that started at {@code startMs} is still running on this host. */
    static boolean alive(long pid, long startMs) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return false;
        }
        Optional<Instant> start = p.get().info().startInstant();
        return startMs == 0 || start.isEmpty() || Math.abs(start.get().toEpochMilli() - startMs) <= START_TOLERANCE_MS;
    }

    /** The owner line of a process: {@code host pid start-ms}. */
    static String ownerLine(String host, ProcessHandle p) {
        long start = p.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return host + " " + p.pid() + " " + start + "\n";
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName().replace(' ', '_');
        } catch (Exception e) {
            return "unknown-host";
        }
    }
}
