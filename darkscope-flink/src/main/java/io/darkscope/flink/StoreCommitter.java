package io.darkscope.flink;

import io.darkscope.analysis.DayStates;
import io.darkscope.capture.CaptureIdentity;
import io.darkscope.pipeline.Day;
import io.darkscope.store.IngestedFile;
import io.darkscope.store.Ledger;
import io.darkscope.store.Provenance;
import io.darkscope.store.Store;
import io.darkscope.store.StoreException;
import org.apache.flink.api.connector.sink2.Committer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Commits a checkpoint's parts into the store, each commit in one transaction with its
 * provenance. Flink commits a checkpoint's commit again after a restore; the store recognises
 * the replay: Kafka offsets committed before are skipped, and so is a capture the ledger holds
 * already, as ingest would (a copy under another name is recorded as a duplicate, a capture that
 * changed since it was counted is refused). The store is opened for each checkpoint and closed
 * after, so others may read it between.
 */
final class StoreCommitter implements Committer<StoreCommit> {
    private static final Logger LOG = LoggerFactory.getLogger(StoreCommitter.class);

    private final JobSettings settings;
    private final String topic;

    StoreCommitter(JobSettings settings, String topic) {
        this.settings = settings;
        this.topic = topic;
    }

    @Override
    public void commit(Collection<CommitRequest<StoreCommit>> requests) throws IOException {
        if (requests.isEmpty()) {
            return;
        }
        try (Store store = Store.open(settings.data())) {
            for (CommitRequest<StoreCommit> request : requests) {
                if (!commit(store, request.getCommittable())) {
                    LOG.info("a checkpoint's commit was in the store already (a replay after a restore): skipped");
                    request.signalAlreadyCommitted();
                }
            }
        } catch (StoreException | SQLException e) {
            throw new IOException(e.getMessage(), e); // the job restarts from its checkpoint and commits again
        }
    }

    private boolean commit(Store store, StoreCommit commit) throws StoreException, SQLException {
        List<Part> files = commit.parts().stream().filter(p -> p.file() != null).toList();
        if (files.isEmpty()) {
            Part part = commit.parts().get(0);
            return store.commit(new Provenance.Offsets(topic, part.offsets()), part.days(), commit.closedBefore(), settings.registry(),
                    settings.zoneId());
        }
        return commitFiles(store, files);
    }

    private boolean commitFiles(Store store, List<Part> files) throws StoreException, SQLException {
        List<IngestedFile> rows = new ArrayList<>();
        Map<Day, DayStates> days = new TreeMap<>();
        Map<CaptureIdentity, String> countedHere = new HashMap<>();
        for (Part part : files) {
            Optional<IngestedFile> row = row(store.ledger(), part.file(), countedHere);
            if (row.isEmpty()) {
                continue;
            }
            rows.add(row.get());
            if (row.get() == part.file() && part.file().status().counted()) {
                part.days().forEach(d -> days.merge(d.day(), d, DayStates::merge));
                countedHere.put(part.file().identity(), part.file().path());
            }
        }
        if (rows.isEmpty()) {
            return false;
        }
        store.commit(new Provenance.Files(rows), new ArrayList<>(days.values()), Long.MAX_VALUE, settings.registry(), settings.zoneId());
        return true;
    }

    /**
     * The ledger row a capture gets, as ingest decides it: none if the ledger has it already (a
     * replay, or the same files again); a duplicate's if the same capture was counted under
     * another name; a refusal if its path was counted with other content; else its own.
     */
    private static Optional<IngestedFile> row(Ledger ledger, IngestedFile file, Map<CaptureIdentity, String> countedHere)
            throws SQLException {
        if (!file.status().counted()) {
            Optional<IngestedFile> before = ledger.latest(file.path());
            boolean recorded = before.isPresent() && before.get().status() == file.status() && before.get().size() == file.size();
            return recorded ? Optional.empty() : Optional.of(file);
        }
        Optional<String> original = countedAs(ledger, file.identity(), countedHere);
        if (original.isPresent()) {
            return original.get().equals(file.path()) ? Optional.empty()
                    : Optional.of(IngestedFile.notCounted(file.path(), file.size(), file.modified(), IngestedFile.Status.DUPLICATE,
                            "the same capture as " + original.get() + ", already counted"));
        }
        Optional<IngestedFile> counted = ledger.countedFile(file.path());
        if (counted.isPresent()) {
            LOG.warn("{} changed since it was counted: refused", file.path());
            return Optional.of(IngestedFile.notCounted(file.path(), file.size(), file.modified(), IngestedFile.Status.CHANGED,
                    "changed since it was ingested (" + counted.get().size() + " bytes then, " + file.size() + " now); its earlier counts "
                            + "cannot be subtracted: 'darkscope ingest' counts only what a capture that grew added"));
        }
        return Optional.of(file);
    }

    /** The path a capture of this identity was counted under, earlier in this commit or in the ledger. */
    private static Optional<String> countedAs(Ledger ledger, CaptureIdentity identity, Map<CaptureIdentity, String> countedHere)
            throws SQLException {
        String here = countedHere.get(identity);
        if (here != null) {
            return Optional.of(here);
        }
        return ledger.countedWithPrefix(identity.prefixLength(), identity.prefixDigest()).stream()
                .filter(f -> identity.equals(f.identity()))
                .map(IngestedFile::path)
                .findFirst();
    }

    @Override
    public void close() {
    }
}
