/* Line break opportunities (UAX #14) and grapheme cluster boundaries (UAX #29) through ICU.
 *
 * ICU's rule-based iterators implement both standards for Unicode 15 (ICU 72); we never write break
 * rules of our own. A text_breaker keeps its iterators open between paragraphs, because opening one
 * costs far more than running it.
 */
#ifndef VK_TEXT_LINEBREAK_H
#define VK_TEXT_LINEBREAK_H

#include <stddef.h>
#include <stdint.h>

#include "base/error.h"

/* Flags for the position *before* text[i]; position n is the end of the text. */
enum {
    TEXT_BREAK_LINE = 1,      /* a line may break here (UAX #14 "÷") */
    TEXT_BREAK_MANDATORY = 2, /* a line must break here (after a hard line break) */
    TEXT_BREAK_GRAPHEME = 4,  /* a grapheme cluster boundary: the only places an overlong word may break */
    TEXT_BREAK_NO_START = 8   /* text[i] should not start a line (UAX #14 forbids a break before its
                               * class, or Ethiopic sentence punctuation): an overlong word avoids it */
};

typedef struct text_breaker text_breaker;

/* lang is a BCP 47 tag or "" for the root rules. Returns NULL and fills err if ICU cannot open its
 * break rules. */
text_breaker *text_breaker_new(const char *lang, vk_error *err);
void text_breaker_free(text_breaker *br); /* accepts NULL */
const char *text_breaker_lang(const text_breaker *br);

/* Fills flags[0..n] (n + 1 entries) for text[0..n). Position 0 is never a line break opportunity;
 * position n always is. Returns 0 and fills err when memory runs out or ICU fails. */
int text_breaker_analyze(text_breaker *br, const uint32_t *text, size_t n, uint8_t *flags, vk_error *err);

#endif
