package fi.tarjotin.source;

import fi.tarjotin.model.RecordKind;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** What a source fetcher hands its pages to during a run. */
public interface ImportSink {

    /** The fetcher learned that this many more pages are to come (for progress reports). */
    void pagesPlanned(int pages);

    /** One page of records, ingested in one transaction. An empty page still counts as a page done. */
    void page(List<FetchedRecord> records);

    /**
     * A record that arrived but cannot be read as one (no id, not an object, a spreadsheet row with an
     * error): kept with the reason. When it has an id, the catalogue's last good version of it stays.
     */
    void reject(RecordKind kind, String sourceId, String reason, String location, String payload);

    /**
     * The source still has these records, though this run could not take them in (their row or parent was
     * rejected): a full run does not retire them.
     */
    void stillPresent(RecordKind kind, Collection<String> sourceIds);

    /**
     * A page that could not be read at all (malformed JSON, wrong envelope). The run goes on where it
     * can, but it is no longer complete, so it will retire nothing.
     */
    void unreadablePage(String location, String reason, String body);

    /** Records fetched but outside the configured scope (for example another service class). */
    void skipped(int count);

    /** Records the source reports archived or deleted: retired at once. */
    void archived(RecordKind kind, Collection<String> sourceIds);

    /** Which of these records the catalogue already holds, active. */
    Set<String> knownIds(RecordKind kind, Collection<String> sourceIds);
}
