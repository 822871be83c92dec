package org.dpspark.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The code version of dpspark, from the build (recorded in every sidecar). */
public final class Version {
    private Version() {}

    private static final String VERSION = load();

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/dpspark-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
