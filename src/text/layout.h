/* Paragraph layout: UTF-8 in, positioned glyphs out. The heart of the text engine.
 *
 * Pipeline per paragraph (DESIGN.md, "Text engine"): UTF-8 -> code points (ill-formed bytes become
 * U+FFFD) -> embedding levels (UAX #9, bidi.h) -> runs of one level, one script (UAX #24 with Common and
 * Inherited resolved from their neighbours) and one font (the first font of the chain whose cmap has
 * the character; marks and joiners stay with their base) -> HarfBuzz per run (shape.h) -> greedy line
 * breaking at UAX #14 opportunities (linebreak.h) measured with shaped advances, an overlong word
 * broken at grapheme boundaries (UAX #29), not before a character UAX #14 keeps off a line's start
 * when the line can spare a grapheme -> per line: pieces of runs cut at the line's ends re-shaped where
 * HarfBuzz marks the cut unsafe (a line is measured so re-shaped before it is accepted, so it never
 * outgrows the box unless it holds a single grapheme wider than the box), L1-L2 visual reordering
 * (bidi.h), alignment.
 *
 * Pure: no SDL. The result is plain data for the renderer and for tests.
 */
#ifndef VK_TEXT_LAYOUT_H
#define VK_TEXT_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "text/bidi.h"
#include "text/font.h"

typedef enum text_align {
    TEXT_ALIGN_START,  /* left in a left-to-right paragraph, right in a right-to-left one */
    TEXT_ALIGN_CENTER,
    TEXT_ALIGN_END
} text_align;

typedef struct text_style {
    const text_font_chain *fonts;    /* borrowed; tried in order; the first sets nothing special */
    const text_font_chain *fallback; /* borrowed, may be NULL; tried when no font of `fonts` has it */
    float size;                      /* em size in pixels */
    float line_spacing;              /* 1.0 = the fonts' own line height; 0 counts as 1.0 */
    const char *language;            /* BCP 47 tag, e.g. "ar", "ti"; used by shaping and breaking */
    text_direction direction;        /* base direction of the paragraph */
    text_align align;
    const text_font_chain *bold;     /* borrowed, may be NULL (= fonts): for TEXT_ATTR_BOLD spans */
} text_style;

/* Attributes of a stretch of rich text. BOLD picks the style's bold chain; LINK is for the renderer
 * (colour, underline) and changes nothing in the layout but the runs it splits. */
enum { TEXT_ATTR_BOLD = 1, TEXT_ATTR_LINK = 2, TEXT_ATTR_TERM = 4 /* a glossary word: dotted underline */ };

typedef struct text_span {
    uint32_t start, end; /* byte offsets into the UTF-8 input */
    uint8_t attrs;       /* TEXT_ATTR_* bits */
} text_span;

typedef struct text_glyph {
    uint32_t id;      /* glyph index in its run's font */
    uint32_t cluster; /* index of the first character of its cluster, in code points of the input */
    float x, y;       /* pen position of the glyph's origin (on the baseline), from the box's top left */
    float advance;    /* pixels */
} text_glyph;

typedef struct text_run {
    const text_font *font;
    uint32_t start, end;          /* characters, code point indices of the input */
    uint32_t glyph_start, glyph_count;
    uint8_t level;                /* bidi embedding level: odd = right-to-left */
    uint32_t script;              /* hb_script_t */
    uint8_t attrs;                /* TEXT_ATTR_* of its characters */
    float x, width;               /* from the box's left edge */
} text_run;

typedef struct text_line {
    uint32_t start, end;          /* characters, including trailing white space and line break */
    uint32_t run_start, run_count; /* runs of this line, in visual order left to right */
    float x, width;               /* visible extent after alignment */
    float top, baseline, height;
    uint8_t paragraph_level;      /* of the bidi paragraph this line belongs to */
} text_line;

typedef struct text_layout {
    text_line *lines;
    size_t line_count;
    text_run *runs;
    size_t run_count;
    text_glyph *glyphs;
    size_t glyph_count;
    float width;         /* the box: the width asked for, or the widest line when that was <= 0 */
    float height;        /* sum of line heights */
    float size;          /* em size in pixels, as in the style */
    int paragraph_level; /* of the first paragraph: 0 left-to-right, 1 right-to-left */
    size_t missing;      /* characters no font covers (drawn as the font's .notdef) */
    size_t char_count;   /* code points after decoding */
} text_layout;

typedef struct text_layouter text_layouter;

/* Working memory and break iterators reused across paragraphs; not thread-safe. */
text_layouter *text_layouter_new(vk_error *err);
void text_layouter_free(text_layouter *lo); /* accepts NULL */

/* Lays out utf8[0..len) (any bytes; ill-formed sequences become U+FFFD) into a box max_width pixels
 * wide (<= 0: no wrapping). '\n' and U+2029 start a new bidi paragraph inside the same box; U+2028
 * breaks the line. Returns NULL and fills err only when memory runs out or a library fails.
 * Caller frees with text_layout_free. */
text_layout *text_layout_paragraph(text_layouter *lo, const text_style *style, const char *utf8,
                                   size_t len, float max_width, vk_error *err);
void text_layout_free(text_layout *layout); /* accepts NULL */

/* The same for rich text: spans[0..span_count) give attributes to byte ranges of utf8 (overlapping
 * spans combine their bits). spans is only read during the call. */
text_layout *text_layout_rich(text_layouter *lo, const text_style *style, const char *utf8, size_t len,
                              const text_span *spans, size_t span_count, float max_width, vk_error *err);

/* Work done so far, counted in characters, so tests can bound the cost of a layout without a clock:
 * every character shaped (again, when a line cut is re-shaped) and every position the line filler
 * looked at. */
typedef struct text_layouter_work {
    uint64_t chars_shaped;
    uint64_t positions_scanned;
} text_layouter_work;
text_layouter_work text_layouter_get_work(const text_layouter *lo);

/* Ascender, descender (< 0) and line height in pixels that a style's chain gives a line: the tallest
 * font of the chain sets them, so scripts share one baseline. */
void text_style_metrics(const text_style *style, float *ascender, float *descender, float *line_height);

#endif
