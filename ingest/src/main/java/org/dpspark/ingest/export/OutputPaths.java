package org.dpspark.ingest.export;

import java.nio.file.Path;

/**
 * Names from the data (dataset names, type labels) put into output paths: each becomes a harmless path
 * component, and every resolved path must stay inside its output folder. Defence in depth behind the
 * readers' label check ({@link org.dpspark.core.Elements#labelProblem}): a table written by an older
 * version, or by another tool, may hold any string.
 */
public final class OutputPaths {
    private OutputPaths() {}

    /** One path component from any string: characters other than letters, digits, {@code . _ + -} become '_', and no {@code .}/{@code ..}. */
    public static String component(String name) {
        String s = name == null || name.isEmpty() ? "_" : name.replaceAll("[^A-Za-z0-9._+-]", "_");
        s = s.replaceAll("\\.{2,}", "_");
        return s.equals(".") ? "_" : s;
    }

    /** A dataset name as a relative path: separators kept, anything odd replaced by '_', no {@code .}/{@code ..} parts. */
    public static String relative(String dataset) {
        String s = dataset.replaceAll("[^A-Za-z0-9._/+-]", "_").replaceAll("/+", "/").replaceAll("(^|/)\\.\\.?(?=/|$)", "$1_");
        return s.startsWith("/") ? s.substring(1) : s;
    }

    /**
     * {@code root} resolved against the relative path {@code rel}, which must name something strictly inside
     * {@code root}; throws {@link IllegalArgumentException} otherwise.
     */
    public static Path confine(Path root, String rel) {
        Path base = root.toAbsolutePath().normalize();
        Path target = base.resolve(rel).normalize();
        if (!target.startsWith(base) || target.equals(base)) {
            throw new IllegalArgumentException("output path '" + rel + "' would be outside the output folder " + base);
        }
        return target;
    }
}
