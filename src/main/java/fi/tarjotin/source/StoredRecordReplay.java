package fi.tarjotin.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tarjotin.mapping.MappingStages;
import fi.tarjotin.mapping.RecordMapper;
import fi.tarjotin.model.RecordKind;
import fi.tarjotin.source.JdbcSourceRecordRepository.StoredPayload;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What a remap run reads instead of the source: the stored payloads whose mapped documents were made by
 * another version of the mapping files, fed through the same ingest as fetched pages. The source is not
 * asked for anything, so a coordinator can tune a mapping and see the catalogue follow at once.
 */
@Component
public class StoredRecordReplay {

    private static final int PAGE_SIZE = 100;

    private final JdbcSourceRecordRepository sourceRecords;
    private final RecordMapper mapper;
    private final MappingStages stages;
    private final ObjectMapper json;

    StoredRecordReplay(JdbcSourceRecordRepository sourceRecords, RecordMapper mapper, MappingStages stages,
            ObjectMapper json) {
        this.sourceRecords = sourceRecords;
        this.mapper = mapper;
        this.stages = stages;
        this.json = json;
    }

    /** Whether any stored record of this source's current shape was mapped by another mapping version. */
    public boolean hasStaleMappings(SourceFetcher source) {
        for (RecordKind kind : RecordKind.values()) {
            String hash = stages.version(source.mappingSet(), kind);
            if (!sourceRecords.findStaleMappings(source.source(), kind, source.mappingSet(), hash, 0, 1).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** A fetcher that reloads the mapping files, then replays the stale records of {@code source}'s shape. */
    SourceFetcher of(SourceFetcher source) {
        return new SourceFetcher() {
            @Override
            public String source() {
                return source.source();
            }

            @Override
            public String version() {
                return source.version();
            }

            @Override
            public String mappingSet() {
                return source.mappingSet();
            }

            @Override
            public void fetch(ImportKind kind, Instant changesSince, ImportSink sink) throws IOException {
                mapper.reload();
                for (RecordKind recordKind : RecordKind.values()) {
                    replay(source, recordKind, sink);
                }
            }
        };
    }

    private void replay(SourceFetcher source, RecordKind kind, ImportSink sink) throws IOException {
        String hash = stages.version(source.mappingSet(), kind);
        long afterId = 0;
        while (true) {
            List<StoredPayload> stored = sourceRecords.findStaleMappings(source.source(), kind, source.mappingSet(),
                    hash, afterId, PAGE_SIZE);
            if (stored.isEmpty()) {
                return;
            }
            List<FetchedRecord> page = new ArrayList<>(stored.size());
            for (StoredPayload record : stored) {
                page.add(new FetchedRecord(kind, record.sourceId(), json.readTree(record.payload()),
                        record.modifiedAt(), record.sourceUrl()));
            }
            sink.pagesPlanned(1);
            sink.page(page);
            afterId = stored.get(stored.size() - 1).id();
        }
    }
}
