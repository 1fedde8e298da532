/* Search in the content as a newcomer types it on the kiosk's on-screen keyboard: in their own script,
 * without the accents, tashkeel or vowel order they may not know, or as the Danish word they have seen
 * on a letter ("jobcenter", "sprogskole").
 *
 * Matching is on normalised text only (search_normalize), word by word, each query word a prefix of a
 * word of the page. The index precomputes the normalised text of every sentence once per language, so
 * a query is one scan over that text, not a walk through the pages and catalogs.
 *
 * Ownership: an index copies every string it shows and borrows the tree (results point at its pages):
 * build a new one after a content reload or a catalog reload, and free it before the tree.
 */
#ifndef VK_I18N_SEARCH_H
#define VK_I18N_SEARCH_H

#include <stddef.h>

#include "content/tree.h"
#include "i18n/localize.h"

/* Normalises text for matching, as users expect: Unicode case folding (ICU u_strFoldCase), NFD and
 * Latin diacritics dropped (é->e) EXCEPT that Danish æ ø å become ae oe aa (so "aarhus" finds "Århus"
 * and "Aarhus", "soeg" finds "søg"); Arabic without tashkeel (U+064B-U+065F, U+0670) and tatweel
 * (U+0640), with أ إ آ ٱ -> ا, ة -> ه, ى -> ي, ؤ -> و, ئ -> ي; Persian ی ک -> ي ك as well; Ethiopic
 * syllables folded to their consonant (the first-order form: a fidel syllable matches any vowel order
 * of the same consonant); Cyrillic case-folded (Ukrainian ґ stays distinct from г); bidi controls
 * and isolates (U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), soft hyphens and ZWJ/ZWNJ removed;
 * every run of spaces and punctuation becomes one space; digits kept. Returns a new UTF-8 string
 * (caller frees), NULL only when memory runs out.
 * (Also: decimal digits of every script become ASCII 0-9, so "١٢" finds "12"; symbols count as
 * punctuation; no space at either end; the result is in NFC.) */
char *search_normalize(const char *text);

typedef struct search_index search_index;

/* Builds the index of tree for the reader's language `lang` through its content chain (as the kiosk
 * shows it: i18n_page_localize) AND for the source language (Danish, the chain's source_lang: people
 * often know the Danish word, "jobcenter", "sprogskole"): page titles, summaries, headings,
 * paragraphs, list items and steps, and the glossary (tree->terms: the Danish term and its
 * explanation in the reader's language, which lead to the pages that use the term). NULL when memory
 * runs out. */
search_index *search_index_build(const content_tree *tree, const i18n_content_chain *chain, int lang);
void search_index_free(search_index *ix);

typedef struct search_result {
    const content_page *page;  /* the page to open */
    const char *sentence;      /* the sentence that matched, as shown (not normalised), owned by the index */
    int sentence_lang;         /* the language that sentence is in (for its font and direction) */
    int score;                 /* higher is better */
} search_result;

/* Pages matching query (each of its words must occur in the page, as a prefix of a word: "sprog"
 * finds "sprogskole"; all matching is on normalised text), best first: a match in the title beats one
 * in the text, more words matched in one sentence beat fewer, the reader's language beats Danish on a
 * tie; one result per page, with its best sentence (split with ICU's sentence break iterator, ubrk
 * UBRK_SENTENCE, in that text's language). Returns how many were written to out (at most max). An
 * empty or all-punctuation query gives 0. */
size_t search_query(const search_index *ix, const char *query, search_result *out, size_t max);

#endif
