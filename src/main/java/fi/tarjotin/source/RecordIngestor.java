package fi.tarjotin.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.tarjotin.entity.JdbcEntityRepository;
import fi.tarjotin.mapping.MappedDocument;
import fi.tarjotin.mapping.MappingException;
import fi.tarjotin.mapping.MappingStages;
import fi.tarjotin.model.RecordKind;
import fi.tarjotin.needs.NeedDecision;
import fi.tarjotin.source.JdbcSourceRecordRepository.RecordWrite;
import fi.tarjotin.source.JdbcSourceRecordRepository.StoredRecord;
import fi.tarjotin.system.Hashes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Takes in one page of fetched records: a record whose content hash and mapping are unchanged costs one
 * lookup and is only marked seen; a new or changed one, or one whose mapping file changed, is stored as
 * it came, mapped, validated and written through to its entity. A record that cannot be mapped is rejected with its reason and payload,
 * and its last good version stays.
 */
@Component
public class RecordIngestor {

    private final JdbcSourceRecordRepository sourceRecords;
    private final JdbcRejectedRecordRepository rejects;
    private final JdbcImportWarningRepository warnings;
    private final JdbcEntityRepository entities;
    private final MappingStages mapper;
    private final ObjectMapper json;

    RecordIngestor(JdbcSourceRecordRepository sourceRecords, JdbcRejectedRecordRepository rejects,
            JdbcImportWarningRepository warnings, JdbcEntityRepository entities, MappingStages mapper,
            ObjectMapper json) {
        this.sourceRecords = sourceRecords;
        this.rejects = rejects;
        this.warnings = warnings;
        this.entities = entities;
        this.mapper = mapper;
        this.json = json;
    }

    /** Ingests a page; call inside a transaction so the page lands whole or not at all. */
    public RunCounts ingest(long runId, String source, String mappingSet, List<FetchedRecord> page) {
        // Sorted by source id, so pages written at the same time lock shared rows in one order and never deadlock.
        Map<RecordKind, Map<String, FetchedRecord>> byKind = new EnumMap<>(RecordKind.class);
        for (FetchedRecord record : page) {
            byKind.computeIfAbsent(record.kind(), kind -> new TreeMap<>()).put(record.sourceId(), record);
        }
        RunCounts counts = RunCounts.ZERO;
        for (Map.Entry<RecordKind, Map<String, FetchedRecord>> group : byKind.entrySet()) {
            counts = counts.plus(ingestKind(runId, source, mappingSet, group.getKey(), group.getValue()));
        }
        return counts;
    }

    private RunCounts ingestKind(long runId, String source, String mappingSet, RecordKind kind,
            Map<String, FetchedRecord> records) {
        Instant now = Instant.now();
        Map<String, StoredRecord> stored = sourceRecords.findStored(source, kind, records.keySet());
        String currentMapping = mapper.version(mappingSet, kind);
        Map<String, Map<String, NeedDecision>> needDecisions = mapper.needDecisions(source, kind, records.keySet());
        List<Long> seen = new ArrayList<>();
        List<RecordWrite> writes = new ArrayList<>();
        List<String> documents = new ArrayList<>();
        List<String> warnedIds = new ArrayList<>();
        List<String> warningTexts = new ArrayList<>();
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int rejected = 0;
        for (FetchedRecord record : records.values()) {
            StoredRecord previous = stored.get(record.sourceId());
            String payload = serialize(record);
            if (payload.contains("\\u0000")) {
                reject(runId, source, record, "payload contains a NUL character, which cannot be stored", payload);
                rejected++;
                markSeenIfStored(previous, seen);
                continue;
            }
            String hash = Hashes.sha256(payload);
            boolean sameContent = previous != null && !previous.retired() && hash.equals(previous.contentHash());
            if (sameContent && currentMapping.equals(previous.mappingHash())) {
                unchanged++;
                seen.add(previous.id());
                continue;
            }
            MappedDocument mapped;
            try {
                mapped = mapper.map(mappingSet, kind, record.payload(),
                        needDecisions.getOrDefault(record.sourceId(), Map.of()));
            } catch (MappingException e) {
                reject(runId, source, record, e.getMessage(), payload);
                rejected++;
                markSeenIfStored(previous, seen);
                continue;
            }
            writes.add(new RecordWrite(record.sourceId(), record.sourceUrl(), payload, hash, record.sourceModifiedAt()));
            for (String warning : mapped.warnings()) {
                warnedIds.add(record.sourceId());
                warningTexts.add(warning);
            }
            documents.add(withProvenance(mapped.document(), source, record));
            // A record mapped again with a changed mapping counts as updated: its document may have changed.
            if (previous == null) {
                created++;
            } else {
                updated++;
            }
        }
        if (!writes.isEmpty()) {
            store(runId, source, mappingSet, kind, now, writes, documents, stored, currentMapping);
        }
        sourceRecords.markSeen(runId, now, seen);
        warnings.insert(runId, source, kind, warnedIds, warningTexts);
        return new RunCounts(records.size(), created, updated, unchanged, rejected, 0, 0, warningTexts.size());
    }

    private void store(long runId, String source, String mappingSet, RecordKind kind, Instant now,
            List<RecordWrite> writes, List<String> documents, Map<String, StoredRecord> stored, String mappingHash) {
        Map<String, Long> ids = sourceRecords.upsert(source, kind, mappingSet, runId, now, writes);
        List<Long> recordIds = new ArrayList<>(writes.size());
        List<UUID> entityIds = new ArrayList<>(writes.size());
        for (RecordWrite write : writes) {
            recordIds.add(ids.get(write.sourceId()));
            StoredRecord previous = stored.get(write.sourceId());
            entityIds.add(previous != null && previous.entityId() != null ? previous.entityId()
                    : JdbcEntityRepository.entityIdFor(source, kind, write.sourceId()));
        }
        sourceRecords.upsertMapped(kind, now, recordIds, documents, Collections.nCopies(writes.size(), mappingHash));
        entities.upsertSingleMemberEntities(kind, now, entityIds, recordIds);
    }

    private String withProvenance(ObjectNode document, String source, FetchedRecord record) {
        ObjectNode provenance = document.putObject("provenance");
        provenance.put("source", source);
        provenance.put("kind", record.kind().value());
        provenance.put("sourceId", record.sourceId());
        if (record.sourceUrl() != null) {
            provenance.put("sourceUrl", record.sourceUrl());
        }
        if (record.sourceModifiedAt() != null) {
            provenance.put("sourceModifiedAt", record.sourceModifiedAt().toString());
        }
        return document.toString();
    }

    private void reject(long runId, String source, FetchedRecord record, String reason, String payload) {
        rejects.insert(runId, source, record.kind(), record.sourceId(), reason, record.sourceUrl(), payload);
    }

    private static void markSeenIfStored(StoredRecord previous, List<Long> seen) {
        // A record the source still has is not retired just because this version of it is broken.
        if (previous != null) {
            seen.add(previous.id());
        }
    }

    private String serialize(FetchedRecord record) {
        try {
            return json.writeValueAsString(record.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a parsed payload", e);
        }
    }
}
