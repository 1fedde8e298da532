/* One run through HarfBuzz: see shape.h. */
#include "text/shape.h"

#include <stdlib.h>

struct text_shaper {
    hb_buffer_t *buf;
    text_shaped_glyph *glyphs;
    size_t cap;
};

text_shaper *text_shaper_new(void)
{
    text_shaper *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->buf = hb_buffer_create();
    if (!hb_buffer_allocation_successful(s->buf)) {
        text_shaper_free(s);
        return NULL;
    }
    return s;
}

void text_shaper_free(text_shaper *s)
{
    if (!s)
        return;
    hb_buffer_destroy(s->buf);
    free(s->glyphs);
    free(s);
}

size_t text_shaper_run(text_shaper *s, const text_font *font, const uint32_t *context, size_t n,
                       size_t start, size_t end, bool rtl, hb_script_t script, hb_language_t lang,
                       const text_shaped_glyph **out)
{
    hb_buffer_t *buf = s->buf;
    hb_buffer_clear_contents(buf);
    hb_buffer_add_utf32(buf, context, (int)n, (unsigned)start, (int)(end - start));
    hb_buffer_set_direction(buf, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, script);
    hb_buffer_set_language(buf, lang);
    hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
    hb_shape(text_font_hb(font), buf, NULL, 0);

    unsigned int count = 0;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &count);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, NULL);
    if (count > s->cap) {
        text_shaped_glyph *g = realloc(s->glyphs, count * sizeof *g);
        if (!g) {
            *out = NULL;
            return 0;
        }
        s->glyphs = g;
        s->cap = count;
    }
    for (unsigned int i = 0; i < count; i++) {
        text_shaped_glyph *g = &s->glyphs[i];
        g->id = info[i].codepoint;
        g->cluster = info[i].cluster;
        g->x_advance = pos[i].x_advance;
        g->x_offset = pos[i].x_offset;
        g->y_offset = pos[i].y_offset;
        g->unsafe_to_break = (hb_glyph_info_get_glyph_flags(&info[i]) & HB_GLYPH_FLAG_UNSAFE_TO_BREAK) != 0;
    }
    *out = s->glyphs;
    return count;
}
