package org.dpspark.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * The {@code _dataset.json} sidecar written beside every output table: schema version, units,
 * counts, type map, sources, the runs that wrote the table (command line, configuration, code version).
 * A thin wrapper over a JSON tree, so each job adds the sections it knows about.
 */
public final class DatasetSidecar {
    /** File name of the sidecar inside a table folder. */
    public static final String FILE_NAME = "_dataset.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode root;

    private DatasetSidecar(ObjectNode root) {
        this.root = root;
    }

    /** A fresh sidecar for a table of the given schema, with the project's units. */
    public static DatasetSidecar create(String table, int schemaVersion) {
        ObjectNode root = JSON.createObjectNode();
        root.put("table", table);
        root.put("schema_version", schemaVersion);
        ObjectNode units = root.putObject("units");
        units.put("length", "Å");
        units.put("energy", "eV");
        units.put("force", "eV/Å");
        units.put("virial", "eV");
        units.put("time", "fs");
        units.put("mass", "amu");
        units.put("temperature", "K");
        root.put("code_version", Version.get());
        root.putArray("runs");
        return new DatasetSidecar(root);
    }

    /** Reads the sidecar of {@code tableDir}, or null when it has none. */
    public static DatasetSidecar readOrNull(Path tableDir) {
        Path p = tableDir.resolve(FILE_NAME);
        if (!Files.exists(p)) {
            return null;
        }
        try {
            return new DatasetSidecar((ObjectNode) JSON.readTree(p.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    /** The JSON tree, for jobs to fill in their sections. */
    public ObjectNode root() {
        return root;
    }

    /** Appends a record of one run: id, command line, configuration (as JSON), code version, time. */
    public ObjectNode addRun(String runId, String commandLine, JsonNode config) {
        ArrayNode runs = root.has("runs") ? (ArrayNode) root.get("runs") : root.putArray("runs");
        ObjectNode run = runs.addObject();
        run.put("run_id", runId);
        run.put("command_line", commandLine);
        run.set("config", config);
        run.put("code_version", Version.get());
        run.put("finished_at", Instant.now().toString());
        root.put("code_version", Version.get());
        return run;
    }

    /** Writes atomically (temporary file, then rename) into {@code tableDir}. */
    public void write(Path tableDir) {
        try {
            Files.createDirectories(tableDir);
            Path tmp = tableDir.resolve(FILE_NAME + ".tmp");
            JSON.writeValue(tmp.toFile(), root);
            Files.move(tmp, tableDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sidecar in " + tableDir, e);
        }
    }

    /** The shared JSON mapper (indenting). */
    public static ObjectMapper json() {
        return JSON;
    }
}
