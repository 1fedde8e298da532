/* UAX #9 through FriBidi 1.0: see bidi.h.
 *
 * FriBidi's bracket types must be passed in (fribidi_get_bracket_types); without them N0 (paired
 * brackets) is skipped and "(Jobcenter)" in an Arabic sentence gets its brackets wrong.
 */
#include "text/bidi.h"

#include <stdlib.h>
#include <string.h>

#include <fribidi.h>

struct text_bidi {
    const uint32_t *text;
    size_t n;
    FriBidiCharType *types;
    FriBidiBracketType *brackets;
    FriBidiLevel *levels;
    FriBidiParType base;
    uint8_t *levels_u8;
};

void text_bidi_free(text_bidi *b)
{
    if (!b)
        return;
    free(b->types);
    free(b->brackets);
    free(b->levels);
    free(b->levels_u8);
    free(b);
}

text_bidi *text_bidi_new(const uint32_t *text, size_t n, text_direction dir)
{
    if (n > (size_t)INT32_MAX / 2) /* FriBidiStrIndex is an int */
        return NULL;
    text_bidi *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    size_t m = n ? n : 1;
    b->text = text;
    b->n = n;
    b->types = malloc(m * sizeof *b->types);
    b->brackets = malloc(m * sizeof *b->brackets);
    b->levels = malloc(m * sizeof *b->levels);
    b->levels_u8 = malloc(m);
    if (!b->types || !b->brackets || !b->levels || !b->levels_u8) {
        text_bidi_free(b);
        return NULL;
    }
    b->base = dir == TEXT_DIR_LTR ? FRIBIDI_PAR_LTR : dir == TEXT_DIR_RTL ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_ON;
    if (n == 0) {
        if (b->base == FRIBIDI_PAR_ON)
            b->base = FRIBIDI_PAR_LTR;
        return b;
    }
    FriBidiStrIndex len = (FriBidiStrIndex)n;
    fribidi_get_bidi_types(text, len, b->types);
    fribidi_get_bracket_types(text, len, b->types, b->brackets);
    if (fribidi_get_par_embedding_levels_ex(b->types, b->brackets, len, &b->base, b->levels) == 0) {
        text_bidi_free(b);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        b->levels_u8[i] = (uint8_t)b->levels[i];
    return b;
}

int text_bidi_paragraph_level(const text_bidi *b)
{
    return FRIBIDI_IS_RTL(b->base) ? 1 : 0;
}

const uint8_t *text_bidi_levels(const text_bidi *b)
{
    return b->levels_u8;
}

bool text_bidi_is_removed(const text_bidi *b, size_t i)
{
    /* X9: RLE, LRE, RLO, LRO, PDF and BN are removed. FriBidi keeps them in the arrays. */
    FriBidiCharType t = b->types[i];
    return t == FRIBIDI_TYPE_RLE || t == FRIBIDI_TYPE_LRE || t == FRIBIDI_TYPE_RLO ||
           t == FRIBIDI_TYPE_LRO || t == FRIBIDI_TYPE_PDF || t == FRIBIDI_TYPE_BN;
}

bool text_bidi_reorder_line(const text_bidi *b, size_t start, size_t end, uint8_t *levels, uint32_t *order)
{
    size_t len = end - start;
    if (len == 0)
        return true;
    /* fribidi_reorder_line indexes its arrays from `off`; handing it arrays that start at the line
     * (and off = 0) keeps the scratch copy as small as the line, so a long paragraph of many lines
     * costs linear time. The paragraph's own levels stay as resolved for the next line. */
    FriBidiLevel *lv = malloc(len * sizeof *lv);
    FriBidiStrIndex *map = malloc(len * sizeof *map);
    if (!lv || !map) {
        free(lv);
        free(map);
        return false;
    }
    memcpy(lv, b->levels + start, len * sizeof *lv);
    for (size_t i = 0; i < len; i++)
        map[i] = (FriBidiStrIndex)i;
    /* No FRIBIDI_FLAG_REORDER_NSM: marks stay after their base in logical order, HarfBuzz places them. */
    FriBidiLevel ok = fribidi_reorder_line(0, b->types + start, (FriBidiStrIndex)len, 0, b->base, lv,
                                           NULL, map);
    if (ok != 0) {
        for (size_t i = 0; i < len; i++) {
            levels[i] = (uint8_t)lv[i];
            order[i] = (uint32_t)(start + (size_t)map[i]);
        }
    }
    free(lv);
    free(map);
    return ok != 0;
}
