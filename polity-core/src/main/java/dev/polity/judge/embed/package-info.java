/**
 * Sentence embeddings computed in-process (MiniLM through ONNX Runtime, nothing downloaded) and their file
 * cache under Polity's cache folder. The floor of the judge's rooms: uses only {@code input}.
 */
package dev.polity.judge.embed;
