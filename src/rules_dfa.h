/* SPDX-License-Identifier: MIT */
/*
 * rules_dfa: finds whether a text holds any of a set of literals in the
 * folded alphabet of rules_factor_literals() (ASCII letters folded to
 * lower case, digits, and ' ' standing for any other byte and for the
 * start and the end of the text), with one Aho-Corasick automaton: one table
 * lookup a byte, whatever the number of literals.
 */
#ifndef AC_RULES_DFA_H
#define AC_RULES_DFA_H

#include <stdbool.h>
#include <stddef.h>

struct rules_dfa;

struct rules_dfa *rules_dfa_new(void);
/* Adds LIT (folded alphabet; other bytes count as ' '). */
void rules_dfa_add(struct rules_dfa *d, const char *lit);
/* Builds the automaton; call once, after the last rules_dfa_add(). */
void rules_dfa_build(struct rules_dfa *d);
/* True when TEXT[0..LEN) holds one of the literals.  When false, sets
 * *NONASCII to whether the text has a byte over 0x7F (the scan reads
 * every byte anyway).  Read-only: safe from several threads at once. */
bool rules_dfa_scan(const struct rules_dfa *d, const char *text, size_t len,
                    bool *nonascii);
void rules_dfa_free(struct rules_dfa *d);

#endif
