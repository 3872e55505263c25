package fi.tarjotin.search;

import fi.tarjotin.language.Morphology;
import fi.tarjotin.language.Word;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Full-text search of services in the process, with Lucene over lemmas: every word of a text is indexed
 * as its lemmas and compound parts ({@link Morphology}), and a query word matches a text word with one of
 * its lemmas, so {@code lapsi} finds {@code lasten} and {@code lapsiperheet}, {@code vesi} finds
 * {@code veden}. Where a word has no lemma (the stemming fallback, Swedish, English, unknown words) its
 * stem is indexed and matched as a prefix, as the read model's PostgreSQL search did. Every query word
 * must match (in any language and field); ranking is BM25 with names weighing most, then equal scores by
 * name. Thread-safe: updates go through one writer, searches see the last {@link #refresh()}.
 *
 * @param <I> the documents' ids as the caller uses them: parsed once per index snapshot, not per hit
 */
public final class TextIndex<I> implements AutoCloseable {

    /** Field boosts by weight: names, keywords, summaries, descriptions. */
    static final Map<String, Float> BOOSTS = Map.of("A", 4f, "B", 2f, "C", 1.5f, "D", 1f);
    /** The weights in one order, so a query's clauses (and float sums of its scores) are the same every run. */
    private static final List<String> WEIGHTS = List.of("A", "B", "C", "D");
    static final List<String> LANGUAGES = List.of("fi", "sv", "en");
    /** Field names by weight and language: {@code A_fi} … */
    private static final String[][] FIELDS = fields();
    /** Query words whose built queries are kept; past it the cache starts again (a search box's words repeat). */
    private static final int WORD_QUERY_CACHE_LIMIT = 50_000;
    private static final String ID = "id";
    private static final String SORT_NAME = "sort_name";
    /** Stems shorter than this match whole words only, never as a prefix (as in the PostgreSQL search). */
    private static final int MIN_PREFIX = 3;
    /** Words this long also match by their first letters less two (stemming fallback only). */
    private static final int GRADATION_PREFIX_FROM = 8;
    private static final Map<String, CharArraySet> STOP_WORDS = Map.of("fi", FinnishAnalyzer.getDefaultStopSet(),
            "sv", SwedishAnalyzer.getDefaultStopSet(), "en", EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);

    private final Morphology morphology;
    private final Function<String, I> ids;
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** Built queries by query word; empty for a word that is a stop word everywhere. */
    private final Map<String, Optional<Query>> wordQueries = new ConcurrentHashMap<>();

    /** An index whose search results are the documents' ids as {@code ids} turns them into the caller's type. */
    public TextIndex(Morphology morphology, Function<String, I> ids) {
        this.morphology = morphology;
        this.ids = ids;
        try {
            // The texts arrive analysed (space-separated terms): the analyser only splits them.
            this.writer = new IndexWriter(directory, new IndexWriterConfig(new WhitespaceAnalyzer()));
            this.writer.commit();
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds or replaces documents; visible to searches after {@link #refresh()}. */
    public void put(Collection<SearchDocument> documents) {
        try {
            for (SearchDocument document : documents) {
                writer.updateDocument(new Term(ID, document.id()), luceneDocument(document));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void remove(Collection<String> ids) {
        try {
            for (String id : ids) {
                writer.deleteDocuments(new Term(ID, id));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void clear() {
        try {
            writer.deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes every change so far visible to searches. */
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ids of the documents matching every word, most relevant first; no word (or only stop words) finds nothing. */
    public List<I> search(List<String> words) {
        Query query = query(words);
        if (query == null) {
            return List.of();
        }
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                DocumentOrder<I> order = order(searcher.getIndexReader());
                // Every match with its score, then one primitive sort: a common word matches thousands of
                // services, and a field-sorting collector plus a stored-field read per hit cost most of the time.
                Ranking ranking = new Ranking(order.rankByDoc);
                searcher.search(query, ranking);
                long[] hits = Arrays.copyOf(ranking.hits, ranking.size);
                Arrays.sort(hits);
                List<I> found = new ArrayList<>(hits.length);
                for (long hit : hits) {
                    found.add(order.idByRank.get((int) (hit & 0xffffffffL)));
                }
                return found;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Collects every match as one sortable long: inverted score bits above, the document's name rank below. */
    private static final class Ranking extends SimpleCollector {

        private final int[] rankByDoc;
        private long[] hits = new long[256];
        private int size;
        private Scorable scorer;
        private int docBase;

        Ranking(int[] rankByDoc) {
            this.rankByDoc = rankByDoc;
        }

        @Override
        public void setScorer(Scorable scorer) {
            this.scorer = scorer;
        }

        @Override
        protected void doSetNextReader(LeafReaderContext context) {
            docBase = context.docBase;
        }

        @Override
        public void collect(int doc) throws IOException {
            if (size == hits.length) {
                hits = Arrays.copyOf(hits, size * 2);
            }
            // Scores are positive, so their float bits order like the scores; inverted, higher sorts first.
            long inverted = Integer.MAX_VALUE - (long) Float.floatToIntBits(scorer.score());
            hits[size++] = (inverted << 32) | rankByDoc[docBase + doc];
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE;
        }
    }

    /** Per index snapshot: each document's rank in name order (ties by id), and the id at each rank. */
    private record DocumentOrder<I>(IndexReader reader, int[] rankByDoc, List<I> idByRank) {
    }

    private volatile DocumentOrder<I> documentOrder;

    private DocumentOrder<I> order(IndexReader reader) throws IOException {
        DocumentOrder<I> cached = documentOrder;
        if (cached != null && cached.reader() == reader) {
            return cached;
        }
        int maxDoc = reader.maxDoc();
        String[] names = new String[maxDoc];
        String[] ids = new String[maxDoc];
        for (LeafReaderContext leaf : reader.leaves()) {
            SortedDocValues idValues = DocValues.getSorted(leaf.reader(), ID);
            SortedDocValues nameValues = DocValues.getSorted(leaf.reader(), SORT_NAME);
            for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                int global = leaf.docBase + doc;
                ids[global] = idValues.advanceExact(doc) ? idValues.lookupOrd(idValues.ordValue()).utf8ToString() : "";
                names[global] = nameValues.advanceExact(doc) ? nameValues.lookupOrd(nameValues.ordValue()).utf8ToString() : "";
            }
        }
        Integer[] docs = new Integer[maxDoc];
        for (int doc = 0; doc < maxDoc; doc++) {
            docs[doc] = doc;
        }
        Arrays.sort(docs, Comparator.<Integer, String>comparing(doc -> names[doc]).thenComparing(doc -> ids[doc]));
        int[] rankByDoc = new int[maxDoc];
        List<I> idByRank = new ArrayList<>(maxDoc);
        for (int rank = 0; rank < maxDoc; rank++) {
            rankByDoc[docs[rank]] = rank;
            idByRank.add(this.ids.apply(ids[docs[rank]]));
        }
        DocumentOrder<I> order = new DocumentOrder<>(reader, rankByDoc, idByRank);
        documentOrder = order;
        return order;
    }

    public int size() {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Document luceneDocument(SearchDocument source) {
        Document document = new Document();
        document.add(new StringField(ID, source.id(), Field.Store.NO));
        document.add(new SortedDocValuesField(ID, new BytesRef(source.id())));
        document.add(new SortedDocValuesField(SORT_NAME, new BytesRef(source.sortName())));
        source.texts().forEach((weight, byLanguage) -> byLanguage.forEach((language, text) -> {
            if (text != null && !text.isBlank() && LANGUAGES.contains(language)) {
                document.add(new TextField(weight + "_" + language, terms(text, language), Field.Store.NO));
            }
        }));
        return document;
    }

    /** A text as the terms it is indexed by: each word's lemmas and compound parts, or its stem. */
    String terms(String text, String language) {
        StringBuilder terms = new StringBuilder();
        for (String token : Morphology.tokens(text)) {
            for (String term : wordTerms(token, language)) {
                terms.append(term).append(' ');
            }
        }
        return terms.toString();
    }

    private Set<String> wordTerms(String token, String language) {
        Set<String> terms = new LinkedHashSet<>();
        if ("en".equals(language)) {
            terms.add(englishStem(token));
            return terms;
        }
        Word word = morphology.analyse(token, language);
        terms.addAll(word.parts());
        terms.addAll(word.lemmas());
        return terms;
    }

    private Query query(List<String> words) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        int clauses = 0;
        for (String raw : words) {
            Query any = wordQuery(raw.toLowerCase(Locale.ROOT));
            if (any != null) {
                all.add(any, Occur.MUST);
                clauses++;
            }
        }
        return clauses == 0 ? null : all.build();
    }

    /**
     * One query word as a disjunction over every field and language, or null when it is a stop word in every
     * language. Built once per word (queries are immutable and independent of the index snapshot): the
     * morphology and the clause building are most of a search's own work once Lucene has the postings.
     */
    private Query wordQuery(String word) {
        Optional<Query> known = wordQueries.get(word);
        if (known != null) {
            return known.orElse(null);
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        int alternatives = 0;
        for (int language = 0; language < LANGUAGES.size(); language++) {
            if (STOP_WORDS.get(LANGUAGES.get(language)).contains(word)) {
                continue;
            }
            for (Alternative alternative : alternatives(word, LANGUAGES.get(language))) {
                for (int weight = 0; weight < WEIGHTS.size(); weight++) {
                    Term term = new Term(FIELDS[weight][language], alternative.text());
                    Query match = alternative.prefix() ? new PrefixQuery(term) : new TermQuery(term);
                    any.add(new BoostQuery(match, BOOSTS.get(WEIGHTS.get(weight))), Occur.SHOULD);
                    alternatives++;
                }
            }
        }
        Optional<Query> built = alternatives > 0 ? Optional.of(any.build()) : Optional.empty();
        if (wordQueries.size() >= WORD_QUERY_CACHE_LIMIT) {
            wordQueries.clear();
        }
        wordQueries.put(word, built);
        return built.orElse(null);
    }

    /** A form one query word is looked for as: a whole term, or a prefix of terms. */
    private record Alternative(BytesRef text, boolean prefix) {
    }

    /**
     * How one query word is looked for in one language: its lemmas as terms where the morphology knows it,
     * else its stem as a term and, from three letters, as a prefix.
     */
    private List<Alternative> alternatives(String word, String language) {
        List<Alternative> alternatives = new ArrayList<>();
        if ("en".equals(language)) {
            prefixOrTerm(englishStem(word), alternatives);
            return alternatives;
        }
        Word analysed = morphology.analyse(word, language);
        if (!analysed.parts().isEmpty()) {
            for (String lemma : analysed.lemmas()) {
                alternatives.add(new Alternative(new BytesRef(lemma), false));
            }
            return alternatives;
        }
        for (String stem : analysed.lemmas()) {
            prefixOrTerm(stem, alternatives);
        }
        // As the PostgreSQL search did: a long word also by its first letters less two, which catches
        // consonant gradation the stemmer misses (muistisairaus → muistisairauksien).
        if (word.length() >= GRADATION_PREFIX_FROM) {
            alternatives.add(new Alternative(new BytesRef(word.substring(0, word.length() - 2)), true));
        }
        return alternatives;
    }

    private static void prefixOrTerm(String stem, List<Alternative> alternatives) {
        alternatives.add(new Alternative(new BytesRef(stem), stem.length() >= MIN_PREFIX));
    }

    private static String[][] fields() {
        String[][] fields = new String[WEIGHTS.size()][LANGUAGES.size()];
        for (int weight = 0; weight < WEIGHTS.size(); weight++) {
            for (int language = 0; language < LANGUAGES.size(); language++) {
                fields[weight][language] = WEIGHTS.get(weight) + "_" + LANGUAGES.get(language);
            }
        }
        return fields;
    }

    /** English words are matched by a light stem: plural and possessive endings off. */
    private static String englishStem(String word) {
        String stem = word.toLowerCase(Locale.ROOT);
        if (stem.endsWith("'s")) {
            stem = stem.substring(0, stem.length() - 2);
        }
        if (stem.length() > 4 && stem.endsWith("ies")) {
            return stem.substring(0, stem.length() - 3) + "y";
        }
        if (stem.length() > 3 && stem.endsWith("s") && !stem.endsWith("ss")) {
            return stem.substring(0, stem.length() - 1);
        }
        return stem;
    }
}
