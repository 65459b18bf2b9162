/**
 * Reports: what the other rooms computed, drawn for people (HTML) and for machines (JSON, JUnit XML,
 * Markdown). One kit serves every HTML report: {@link dev.polity.report.Html} (the escaper, the page shell and
 * stylesheet, tables), an SVG canvas that writes ASCII numbers and escapes every text, and one set of charts
 * (bars, grouped bars, heat map, scatter, line). Pages are self-contained, well-formed XML and byte-stable in any
 * locale. Uses eval, choice, deliberation, judge.check and norms types; nothing uses report but the CLI.
 */
package dev.polity.report;
