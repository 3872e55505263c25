package fi.tarjotin.source.lahella;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import fi.tarjotin.model.Crosswalks;
import fi.tarjotin.model.RecordKind;
import fi.tarjotin.model.Taxonomies;
import fi.tarjotin.source.FetchedRecord;
import fi.tarjotin.source.ImportKind;
import fi.tarjotin.source.ImportSink;
import fi.tarjotin.source.SourceFetcher;
import fi.tarjotin.source.http.HttpSettings;
import fi.tarjotin.support.Fixtures;
import fi.tarjotin.system.MappingFiles;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The listing request a configured fetcher makes: its groups, regions and credentials as lähellä.fi's
 * admin UI sends them. The fetcher is built by its configuration and reads a WireMock stand-in; the
 * records it hands over are collected as the import runner would receive them.
 */
class LahellaListingRequestTests {

    private static final MappingFiles MAPPINGS = new MappingFiles(Path.of("mappings"));
    private static final Taxonomies TAXONOMIES = new Taxonomies(MAPPINGS);
    private static final WireMockServer LAHELLA = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @BeforeAll
    static void start() {
        LAHELLA.start();
    }

    @AfterAll
    static void stop() {
        LAHELLA.stop();
    }

    @Test
    void asksForTheConfiguredGroupsAndRegionsWithBothCredentials() throws Exception {
        LAHELLA.stubFor(get(urlPathEqualTo("/v1/activities")).willReturn(okJson(Fixtures.read("lahella/minimal-page.json"))));
        LahellaProperties properties = new LahellaProperties(true, URI.create(LAHELLA.baseUrl()), " SESSION=abc ",
                "token-1", List.of("city/FI/Kuopio", " state/FI/Uusimaa "), List.of(" 7103010551 ", "", "7103010622"),
                50, 10, "0 20 3 * * ?", false, new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(5), 1,
                        Duration.ofMillis(1), Duration.ofMillis(1)));
        SourceFetcher fetcher = new LahellaConfiguration().lahellaFetcher(properties, TAXONOMIES,
                new Crosswalks(MAPPINGS, TAXONOMIES), new ObjectMapper(), Runnable::run);
        CollectingSink sink = new CollectingSink();

        fetcher.fetch(ImportKind.FULL, null, sink);

        LAHELLA.verify(1, getRequestedFor(urlPathEqualTo("/v1/activities"))
                .withHeader("Cookie", equalTo("SESSION=abc"))
                .withHeader("Authorization", equalTo("Bearer token-1"))
                .withQueryParam("limit", equalTo("50"))
                .withQueryParam("skip", equalTo("0"))
                .withQueryParam("total", equalTo("true"))
                .withQueryParam("links[groups]", equalTo("true"))
                .withQueryParam("groups[0]", equalTo("7103010551"))
                .withQueryParam("groups[1]", equalTo("7103010622"))
                .withQueryParam("groups[2]", absent())
                .withQueryParam("region[0]", equalTo("city/FI/Kuopio"))
                .withQueryParam("region[1]", equalTo("state/FI/Uusimaa")));
        assertThat(sink.records).extracting(FetchedRecord::kind, FetchedRecord::sourceId)
                .containsExactly(tuple(RecordKind.SERVICE, "2001"));
        assertThat(sink.pagesPlanned).isEqualTo(1);
    }

    /** Keeps what a fetcher hands over; a request test needs nothing stored. */
    private static final class CollectingSink implements ImportSink {

        final List<FetchedRecord> records = new ArrayList<>();
        int pagesPlanned;

        @Override
        public void pagesPlanned(int pages) {
            pagesPlanned += pages;
        }

        @Override
        public void page(List<FetchedRecord> page) {
            records.addAll(page);
        }

        @Override
        public void reject(RecordKind kind, String sourceId, String reason, String location, String payload) {
            throw new AssertionError("unexpected reject: " + reason);
        }

        @Override
        public void stillPresent(RecordKind kind, Collection<String> sourceIds) {
        }

        @Override
        public void unreadablePage(String location, String reason, String body) {
            throw new AssertionError("unexpected unreadable page: " + reason);
        }

        @Override
        public void skipped(int count) {
            throw new AssertionError("unexpected skip of " + count);
        }

        @Override
        public void archived(RecordKind kind, Collection<String> sourceIds) {
            throw new AssertionError("lähellä.fi reports nothing archived");
        }

        @Override
        public Set<String> knownIds(RecordKind kind, Collection<String> sourceIds) {
            throw new AssertionError("lähellä.fi never asks what the catalogue holds");
        }
    }
}
