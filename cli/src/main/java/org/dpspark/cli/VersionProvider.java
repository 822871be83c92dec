package org.dpspark.cli;

import org.dpspark.core.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the code version from the build. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"dpspark " + Version.get()};
    }
}
