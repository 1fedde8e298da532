/* gettext catalogs (.po) read at run time with libgettextpo, so a translator's new file takes effect on
 * reload without a build step, and a translation chain per language (ti -> en -> da -> msgid).
 *
 * Interface strings are marked in C as _(tr, "English text") — the translator comes first because the
 * language changes at run time — and N_("...") where only the marking is wanted. xgettext extracts them
 * with --keyword=_:2 --keyword=N_ (scripts/update-po).
 */
#ifndef VK_I18N_CATALOG_H
#define VK_I18N_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

typedef struct i18n_catalog i18n_catalog;

/* Reads a .po file. Returns NULL and fills err with the file, line and libgettextpo's message when
 * the file is missing or not a valid catalog. Caller frees with i18n_catalog_free.
 * A translation whose format string does not match its msgid's (the `msgfmt -c` format check, e.g. a
 * c-format entry whose msgstr has an extra %s) is dropped as if untranslated, so the chain falls back
 * and no caller ever hands printf a format its arguments do not fit; i18n_catalog_dropped tells. */
i18n_catalog *i18n_catalog_load(const char *path, vk_error *err);
void i18n_catalog_free(i18n_catalog *cat); /* accepts NULL */

/* How many translations i18n_catalog_load dropped for a format string that does not match; when any
 * and first is not NULL, first receives the first one's file, line and message, for a warning. */
size_t i18n_catalog_dropped(const i18n_catalog *cat, vk_error *first);

/* The checks `msgfmt -c` makes on the catalog at path, through libgettextpo: a header entry (msgid "")
 * that is there and not empty, which msgfmt -c requires (so an empty file fails too), and the format
 * strings of c-format entries. Returns true when it passes; else fills err with the first problem,
 * its file and line. */
bool i18n_catalog_check(const char *path, vk_error *err);

/* The line (from 1) where the entry with this msgid starts in the .po file at path, or 0 when the
 * file has none or cannot be read: so a message about an entry can name the line a translator opens. */
int i18n_po_line(const char *path, const char *msgid);

/* The translation of msgid in context ctxt (NULL for none), or NULL when the catalog has no entry, an
 * empty msgstr, or only a fuzzy one. *fuzzy (if not NULL) says whether a fuzzy entry was skipped. */
const char *i18n_catalog_lookup(const i18n_catalog *cat, const char *ctxt, const char *msgid, bool *fuzzy);
size_t i18n_catalog_size(const i18n_catalog *cat); /* translated, non-fuzzy entries */
/* Entry i (0 <= i < i18n_catalog_count) in msgid order, for checks and status reports. Strings are
 * borrowed until i18n_catalog_free; *ctxt is NULL when the entry has no context. */
size_t i18n_catalog_count(const i18n_catalog *cat);
void i18n_catalog_entry(const i18n_catalog *cat, size_t i, const char **ctxt, const char **msgid, const char **msgstr,
                        bool *fuzzy);

/* A language's chain of catalogs: its own first, then its fallback languages'. Plain data; the
 * catalogs are borrowed. */
#define I18N_CHAIN_MAX 8
typedef struct i18n_tr {
    const i18n_catalog *chain[I18N_CHAIN_MAX];
    int count;
} i18n_tr;

/* The first translation along the chain, else msgid itself (the source text). Never NULL. */
const char *i18n_tr_get(const i18n_tr *tr, const char *msgid);
/* The same, and *level receives where it came from: 0 = the language's own catalog, 1.. = a fallback,
 * -1 = the untranslated msgid. */
const char *i18n_tr_get_ex(const i18n_tr *tr, const char *ctxt, const char *msgid, int *level);

#define _(tr, s) i18n_tr_get((tr), (s))
#define N_(s) (s)

#endif
