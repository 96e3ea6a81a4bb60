/* SPDX-License-Identifier: MIT */
/*
 * rules_factor: a piece of a PCRE2 pattern that every match contains.
 * For a concatenation it is the run of consecutive mandatory, bounded
 * atoms with the most literal letters (lookarounds, anchors and unbounded
 * repeats end a run), or the factor of one of its groups; for an
 * alternation, the alternation of its branches' factors.  The piece is
 * copied verbatim, so wherever the pattern matches a text, the piece
 * matches the same text (compiled with the same options).  This is what
 * makes the rules' prefilter exact (rules.c).
 */
#ifndef AC_RULES_FACTOR_H
#define AC_RULES_FACTOR_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Returns the factor of PATTERN (the caller frees it) and sets *SCORE to
 * the fewest literal letters and digits any match of it holds; returns
 * NULL when the pattern holds syntax it does not read (back-references,
 * recursion, verbs, option settings such as "(?x)") or no literal at all.
 */
char *rules_factor(const char *pattern, int *score);

/*
 * Splits what every match of PATTERN holds into *LITS, strings in a
 * folded alphabet (ASCII letters in lower case, digits, and ' ' for any
 * character that is not an ASCII letter or digit: a space, a '-', any
 * non-ASCII byte; a leading ' ' also stands for the start of the text,
 * a trailing one for its end),
 * and *RESIDUE, patterns for the branches that hold no such literal
 * (words in other scripts): every match contains one of the literals or
 * matches one of the residue patterns.  Returns false, with nothing set,
 * when PATTERN holds syntax rules_factor() does not read.  The caller frees
 * each string and both arrays.
 */
bool rules_factor_literals(const char *pattern, char ***lits, size_t *len,
                           char ***residue, size_t *nres);

/* True when every match of PATTERN holds a non-ASCII character (so a
 * text of ASCII bytes only needs no look). */
bool rules_factor_needs_nonascii(const char *pattern);

#endif
