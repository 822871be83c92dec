package org.dpspark.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder replaced below. */
@Command(name = "select")
public final class SelectCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
