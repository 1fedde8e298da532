/* Language metadata: one line per language in locales/languages, and the offered languages in
 * locales/LINGUAS (gettext's own list, one code per line, in the order the picker shows them).
 *
 * A line of locales/languages has five fields separated by tabs:
 *   code  native-name  direction  font-families  fallback-chain
 *   ti    ትግርኛ        ltr        NotoSansEthiopic,NotoSans  en,da
 * so adding Somali or Dari is a catalog plus one line here, nothing in C.
 */
#ifndef VK_I18N_LANG_H
#define VK_I18N_LANG_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"

#define I18N_MAX_FONTS 6
#define I18N_MAX_FALLBACK 6

typedef struct i18n_lang {
    char code[16];     /* BCP 47, e.g. "ar", "ti", "fa-AF" */
    char native[96];   /* the language's name in its own script, UTF-8 */
    bool rtl;
    char fonts[I18N_MAX_FONTS][64]; /* font family names, first choice first */
    int font_count;
    char fallback[I18N_MAX_FALLBACK][16]; /* language codes tried when a string is not translated */
    int fallback_count;
    char voice[32]; /* espeak-ng voice that reads the language aloud ("da", "en", "ar"); "" for none */
} i18n_lang;

/* Plain data owned by the caller; free the array with i18n_langs_free. */
typedef struct i18n_langs {
    i18n_lang *langs; /* in LINGUAS order */
    size_t count;
} i18n_langs;

/* Reads the metadata file and the LINGUAS file. Every language in LINGUAS must have a metadata line.
 * Returns 0 and fills err with the file and line of the first problem. */
int i18n_langs_load(const char *metadata_path, const char *linguas_path, i18n_langs *out, vk_error *err);
void i18n_langs_free(i18n_langs *langs);
const i18n_lang *i18n_langs_find(const i18n_langs *langs, const char *code); /* NULL when unknown */
/* Writes "da, en, ar, ti" into buf, for messages that list the choices. */
const char *i18n_langs_codes(const i18n_langs *langs, char *buf, size_t size);

#endif
