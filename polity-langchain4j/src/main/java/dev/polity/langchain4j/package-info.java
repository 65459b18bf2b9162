/**
 * LangChain4j input and output guardrails ({@code dev.langchain4j.guardrail}) backed by polity-core's
 * {@code dev.polity.guard}: a Java application built on an AI service gets the gateway's decisions
 * in-process. No rules here: every decision is the guard's.
 */
package dev.polity.langchain4j;
