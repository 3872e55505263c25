package fi.tarjotin.mapping;

import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.safety.Safelist;
import org.springframework.stereotype.Component;

/**
 * Makes source texts safe to show: HTML is cut down to a small safe subset, plain text (as PTV sends it,
 * with blank lines between paragraphs and "- " bullet lines) becomes the same subset, and every text also
 * has a plain-text variant for search and for systems that cannot show HTML.
 */
@Component
public class TextSanitizer {

    private static final Pattern LOOKS_LIKE_HTML = Pattern.compile("<\\s*/?\\s*[a-zA-Z][^>]*>");
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n\\s*\\n");
    private static final Safelist SAFE_SUBSET = new Safelist()
            .addTags("p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "a")
            .addAttributes("a", "href")
            .addProtocols("a", "href", "https", "http", "mailto", "tel")
            .addEnforcedAttribute("a", "rel", "nofollow noopener");
    private static final Document.OutputSettings COMPACT = new Document.OutputSettings().prettyPrint(false);

    /** Safe HTML for a source text, whether the source sent HTML or plain text; null for a blank text. */
    public String toSafeHtml(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        // Plain text may still carry entities ("A &#8211; B"): decoded first, as toPlainText does, so the
        // escaping below does not turn them into visible "&amp;#8211;".
        String html = LOOKS_LIKE_HTML.matcher(text).find() ? text
                : plainTextToHtml(Parser.unescapeEntities(text, false));
        String clean = Jsoup.clean(html, "", SAFE_SUBSET, COMPACT).strip();
        return clean.isEmpty() ? null : clean;
    }

    /** The text without any markup, paragraphs separated by blank lines; null for a blank text. */
    public String toPlainText(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (!LOOKS_LIKE_HTML.matcher(text).find()) {
            String plain = Parser.unescapeEntities(text, false).replace("\r\n", "\n").strip();
            return plain.isEmpty() ? null : plain;
        }
        Document document = Jsoup.parseBodyFragment(text);
        document.select("br").after("\\n");
        document.select("p, li, div, h1, h2, h3, h4, h5, h6").forEach(block -> block.appendText("\\n\\n"));
        document.select("li").forEach(item -> item.prependText("- "));
        String plain = document.body().text().replace("\\n\\n", "\n\n").replace("\\n", "\n")
                .replaceAll(" *\n *", "\n").replaceAll("\n{3,}", "\n\n").strip();
        return plain.isEmpty() ? null : plain;
    }

    private static String plainTextToHtml(String text) {
        Document html = Document.createShell("");
        html.outputSettings().prettyPrint(false);
        for (String paragraph : PARAGRAPH_BREAK.split(text.replace("\r\n", "\n").strip())) {
            List<String> lines = paragraph.strip().lines().map(String::strip).toList();
            boolean bulletList = lines.stream().allMatch(line -> line.startsWith("- ") || line.startsWith("* "));
            if (bulletList) {
                Element list = html.body().appendElement("ul");
                lines.forEach(line -> list.appendElement("li").text(line.substring(2).strip()));
            } else {
                Element p = html.body().appendElement("p");
                for (int i = 0; i < lines.size(); i++) {
                    if (i > 0) {
                        p.appendElement("br");
                    }
                    p.appendText(lines.get(i));
                }
            }
        }
        return html.body().html();
    }
}
