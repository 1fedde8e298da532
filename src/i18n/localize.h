/* The localized page: a source page from content/ seen through a language's catalogs. Each string is
 * taken from the first catalog of the language's chain that translates it (ti -> en -> da), and each
 * remembers which language it came from, so the kiosk lays it out in that language's fonts and
 * direction and says when part of a page is not in the reader's language: a fallback is marked, never
 * silently mixed.
 */
#ifndef VK_I18N_LOCALIZE_H
#define VK_I18N_LOCALIZE_H

#include <stdbool.h>
#include <stddef.h>

#include "content/page.h"
#include "i18n/catalog.h"

/* A language's content catalogs: chain[i] translates into language chain_lang[i]; strings no catalog
 * translates stay in source_lang (the language content/ is written in). Plain data, borrowed. */
typedef struct i18n_content_chain {
    i18n_tr tr;
    int chain_lang[I18N_CHAIN_MAX];
    int source_lang;
} i18n_content_chain;

/* A plain string (a title, a summary) in the first language of the chain that has it. *lang receives
 * that language. Never NULL for a non-NULL source; borrowed from the catalog or the source. */
const char *i18n_content_text(const i18n_content_chain *c, const char *source, int *lang);

typedef struct i18n_block {
    const content_block *source;
    content_block shown; /* text, spans and links of the translation (or of the source) */
    int lang;
} i18n_block;

typedef struct i18n_page {
    const content_page *source;
    const char *title;
    int title_lang;
    i18n_block *blocks;
    size_t block_count;
    size_t fallback_count; /* strings not in the chain's first language (title and blocks) */
} i18n_page;

/* Wraps, in place, every stretch of block->text that must read left to right whatever the language
 * in U+2066 LEFT-TO-RIGHT ISOLATE ... U+2069 POP DIRECTIONAL ISOLATE (UAX #9 X5a), moving the spans
 * along: numbers in groups (phone numbers "70 12 34 56", times "10:30", dates "12.03.2026", CPR-style
 * "010203-1234", amounts "1.234,50") and whatever staff put in `backticks`. Without this the bidi
 * algorithm, correctly by the standard, shows "70 12 34 56" in an Arabic sentence as "56 34 12 70",
 * and a newcomer dials a wrong number. Returns false only when memory runs out. */
bool i18n_isolate_ltr(content_block *block);

/* Localizes page p. A translation's links are matched to the source block's by their address, so a
 * link keeps leading to the same page. Returns NULL only when memory runs out. Caller frees with
 * i18n_page_free; the page borrows from p and the catalogs. */
i18n_page *i18n_page_localize(const content_page *p, const i18n_content_chain *c, int wanted_lang);
void i18n_page_free(i18n_page *lp); /* accepts NULL */

#endif
