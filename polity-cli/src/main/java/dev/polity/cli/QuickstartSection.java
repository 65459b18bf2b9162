package dev.polity.cli;

import dev.polity.report.Html;
import dev.polity.report.QuickstartHtml;

/** One section the quickstart adds after the constitution summary: a heading, a Markdown body and an HTML fragment. */
record QuickstartSection(String title, String markdown, String html) {

    /** A section that only says something, in one line. */
    static QuickstartSection note(String title, String line) {
        return new QuickstartSection(title, line + "\n", "<p>" + Html.escape(line) + "</p>");
    }

    String markdownSection() {
        return "\n## " + title + "\n\n" + markdown;
    }

    QuickstartHtml.Section htmlSection() {
        return new QuickstartHtml.Section(title, html);
    }
}
