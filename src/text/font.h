/* Fonts: one file loaded once, shared by HarfBuzz (shaping, cmap) and FreeType (rasterising).
 *
 * A text_fontlib owns the FreeType library and every font loaded through it; fonts are looked up by
 * path so a font named by several languages is loaded once. Shaping uses HarfBuzz's own OpenType
 * functions at a scale of one unit per font unit, so shaped advances are unhinted, independent of size
 * and identical to `hb-shape`'s; the layout scales them to pixels.
 */
#ifndef VK_TEXT_FONT_H
#define VK_TEXT_FONT_H

#include <stdbool.h>
#include <stdint.h>

#include <hb.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include "base/error.h"

typedef struct text_fontlib text_fontlib;
typedef struct text_font text_font;

/* An ordered list of fonts: a character takes the first one whose cmap has it. Plain data; the fonts
 * are borrowed from a text_fontlib. */
#define TEXT_CHAIN_MAX 12
typedef struct text_font_chain {
    text_font *fonts[TEXT_CHAIN_MAX];
    int count;
} text_font_chain;

text_fontlib *text_fontlib_new(vk_error *err);
void text_fontlib_free(text_fontlib *lib); /* frees every font loaded through lib; accepts NULL */

/* Loads the font at path, or returns the one already loaded from that path. Returns NULL and fills err
 * ("cannot open font FILE: reason") when the file is missing or not a font. The font is borrowed:
 * valid until text_fontlib_free(lib). */
text_font *text_fontlib_load(text_fontlib *lib, const char *path, vk_error *err);

/* Every font loaded so far, in load order; a chain of last resort for characters no chain covers. */
void text_fontlib_all(const text_fontlib *lib, text_font_chain *out);

bool text_font_has_char(const text_font *font, uint32_t cp);
const char *text_font_path(const text_font *font);     /* as given to text_fontlib_load */
const char *text_font_name(const text_font *font);     /* file name without folders */
hb_font_t *text_font_hb(const text_font *font);        /* scale = units per em; borrowed */
FT_Face text_font_ft(const text_font *font);           /* borrowed; the rasteriser sets its size */
int text_font_upem(const text_font *font);
/* Horizontal extents in font units: ascender > 0, descender < 0, line_gap >= 0. */
void text_font_extents(const text_font *font, int *ascender, int *descender, int *line_gap);
/* A small number unique to this font within its lib (0, 1, 2 ...), for cache keys. */
int text_font_id(const text_font *font);

#endif
