package dev.polity.cli;

/** One section the quickstart adds after the constitution summary: a heading, a Markdown body and an HTML fragment. */
record QuickstartSection(String title, String markdown, String html) {

    /** A section that only says something, in one line. */
    static QuickstartSection note(String title, String line) {
        return new QuickstartSection(title, line + "\n", "<p>" + Summary.esc(line) + "</p>");
    }

    String markdownSection() {
        return "\n## " + title + "\n\n" + markdown;
    }

    String htmlSection() {
        return "<h2>" + Summary.esc(title) + "</h2>" + html;
    }
}
