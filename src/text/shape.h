/* Shaping one run (one font, one direction, one script, one language) with HarfBuzz.
 *
 * Results stay in font units: the engine shapes with HarfBuzz's own OpenType functions at a scale of
 * one unit per font unit, exactly as `hb-shape` does with no --font-size, so the shaping oracle test can
 * compare glyph ids and advances with that tool number for number.
 */
#ifndef VK_TEXT_SHAPE_H
#define VK_TEXT_SHAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hb.h>

#include "text/font.h"

typedef struct text_shaped_glyph {
    uint32_t id;      /* glyph index in the font; 0 is .notdef */
    uint32_t cluster; /* index in the context text of the first character of this glyph's cluster */
    int32_t x_advance, x_offset, y_offset; /* font units */
    bool unsafe_to_break; /* HarfBuzz: breaking the text before this glyph's cluster changes shaping */
} text_shaped_glyph;

typedef struct text_shaper text_shaper;

text_shaper *text_shaper_new(void); /* NULL when memory runs out */
void text_shaper_free(text_shaper *shaper); /* accepts NULL */

/* Shapes text[start..end) of context[0..n) in font, right-to-left when rtl. The characters around the
 * run serve as context (Arabic joining across a font change). Glyphs come in visual order, left to
 * right, as HarfBuzz returns them. *out is borrowed until the next call with this shaper. Returns the
 * glyph count. */
size_t text_shaper_run(text_shaper *shaper, const text_font *font, const uint32_t *context, size_t n,
                       size_t start, size_t end, bool rtl, hb_script_t script, hb_language_t lang,
                       const text_shaped_glyph **out);

#endif
