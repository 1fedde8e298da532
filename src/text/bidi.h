/* The Unicode Bidirectional Algorithm (UAX #9) through FriBidi.
 *
 * Two stages, because line breaking sits between them (UAX #9 section 3.4): resolve the paragraph's
 * embedding levels once (P2-P3, X1-X10, W1-W7, N0-N2 with bracket pairs, I1-I2), then for each line
 * apply L1 (trailing whitespace back to the paragraph level) and L2 (reverse runs) to get the line's
 * visual order. Mirroring (L4) is left to HarfBuzz, which mirrors in right-to-left runs.
 */
#ifndef VK_TEXT_BIDI_H
#define VK_TEXT_BIDI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum text_direction {
    TEXT_DIR_AUTO, /* P2-P3: first strong character decides; left-to-right when there is none */
    TEXT_DIR_LTR,
    TEXT_DIR_RTL
} text_direction;

typedef struct text_bidi text_bidi;

/* Resolves the levels of the paragraph text[0..n). text is borrowed: it must stay valid and unchanged
 * until text_bidi_free. Returns NULL when memory runs out or n exceeds FriBidi's index range
 * (INT32_MAX / 2 characters). */
text_bidi *text_bidi_new(const uint32_t *text, size_t n, text_direction dir);
void text_bidi_free(text_bidi *bidi); /* accepts NULL */

int text_bidi_paragraph_level(const text_bidi *bidi); /* 0 or 1 */
/* Resolved level of each character before any line rule (length n); borrowed. */
const uint8_t *text_bidi_levels(const text_bidi *bidi);
/* True for characters that rule X9 removes (embedding and override controls, BN): they have no level
 * of their own and take no place in the visual order. */
bool text_bidi_is_removed(const text_bidi *bidi, size_t i);

/* Applies L1 and L2 to the line text[start..end). Fills levels[0..end-start) with the line's levels and
 * order[0..end-start) with the paragraph indices of the line's characters from left to right.
 * Returns false only when memory runs out. */
bool text_bidi_reorder_line(const text_bidi *bidi, size_t start, size_t end, uint8_t *levels,
                            uint32_t *order);

#endif
