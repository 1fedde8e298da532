/* UAX #14 and UAX #29 through ICU's break iterators: see linebreak.h.
 *
 * ICU works in UTF-16; the engine in code points. We convert once per paragraph and map each UTF-16
 * boundary back to its code point index.
 */
#include "text/linebreak.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utypes.h>

struct text_breaker {
    char lang[32];
    UBreakIterator *line;
    UBreakIterator *chars;
    UChar *u16;
    uint32_t *u16_to_cp; /* code point index of each UTF-16 unit, plus one entry for the end */
    size_t cap16;
};

text_breaker *text_breaker_new(const char *lang, vk_error *err)
{
    text_breaker *br = calloc(1, sizeof *br);
    if (!br) {
        vk_error_set(err, NULL, 0, "out of memory");
        return NULL;
    }
    snprintf(br->lang, sizeof br->lang, "%s", lang ? lang : "");
    UErrorCode st = U_ZERO_ERROR;
    br->line = ubrk_open(UBRK_LINE, br->lang, NULL, 0, &st);
    if (U_SUCCESS(st))
        br->chars = ubrk_open(UBRK_CHARACTER, br->lang, NULL, 0, &st);
    if (U_FAILURE(st)) {
        vk_error_set(err, NULL, 0, "ICU cannot open its break rules: %s", u_errorName(st));
        text_breaker_free(br);
        return NULL;
    }
    return br;
}

void text_breaker_free(text_breaker *br)
{
    if (!br)
        return;
    if (br->line)
        ubrk_close(br->line);
    if (br->chars)
        ubrk_close(br->chars);
    free(br->u16);
    free(br->u16_to_cp);
    free(br);
}

const char *text_breaker_lang(const text_breaker *br)
{
    return br->lang;
}

/* Characters a line should not start with: the UAX #14 classes that rules LB11-LB13 and LB21 keep
 * from their predecessor (WJ, GL, CL, CP, EX, IS, SY, BA, HY, NS), and the Ethiopic full stop and
 * other sentence punctuation U+1362-U+1367, which are AL yet end a sentence as "." does. */
static bool is_no_start(uint32_t c)
{
    if (c >= 0x1362 && c <= 0x1367)
        return true;
    switch (u_getIntPropertyValue((UChar32)c, UCHAR_LINE_BREAK)) {
    case U_LB_WORD_JOINER:
    case U_LB_GLUE:
    case U_LB_CLOSE_PUNCTUATION:
    case U_LB_CLOSE_PARENTHESIS:
    case U_LB_EXCLAMATION:
    case U_LB_INFIX_NUMERIC:
    case U_LB_BREAK_SYMBOLS:
    case U_LB_BREAK_AFTER:
    case U_LB_HYPHEN:
    case U_LB_NONSTARTER:
        return true;
    default:
        return false;
    }
}

int text_breaker_analyze(text_breaker *br, const uint32_t *text, size_t n, uint8_t *flags, vk_error *err)
{
    memset(flags, 0, n + 1);
    flags[n] = TEXT_BREAK_LINE | TEXT_BREAK_GRAPHEME;
    if (n == 0)
        return 1;
    if (n > (size_t)INT32_MAX / 2 - 1)
        return vk_error_set(err, NULL, 0, "paragraph too long to break into lines");
    size_t need = 2 * n + 1;
    if (need > br->cap16) {
        UChar *u = realloc(br->u16, need * sizeof *u);
        if (u)
            br->u16 = u;
        uint32_t *m = realloc(br->u16_to_cp, need * sizeof *m);
        if (m)
            br->u16_to_cp = m;
        if (!u || !m)
            return vk_error_set(err, NULL, 0, "out of memory");
        br->cap16 = need;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = text[i];
        if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            c = 0xFFFD; /* a lone surrogate would be paired with its neighbour by ICU */
        if (is_no_start(c))
            flags[i] |= TEXT_BREAK_NO_START;
        if (c >= 0x10000) {
            c -= 0x10000;
            br->u16_to_cp[k] = (uint32_t)i;
            br->u16[k++] = (UChar)(0xD800 + (c >> 10));
            br->u16_to_cp[k] = (uint32_t)i;
            br->u16[k++] = (UChar)(0xDC00 + (c & 0x3FF));
        } else {
            br->u16_to_cp[k] = (uint32_t)i;
            br->u16[k++] = (UChar)c;
        }
    }
    br->u16_to_cp[k] = (uint32_t)n;

    UErrorCode st = U_ZERO_ERROR;
    ubrk_setText(br->line, br->u16, (int32_t)k, &st);
    if (U_FAILURE(st))
        return vk_error_set(err, NULL, 0, "ICU line breaking failed: %s", u_errorName(st));
    for (int32_t p = ubrk_following(br->line, 0); p != UBRK_DONE; p = ubrk_next(br->line)) {
        uint32_t i = br->u16_to_cp[p];
        flags[i] |= TEXT_BREAK_LINE;
        /* UAX #14 BK/CR/LF/NL rules: ICU tags a break after a hard line break with a status in the
         * "hard" range. */
        int32_t status = ubrk_getRuleStatus(br->line);
        if (status >= UBRK_LINE_HARD && status < UBRK_LINE_HARD_LIMIT)
            flags[i] |= TEXT_BREAK_MANDATORY;
    }
    ubrk_setText(br->chars, br->u16, (int32_t)k, &st);
    if (U_FAILURE(st))
        return vk_error_set(err, NULL, 0, "ICU grapheme breaking failed: %s", u_errorName(st));
    for (int32_t p = ubrk_first(br->chars); p != UBRK_DONE; p = ubrk_next(br->chars))
        flags[br->u16_to_cp[p]] |= TEXT_BREAK_GRAPHEME;
    return 1;
}
