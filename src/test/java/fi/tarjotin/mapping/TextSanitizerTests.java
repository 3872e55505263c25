package fi.tarjotin.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextSanitizerTests {

    private final TextSanitizer sanitizer = new TextSanitizer();

    @Test
    void removesScriptsEventHandlersAndJavascriptLinks() {
        String html = "<p onclick=\"steal()\">Hei <b>kaikki</b></p><script>alert(1)</script>"
                + "<a href=\"javascript:alert(1)\">x</a><a href=\"https://example.fi\">y</a><img src=x onerror=alert(1)>";

        assertThat(sanitizer.toSafeHtml(html)).isEqualTo("<p>Hei <b>kaikki</b></p><a rel=\"nofollow noopener\">x</a>"
                + "<a href=\"https://example.fi\" rel=\"nofollow noopener\">y</a>");
    }

    @Test
    void turnsPtvPlainTextIntoParagraphsAndLists() {
        String text = "Ryhmä kokoontuu joka viikko, hinta < 5 € & kahvi.\nTervetuloa!\n\n- maanantaisin\n- torstaisin";

        assertThat(sanitizer.toSafeHtml(text)).isEqualTo(
                "<p>Ryhmä kokoontuu joka viikko, hinta &lt; 5 € &amp; kahvi.<br>Tervetuloa!</p><ul><li>maanantaisin</li><li>torstaisin</li></ul>");
        assertThat(sanitizer.toPlainText(text)).isEqualTo(text);
    }

    @Test
    void plainTextOfHtmlKeepsParagraphsAndBullets() {
        assertThat(sanitizer.toPlainText("<p>Yksi</p><p>Kaksi &amp; kolme</p><ul><li>a</li><li>b</li></ul>"))
                .isEqualTo("Yksi\n\nKaksi & kolme\n\n- a\n\n- b");
    }

    @Test
    void entitiesInPlainTextAreDecodedOnceAndMarkupInThemStaysText() {
        assertThat(sanitizer.toSafeHtml("A &#8211; B &lt;b&gt;")).isEqualTo("<p>A – B &lt;b&gt;</p>");
        assertThat(sanitizer.toPlainText("A &#8211; B &lt;b&gt;")).isEqualTo("A – B <b>");
    }

    @Test
    void blankTextsBecomeNothing() {
        assertThat(sanitizer.toSafeHtml("  ")).isNull();
        assertThat(sanitizer.toPlainText("")).isNull();
        assertThat(sanitizer.toSafeHtml("<script>only()</script>")).isNull();
    }
}
