/**
 * Reading an answer as text, in the users' languages: language identification and sentence splitting
 * (Apache OpenNLP), an answer's parts (a refusal and what follows its "but"), and matching a
 * constitution's {@link dev.polity.norms.Lexicon lexicons}. Uses {@code norms} only; the norm judge in
 * {@code judge} and its features in {@code judge.learn} read what this room finds.
 */
package dev.polity.judge.text;
