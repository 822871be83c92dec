package org.dpspark.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** Reads the sidecar of a table folder, or null when it has none. */
    public static DatasetSidecar readOrNull(TableFiles files, String tableDir) {
        String text = files.readString(tableDir + "/" + FILE_NAME);
        if (text == null) {
            return null;
        }
        try {
            return new DatasetSidecar((ObjectNode) JSON.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + tableDir + "/" + FILE_NAME, e);
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

    /** Writes atomically (temporary file, then rename) into a table folder. */
    public void write(TableFiles files, String tableDir) {
        try {
            files.writeStringAtomically(tableDir + "/" + FILE_NAME, JSON.writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sidecar in " + tableDir, e);
        }
    }

    /** The shared JSON mapper (indenting). */
    public static ObjectMapper json() {
        return JSON;
    }
}
