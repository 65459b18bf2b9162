/**
 * The judge checked against human labels on real data (XSTest refusals, POPQUORN offensiveness): the
 * figures the quickstart and {@code polity judge check} report. Uses the other judge rooms, {@code input},
 * {@code stats}; reads the data sets from {@code POLITY_DATA} or {@code ../shared/data}.
 */
package dev.polity.judge.check;
