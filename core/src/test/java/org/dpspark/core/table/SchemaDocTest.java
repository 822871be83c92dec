package org.dpspark.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SchemaDocTest {
    @Test
    void docsSchemaMdIsGeneratedFromTheDeclarations() throws IOException {
        Path doc = Path.of(System.getProperty("dpspark.root", "..")).resolve("docs/schema.md");
        assertEquals(SchemaDoc.markdown(), Files.readString(doc),
                "docs/schema.md is stale: regenerate with `bin/dpspark schema-doc > docs/schema.md`");
    }

    @Test
    void everyColumnDocumentsItself() {
        for (TableSchema t : SchemaDoc.TABLES) {
            for (Column c : t.columns()) {
                assertEquals(false, c.doc().isBlank(), t.table() + "." + c.name());
                assertEquals(c.name(), t.struct().apply(c.name()).name());
            }
        }
    }
}
