package tarjotin.bench.duke;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import no.priv.garshol.duke.Cleaner;
import no.priv.garshol.duke.Comparator;
import no.priv.garshol.duke.ConfigurationImpl;
import no.priv.garshol.duke.Processor;
import no.priv.garshol.duke.Property;
import no.priv.garshol.duke.PropertyImpl;
import no.priv.garshol.duke.Record;
import no.priv.garshol.duke.RecordImpl;
import no.priv.garshol.duke.cleaners.ChainedCleaner;
import no.priv.garshol.duke.cleaners.DigitsOnlyCleaner;
import no.priv.garshol.duke.cleaners.LowerCaseNormalizeCleaner;
import no.priv.garshol.duke.comparators.DiceCoefficientComparator;
import no.priv.garshol.duke.comparators.ExactComparator;
import no.priv.garshol.duke.comparators.Levenshtein;
import no.priv.garshol.duke.databases.LuceneDatabase;
import no.priv.garshol.duke.matchers.AbstractMatchListener;

/**
 * The Duke 1.2 baseline of the deduplication benchmark: reads a labelled-records CSV
 * ({@code id,name,street,postal_code,city,phone,email,website,business_id,...}), deduplicates it with Duke
 * (in-memory Lucene index, naive-Bayes combination of per-property probabilities) and writes
 * {@code record_id,entity_id,score,decided_by}: the entity is the connected component of Duke's matches
 * (union-find), the score a record's best match confidence (0 when it matched nothing).
 *
 * <pre>java -jar duke-dedupe.jar --input X.csv --output Y.csv [--threshold 0.99] [--max-search-hits 25] [--threads 2]</pre>
 */
public final class DukeDedupe {

  /** Duke property: CSV column, cleaner, comparator, low and high probability, whether it is searched for candidates. */
  private record Prop(String name, String column, Cleaner cleaner, Comparator comparator, double low, double high,
                      boolean lookup) {}

  private static final Pattern LEGAL_FORM = Pattern.compile(
      "\\b(r ?y|r ?f|ry|rf|sr|oy|ab|ltd|osk|oyj)\\b");
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{Nd}]+");

  private DukeDedupe() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = options(args);
    Path input = Path.of(require(opt, "input"));
    Path output = Path.of(require(opt, "output"));
    double threshold = Double.parseDouble(opt.getOrDefault("threshold", "0.99"));
    int maxHits = Integer.parseInt(opt.getOrDefault("max-search-hits", "25"));
    int threads = Integer.parseInt(opt.getOrDefault("threads", "2"));

    List<Prop> props = properties();
    long start = System.nanoTime();
    List<Record> records = read(input, props);
    long read = System.nanoTime();

    ConfigurationImpl config = new ConfigurationImpl();
    List<Property> dukeProps = new ArrayList<>();
    dukeProps.add(new PropertyImpl("ID"));
    for (Prop p : props) {
      // -Dduke.NAME=0.09,0.93 overrides a property's low and high probability (for tuning)
      String[] lh = System.getProperty("duke." + p.name(), p.low() + "," + p.high()).split(",");
      PropertyImpl dp = new PropertyImpl(p.name(), p.comparator(), Double.parseDouble(lh[0]), Double.parseDouble(lh[1]));
      dp.setLookupBehaviour(p.lookup() ? Property.Lookup.TRUE : Property.Lookup.FALSE);
      dukeProps.add(dp);
    }
    config.setProperties(dukeProps);
    config.setThreshold(threshold);
    LuceneDatabase database = new LuceneDatabase();   // no path: a RAMDirectory
    database.setConfiguration(config);
    database.setOverwrite(true);
    database.setMaxSearchHits(maxHits);
    config.setDatabase(database);

    Clusters clusters = new Clusters();
    Processor processor = new Processor(config, database);
    processor.setThreads(threads);
    processor.addMatchListener(clusters);
    processor.deduplicate(records);
    processor.close();
    long matched = System.nanoTime();

    write(output, records, clusters);
    long end = System.nanoTime();
    System.err.printf(Locale.ROOT, "duke: %d records, %d matched pairs, read %.2f s, dedupe %.2f s, write %.2f s,"
            + " total %.2f s (threshold %.2f, max-search-hits %d, threads %d)%n", records.size(), clusters.pairs,
        (read - start) / 1e9, (matched - read) / 1e9, (end - matched) / 1e9, (end - start) / 1e9, threshold, maxHits,
        threads);
  }

  /** The Duke configuration: what each property is cleaned to and how much an agreement or a disagreement says. */
  static List<Prop> properties() {
    LowerCaseNormalizeCleaner lower = new LowerCaseNormalizeCleaner();   // lower case, accents stripped (ä -> a)
    Cleaner name = new ChainedCleaner(new Cleaner[] {lower, v -> squash(LEGAL_FORM.matcher(
        NON_WORD.matcher(v.replace("r.y.", "ry").replace("r.f.", "rf")).replaceAll(" ")).replaceAll(" "))});
    Cleaner text = new ChainedCleaner(new Cleaner[] {lower, v -> squash(NON_WORD.matcher(v).replaceAll(" "))});
    Cleaner digits = new DigitsOnlyCleaner();
    Cleaner phone = new ChainedCleaner(new Cleaner[] {digits, DukeDedupe::phone});
    Cleaner email = v -> v.trim().toLowerCase(Locale.ROOT);
    Cleaner website = DukeDedupe::host;
    Cleaner postal = digits;
    return List.of(
        new Prop("NAME", "name", name, nameComparator(), 0.09, 0.93, true),
        new Prop("STREET", "street", text, new Levenshtein(), 0.35, 0.65, false),
        new Prop("POSTAL", "postal_code", postal, new ExactComparator(), 0.40, 0.60, false),
        new Prop("CITY", "city", text, new ExactComparator(), 0.30, 0.60, false),
        new Prop("PHONE", "phone", phone, new ExactComparator(), 0.35, 0.85, true),
        new Prop("EMAIL", "email", email, new ExactComparator(), 0.40, 0.85, true),
        new Prop("WEBSITE", "website", website, new ExactComparator(), 0.45, 0.70, false),
        new Prop("BUSINESS_ID", "business_id", digits, new ExactComparator(), 0.10, 0.95, true));
  }

  /** Names are compared token by token (Dice coefficient), tokens by Levenshtein so that a typo still counts:
   * "Oulun Diabetesyhdistys" and "Kuopion Diabetesyhdistys" share only half their tokens. -Dduke.nameComparator=
   * levenshtein compares whole strings instead. */
  static Comparator nameComparator() {
    if ("levenshtein".equals(System.getProperty("duke.nameComparator"))) {
      return new Levenshtein();
    }
    DiceCoefficientComparator dice = new DiceCoefficientComparator();
    dice.setComparator(new Levenshtein());
    return dice;
  }

  static String squash(String v) {
    return v.trim().replaceAll("\\s+", " ");
  }

  /** Digits of a phone number in international form, Finland assumed: 017 123 -> 35817123, 00358 -> 358. */
  static String phone(String digits) {
    if (digits.startsWith("00")) {
      digits = digits.substring(2);
    } else if (digits.startsWith("0")) {
      digits = "358" + digits.substring(1);
    }
    if (digits.startsWith("3580")) {
      digits = "358" + digits.substring(4);    // +358 (0)17 ...
    }
    return digits;
  }

  /** A website's host without www: HTTPS://WWW.Example.fi/path/ -> example.fi. */
  static String host(String url) {
    String v = url.trim().toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://", "").replaceFirst("^www\\.", "");
    int slash = v.indexOf('/');
    return slash < 0 ? v : v.substring(0, slash);
  }

  // ---- records in, clusters out ----

  static List<Record> read(Path input, List<Prop> props) throws IOException {
    List<Record> records = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
      List<String> header = Csv.row(in);
      if (header == null) {
        throw new IllegalArgumentException(input + ": empty file");
      }
      if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
        header.set(0, header.get(0).substring(1));
      }
      int id = header.indexOf("id");
      if (id < 0) {
        throw new IllegalArgumentException(input + ": no id column (header " + header + ")");
      }
      int[] cols = new int[props.size()];
      for (int i = 0; i < cols.length; i++) {
        cols[i] = header.indexOf(props.get(i).column());
      }
      List<String> row;
      while ((row = Csv.row(in)) != null) {
        if (row.size() == 1 && row.get(0).isEmpty()) {
          continue;
        }
        Map<String, Collection<String>> values = new HashMap<>();
        values.put("ID", List.of(row.get(id)));
        for (int i = 0; i < cols.length; i++) {
          if (cols[i] < 0 || cols[i] >= row.size() || row.get(cols[i]).isBlank()) {
            continue;
          }
          String v = props.get(i).cleaner().clean(row.get(cols[i]));
          if (v != null && !v.isEmpty()) {
            values.put(props.get(i).name(), List.of(v));
          }
        }
        records.add(new RecordImpl(values));
      }
    }
    return records;
  }

  static void write(Path output, List<Record> records, Clusters clusters) throws IOException {
    Map<String, String> entity = new HashMap<>();
    try (Writer out = new BufferedWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
      out.write("record_id,entity_id,score,decided_by\n");
      for (Record r : records) {
        String id = r.getValue("ID");
        String root = clusters.find(id);
        String e = entity.computeIfAbsent(root, k -> "D" + (entity.size() + 1));
        double score = clusters.best.getOrDefault(id, 0.0);
        out.write(Csv.field(id) + "," + e + "," + String.format(Locale.ROOT, "%.4f", score) + ",duke\n");
      }
    }
  }

  /** Union-find over Duke's matches; also keeps each record's best match confidence. */
  static final class Clusters extends AbstractMatchListener {
    final Map<String, String> parent = new HashMap<>();
    final Map<String, Double> best = new HashMap<>();
    long pairs;

    @Override
    public synchronized void matches(Record r1, Record r2, double confidence) {
      String a = r1.getValue("ID");
      String b = r2.getValue("ID");
      pairs++;
      best.merge(a, confidence, Math::max);
      best.merge(b, confidence, Math::max);
      String ra = find(a);
      String rb = find(b);
      if (!ra.equals(rb)) {
        parent.put(ra, rb);
      }
    }

    synchronized String find(String x) {
      String root = x;
      String p;
      while ((p = parent.get(root)) != null) {
        root = p;
      }
      while (!x.equals(root)) {          // path compression
        String next = parent.get(x);
        parent.put(x, root);
        x = next;
      }
      return root;
    }
  }

  /** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
  static final class Csv {
    static List<String> row(Reader in) throws IOException {
      List<String> fields = new ArrayList<>();
      StringBuilder f = new StringBuilder();
      boolean quoted = false;
      boolean any = false;
      int c;
      while ((c = in.read()) != -1) {
        any = true;
        if (quoted) {
          if (c == '"') {
            in.mark(1);
            int d = in.read();
            if (d == '"') {
              f.append('"');
            } else {
              quoted = false;
              if (d != -1) {
                in.reset();
              }
            }
          } else {
            f.append((char) c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          fields.add(f.toString());
          f.setLength(0);
        } else if (c == '\n') {
          break;
        } else if (c != '\r') {
          f.append((char) c);
        }
      }
      if (!any) {
        return null;
      }
      fields.add(f.toString());
      return fields;
    }

    static String field(String v) {
      if (v.contains(",") || v.contains("\"") || v.contains("\n")) {
        return '"' + v.replace("\"", "\"\"") + '"';
      }
      return v;
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opt = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        usage("unexpected argument " + args[i]);
      }
      opt.put(args[i].substring(2), args[++i]);
    }
    return opt;
  }

  private static String require(Map<String, String> opt, String key) {
    String v = opt.get(key);
    if (v == null) {
      usage("missing --" + key);
    }
    return v;
  }

  private static void usage(String why) {
    System.err.println("DukeDedupe: " + why);
    System.err.println("usage: java -jar duke-dedupe.jar --input X.csv --output Y.csv [--threshold 0.99]"
        + " [--max-search-hits 25] [--threads 2]");
    System.exit(2);
  }
}
