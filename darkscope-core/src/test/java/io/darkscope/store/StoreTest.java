package io.darkscope.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreTest {
    @TempDir
    Path data;

    @Test
    void aStoreOfAnOlderSchemaIsRefusedWithWhatToDo() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + data.resolve(Store.DATABASE));
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)");
            s.execute("INSERT INTO meta VALUES ('schema_version', '1')");
        }
        assertThatThrownBy(() -> Store.openReadOnly(data)).isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 1").hasMessageContaining("ingest the captures again");
        assertThatThrownBy(() -> Store.open(data)).isInstanceOf(StoreException.class).hasMessageContaining("schema version 1");
        assertThatThrownBy(() -> Store.openForBatch(data)).isInstanceOf(StoreException.class).hasMessageContaining("schema version 1");
    }

    @Test
    void aBatchWriterLeavesNoLogAndWhatItWroteOutsideACommitIsThereOnceClosed() throws Exception {
        try (Store store = Store.openForBatch(data); Store duplicate = store.duplicate()) {
            store.setMeta("note", "written by a batch");
            assertThat(duplicate.meta("note")).as("a duplicate sees the same database").contains("written by a batch");
        }
        assertThat(data.resolve(Store.DATABASE + ".wal")).doesNotExist();
        try (Store store = Store.openReadOnly(data)) {
            assertThat(store.meta("note")).contains("written by a batch");
        }
    }

    @Test
    void aNewStoreOpensAgainReadOnly() throws Exception {
        Store.open(data).close();
        try (Store store = Store.openReadOnly(data)) {
            assertThat(store.meta("schema_version")).isPresent();
        }
    }

    @Test
    void aDirectoryWithoutAStoreIsNamed() {
        assertThatThrownBy(() -> Store.openReadOnly(data)).hasMessageContaining("no darkscope store in " + data);
    }
}
