package dev.polity.report;

import java.util.List;

/**
 * What every HTML report shares: the one escaper, the page shell with its stylesheet, and tables. Pages are
 * HTML5 written as well-formed XML (void elements closed, attributes quoted, only numeric character references),
 * self-contained: inline CSS and SVG, no scripts, nothing fetched.
 */
public final class Html {
    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:2em auto;padding:0 1em;max-width:1200px;color:#222;line-height:1.4}"
            + "h2{margin-top:1.8em;border-bottom:1px solid #ddd;padding-bottom:.2em}h3{margin-top:1.4em}"
            + "table{border-collapse:collapse;margin:1em 0}"
            + "td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px;text-align:left;vertical-align:top}"
            + "th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}"
            + "svg.chart{display:block;margin:1em 0;max-width:100%;height:auto}td svg.chart{margin:0}"
            + "pre{white-space:pre-wrap;margin:0;font-size:12px}"
            + ".pass{color:#17692c;font-weight:bold}.fail{color:#b00020;font-weight:bold}.warn{color:#a40}.note{font-size:12px;color:#666}"
            + ".must{background:#2e7d32;color:#fff}.must_not{background:#c62828;color:#fff}.should{background:#a5d6a7}"
            + ".should_not{background:#ef9a9a}.may{background:#bbdefb}.gap{background:#ffb300}.none{background:#fafafa;color:#999}"
            + ".legend span{padding:.2rem .5rem;margin-right:.3rem}";

    private Html() {
    }

    /**
     * Text for an HTML (or XML) element or quoted attribute: escapes {@code & < > " '}; control characters
     * other than tab and line breaks become spaces and unpaired surrogates U+FFFD, as XML cannot carry them.
     */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                case '\t', '\n', '\r' -> sb.append(c);
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        sb.append(c < 0x20 ? ' ' : '\uFFFD');
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** The page around a report's body: {@code title} names it in the browser; the body brings its own headings. */
    public static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/><title>" + escape(title) + "</title>\n<style>"
                + STYLE + "</style></head><body>\n" + body + "\n</body></html>\n";
    }

    /** A table of text cells (all escaped), or a line saying nothing was measured when there are no rows. */
    static String table(List<String> head, List<List<String>> rows) {
        if (rows.isEmpty()) {
            return "<p>Nothing measured.</p>\n";
        }
        StringBuilder sb = new StringBuilder("<table><tr>");
        head.forEach(h -> sb.append("<th>").append(escape(h)).append("</th>"));
        sb.append("</tr>\n");
        for (List<String> r : rows) {
            sb.append("<tr>");
            r.forEach(c -> sb.append("<td>").append(escape(c)).append("</td>"));
            sb.append("</tr>\n");
        }
        return sb.append("</table>\n").toString();
    }
}
