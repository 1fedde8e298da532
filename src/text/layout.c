/* Paragraph layout: see layout.h for the pipeline and the standards each stage follows. */
#include "text/layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>

#include "base/utf8.h"
#include "text/linebreak.h"
#include "text/shape.h"

#define MAX_BREAKERS 8

struct text_layouter {
    text_shaper *shaper;
    text_breaker *breakers[MAX_BREAKERS];
    int breaker_count;
    text_layouter_work work;
};

text_layouter_work text_layouter_get_work(const text_layouter *lo)
{
    return lo->work;
}

text_layouter *text_layouter_new(vk_error *err)
{
    text_layouter *lo = calloc(1, sizeof *lo);
    if (!lo || !(lo->shaper = text_shaper_new())) {
        free(lo);
        vk_error_set(err, NULL, 0, "out of memory");
        return NULL;
    }
    return lo;
}

void text_layouter_free(text_layouter *lo)
{
    if (!lo)
        return;
    text_shaper_free(lo->shaper);
    for (int i = 0; i < lo->breaker_count; i++)
        text_breaker_free(lo->breakers[i]);
    free(lo);
}

static text_breaker *breaker_for(text_layouter *lo, const char *lang, vk_error *err)
{
    lang = lang ? lang : "";
    for (int i = 0; i < lo->breaker_count; i++)
        if (strcmp(text_breaker_lang(lo->breakers[i]), lang) == 0)
            return lo->breakers[i];
    text_breaker *br = text_breaker_new(lang, err);
    if (!br)
        return NULL;
    if (lo->breaker_count == MAX_BREAKERS) {
        text_breaker_free(lo->breakers[0]);
        memmove(lo->breakers, lo->breakers + 1, (MAX_BREAKERS - 1) * sizeof *lo->breakers);
        lo->breaker_count--;
    }
    lo->breakers[lo->breaker_count++] = br;
    return br;
}

void text_style_metrics(const text_style *st, float *ascender, float *descender, float *line_height)
{
    float asc = 0, desc = 0, gap = 0;
    for (int i = 0; i < st->fonts->count; i++) {
        int a, d, g;
        text_font_extents(st->fonts->fonts[i], &a, &d, &g);
        float k = st->size / (float)text_font_upem(st->fonts->fonts[i]);
        asc = fmaxf(asc, (float)a * k);
        desc = fminf(desc, (float)d * k);
        gap = fmaxf(gap, (float)g * k);
    }
    float spacing = st->line_spacing > 0 ? st->line_spacing : 1.0f;
    *ascender = asc;
    *descender = desc;
    *line_height = (asc - desc + gap) * spacing;
}

/* ---- growable output ---------------------------------------------------------------------------- */

static bool grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t c = *cap ? *cap : 16;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * elem);
    if (!q)
        return false;
    *p = q;
    *cap = c;
    return true;
}

typedef struct out {
    text_layout *L;
    size_t line_cap, run_cap, glyph_cap;
} out;

void text_layout_free(text_layout *L)
{
    if (!L)
        return;
    free(L->lines);
    free(L->runs);
    free(L->glyphs);
    free(L);
}

/* ---- character classes --------------------------------------------------------------------------- */

static bool is_paragraph_separator(uint32_t c)
{
    /* UAX #9 P1 splits at B (LF, CR, NEL, PS, and FS/GS/RS); VT and FF are BK in UAX #14 and start a
     * new line too, so they end a paragraph here as well. */
    return c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2029 || c == 0x1C ||
           c == 0x1D || c == 0x1E;
}

static bool is_trailing_space(hb_unicode_funcs_t *uf, uint32_t c)
{
    return c == 0x09 || c == 0x2028 || c == 0x200B ||
           hb_unicode_general_category(uf, c) == HB_UNICODE_GENERAL_CATEGORY_SPACE_SEPARATOR;
}

/* Characters that must stay in their base's font: marks, joiners, variation selectors and other
 * format characters (a ZWJ in another font than its neighbours would break Arabic joining). */
static bool follows_base(hb_unicode_funcs_t *uf, uint32_t c)
{
    switch (hb_unicode_general_category(uf, c)) {
    case HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_FORMAT:
        return true;
    default:
        return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
    }
}

static bool is_common_script(hb_script_t s)
{
    return s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN;
}

/* ---- one bidi paragraph -------------------------------------------------------------------------- */

typedef struct item {
    uint32_t start, end; /* in the segment */
    const text_font *font;
    uint8_t attrs;
    uint8_t level;
    hb_script_t script;
    text_shaped_glyph *glyphs; /* logical shaping of the whole item, visual order */
    size_t glyph_count;
} item;

typedef struct piece {
    const item *it;
    uint32_t start, end;
    uint32_t visual_key;
} piece;

typedef struct scratch {
    uint8_t *attrs; /* TEXT_ATTR_* per character, whole input */
    hb_script_t *scripts;
    const text_font **fonts;
    float *adv;     /* pixels each character contributes (a cluster's advance sits on its first char) */
    double *prefix; /* prefix[i] = sum of adv[0..i) */
    uint8_t *flags;
    uint8_t *line_levels;
    uint32_t *order;
    uint32_t *inverse;
    item *items;
    size_t item_cap;
    piece *pieces;
    size_t piece_cap;
} scratch;

static void scratch_free(scratch *s)
{
    free(s->attrs);
    free(s->scripts);
    free((void *)s->fonts);
    free(s->adv);
    free(s->prefix);
    free(s->flags);
    free(s->line_levels);
    free(s->order);
    free(s->inverse);
    if (s->items)
        for (size_t i = 0; i < s->item_cap; i++)
            free(s->items[i].glyphs);
    free(s->items);
    free(s->pieces);
}

static const text_font *pick_font(const text_style *st, const text_font_chain *chain, hb_unicode_funcs_t *uf,
                                  uint32_t c, const text_font *prev, hb_script_t script, bool *missing)
{
    *missing = false;
    if (prev && follows_base(uf, c))
        return prev;
    /* Spaces, digits and punctuation keep the font of the text around them when it has them, so a
     * sentence does not fall apart into runs at every space. */
    if (prev && is_common_script(script) && text_font_has_char(prev, c))
        return prev;
    for (int i = 0; i < chain->count; i++)
        if (text_font_has_char(chain->fonts[i], c))
            return chain->fonts[i];
    if (st->fallback)
        for (int i = 0; i < st->fallback->count; i++)
            if (text_font_has_char(st->fallback->fonts[i], c))
                return st->fallback->fonts[i];
    hb_unicode_general_category_t gc = hb_unicode_general_category(uf, c);
    *missing = gc != HB_UNICODE_GENERAL_CATEGORY_FORMAT && gc != HB_UNICODE_GENERAL_CATEGORY_CONTROL &&
               !follows_base(uf, c);
    return prev ? prev : chain->fonts[0];
}

/* Finds the glyphs of item `it` whose clusters lie in [a, b) (segment indices). HarfBuzz keeps
 * clusters monotone (increasing left to right in an LTR run, decreasing in an RTL one), so a binary
 * search finds the range. Returns whether cutting there is safe, i.e. needs no re-shaping. */
static bool slice_item(const item *it, uint32_t a, uint32_t b, size_t *lo, size_t *hi)
{
    const text_shaped_glyph *g = it->glyphs;
    size_t n = it->glyph_count;
    bool rtl = it->level & 1;
    /* first index whose cluster is past the boundary x, in visual order */
#define FIND(x, res)                                                                                  \
    do {                                                                                              \
        size_t l_ = 0, h_ = n;                                                                        \
        while (l_ < h_) {                                                                             \
            size_t m_ = (l_ + h_) / 2;                                                                \
            bool before_ = rtl ? g[m_].cluster >= (x) : g[m_].cluster < (x);                          \
            if (before_)                                                                              \
                l_ = m_ + 1;                                                                          \
            else                                                                                      \
                h_ = m_;                                                                              \
        }                                                                                             \
        (res) = l_;                                                                                   \
    } while (0)
    size_t ia, ib;
    if (!rtl) {
        FIND(a, ia);
        FIND(b, ib);
        *lo = ia;
        *hi = ib;
    } else {
        FIND(a, ia); /* first glyph with cluster < a */
        FIND(b, ib); /* first glyph with cluster < b */
        *lo = ib;
        *hi = ia;
    }
#undef FIND
    bool safe = true;
    if (a != it->start) {
        /* the glyph of cluster a: first of the range in LTR, last in RTL */
        size_t k = rtl ? (*hi ? *hi - 1 : 0) : *lo;
        safe = safe && k < n && g[k].cluster == a && !g[k].unsafe_to_break;
    }
    if (b != it->end) {
        size_t k = rtl ? (*lo ? *lo - 1 : n) : *hi;
        safe = safe && k < n && g[k].cluster == b && !g[k].unsafe_to_break;
    }
    return safe;
}

/* ---- measuring a candidate line ------------------------------------------------------------------ */

/* Index of the item holding character i; items cover the segment in order, from `from` on. */
static size_t item_at(const item *items, size_t count, size_t from, size_t i)
{
    size_t l = from, h = count;
    while (l + 1 < h) {
        size_t mid = l + (h - l) / 2;
        if (items[mid].start <= i)
            l = mid;
        else
            h = mid;
    }
    return l;
}

/* Visible width of the line t[s..e) (v: its end without trailing spaces) exactly as the line builder
 * below will draw it. Whole-item shaping gives every piece's width but for the pieces at the line's
 * two ends whose cut HarfBuzz marks unsafe: those are shaped again with the line as context (the
 * same call the builder makes), so a letter cut out of an Arabic word is measured in the final or
 * initial form it will take. At most two pieces are shaped, so a measure costs about the cut pieces'
 * length, not the line's. */
static double line_width(text_layouter *lo, const text_style *st, hb_language_t hblang, const uint32_t *t,
                         const scratch *S, size_t item_count, size_t item_cursor, size_t s, size_t e, size_t v)
{
    if (v <= s)
        return 0;
    double w = S->prefix[v] - S->prefix[s];
    size_t ends[2] = {item_at(S->items, item_count, item_cursor, s), item_at(S->items, item_count, item_cursor, v - 1)};
    for (int k = 0; k < 2; k++) {
        if (k == 1 && ends[1] == ends[0])
            break;
        const item *it = &S->items[ends[k]];
        uint32_t a = it->start > s ? it->start : (uint32_t)s;
        uint32_t b = it->end < v ? it->end : (uint32_t)v;
        size_t glo, ghi;
        if (a >= b || (a == it->start && b == it->end) || slice_item(it, a, b, &glo, &ghi))
            continue;
        const text_shaped_glyph *g;
        size_t n = text_shaper_run(lo->shaper, it->font, t + s, e - s, a - s, b - s, it->level & 1, it->script,
                                   hblang, &g);
        lo->work.chars_shaped += b - a;
        float kk = st->size / (float)text_font_upem(it->font);
        double redrawn = 0;
        for (size_t q = 0; q < n; q++)
            redrawn += (float)g[q].x_advance * kk;
        w += redrawn - (S->prefix[b] - S->prefix[a]);
    }
    return w;
}

/* UAX #29: the last grapheme cluster boundary in (s, hi] whose estimated line fits max_w, preferring
 * one that does not start the next line with a character UAX #14 keeps off a line's start (a closing
 * bracket, the Ethiopic full stop U+1362); at least the first boundary after s, so every line holds
 * a grapheme and filling always progresses. */
static size_t grapheme_cut(text_layouter *lo, const scratch *S, size_t m, size_t s, size_t hi, double max_w)
{
    size_t any = s, good = s;
    for (size_t q = s + 1; q <= m; q++) {
        lo->work.positions_scanned++;
        if (!(S->flags[q] & TEXT_BREAK_GRAPHEME))
            continue;
        if (any > s && (q > hi || S->prefix[q] - S->prefix[s] > max_w))
            break;
        any = q;
        if (q == m || !(S->flags[q] & TEXT_BREAK_NO_START))
            good = q;
    }
    return good > s ? good : any;
}

/* The grapheme boundary before e (after s), again preferring one a line may start at; s if none. */
static size_t grapheme_before(text_layouter *lo, const scratch *S, size_t s, size_t e)
{
    size_t first = s;
    for (size_t q = e - 1; q > s; q--) {
        lo->work.positions_scanned++;
        if (!(S->flags[q] & TEXT_BREAK_GRAPHEME))
            continue;
        if (!(S->flags[q] & TEXT_BREAK_NO_START))
            return q;
        if (first == s)
            first = q;
    }
    return first;
}

static int cmp_piece(const void *x, const void *y)
{
    const piece *a = x, *b = y;
    return (a->visual_key > b->visual_key) - (a->visual_key < b->visual_key);
}

static int layout_segment(text_layouter *lo, const text_style *st, hb_language_t hblang,
                          text_breaker *br, const uint32_t *t, const uint8_t *attrs, size_t m, uint32_t base, float max_w,
                          scratch *S, out *O, float *y, bool first, vk_error *err)
{
    text_layout *L = O->L;
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    float asc, desc, line_h;
    text_style_metrics(st, &asc, &desc, &line_h);

    text_bidi *bidi = text_bidi_new(t, m, st->direction);
    if (!bidi)
        return vk_error_set(err, NULL, 0, "out of memory in bidi analysis");
    if (first)
        L->paragraph_level = text_bidi_paragraph_level(bidi);
    const uint8_t *levels = text_bidi_levels(bidi);
    int par_level = text_bidi_paragraph_level(bidi);

    /* UAX #24: Common and Inherited characters take the script of the text before them (after them
     * at the start of the paragraph). */
    hb_script_t last = HB_SCRIPT_COMMON;
    size_t first_real = m;
    for (size_t i = 0; i < m; i++) {
        hb_script_t s = hb_unicode_script(uf, t[i]);
        if (is_common_script(s)) {
            S->scripts[i] = last;
        } else {
            last = s;
            S->scripts[i] = s;
            if (first_real == m)
                first_real = i;
        }
    }
    for (size_t i = 0; i < first_real && i < m; i++)
        S->scripts[i] = first_real < m ? S->scripts[first_real] : HB_SCRIPT_COMMON;

    const text_font *prev = NULL;
    const text_font_chain *bold = st->bold ? st->bold : st->fonts;
    for (size_t i = 0; i < m; i++) {
        bool missing;
        hb_script_t raw = hb_unicode_script(uf, t[i]);
        const text_font_chain *chain = attrs[i] & TEXT_ATTR_BOLD ? bold : st->fonts;
        /* a font from the other weight's chain is no "previous font" to keep */
        if (i > 0 && (attrs[i] & TEXT_ATTR_BOLD) != (attrs[i - 1] & TEXT_ATTR_BOLD))
            prev = NULL;
        S->fonts[i] = pick_font(st, chain, uf, t[i], prev, raw, &missing);
        if (missing)
            L->missing++;
        prev = S->fonts[i];
    }

    /* Items: maximal runs of one level, one script, one font. */
    size_t item_count = 0;
    for (size_t i = 0; i < m;) {
        size_t j = i + 1;
        while (j < m && levels[j] == levels[i] && S->scripts[j] == S->scripts[i] && S->fonts[j] == S->fonts[i] &&
               attrs[j] == attrs[i])
            j++;
        size_t old_cap = S->item_cap;
        if (!grow((void **)&S->items, &S->item_cap, item_count + 1, sizeof *S->items)) {
            text_bidi_free(bidi);
            return vk_error_set(err, NULL, 0, "out of memory");
        }
        memset(S->items + old_cap, 0, (S->item_cap - old_cap) * sizeof *S->items);
        item *it = &S->items[item_count++];
        it->start = (uint32_t)i;
        it->end = (uint32_t)j;
        it->font = S->fonts[i];
        it->attrs = attrs[i];
        it->level = levels[i];
        it->script = S->scripts[i];
        const text_shaped_glyph *g;
        size_t n = text_shaper_run(lo->shaper, it->font, t, m, i, j, it->level & 1, it->script, hblang, &g);
        lo->work.chars_shaped += j - i;
        text_shaped_glyph *copy = realloc(it->glyphs, (n ? n : 1) * sizeof *copy);
        if (!copy) {
            text_bidi_free(bidi);
            return vk_error_set(err, NULL, 0, "out of memory");
        }
        if (n)
            memcpy(copy, g, n * sizeof *copy);
        it->glyphs = copy;
        it->glyph_count = n;
        float k = st->size / (float)text_font_upem(it->font);
        for (size_t q = i; q < j; q++)
            S->adv[q] = 0;
        for (size_t q = 0; q < n; q++)
            S->adv[g[q].cluster] += (float)g[q].x_advance * k;
        i = j;
    }
    S->prefix[0] = 0;
    for (size_t i = 0; i < m; i++)
        S->prefix[i + 1] = S->prefix[i] + S->adv[i];

    if (!text_breaker_analyze(br, t, m, S->flags, err)) {
        text_bidi_free(bidi);
        return 0;
    }

    size_t s = 0, item_cursor = 0;
    do {
        /* Greedy line filling (what a typesetter does for ragged text): take the last break
         * opportunity whose line, without its trailing spaces, fits. The scan stops once the visible
         * width passes the limit, so a paragraph costs linear time however long its words. */
        size_t last_ok = 0, p = s + 1, visible_end = s;
        for (; p <= m; p++) {
            lo->work.positions_scanned++;
            if (!is_trailing_space(uf, t[p - 1]))
                visible_end = p;
            double w = S->prefix[visible_end] - S->prefix[s];
            if (max_w > 0 && w > max_w)
                break;
            if (S->flags[p] & TEXT_BREAK_LINE) {
                last_ok = p;
                if ((S->flags[p] & TEXT_BREAK_MANDATORY) && p < m)
                    break;
            }
        }
        size_t e;
        bool forced = false;
        if (last_ok > s) {
            e = last_ok;
        } else if (m == 0) {
            e = 0;
        } else {
            /* No opportunity fits: break the word at grapheme cluster boundaries (UAX #29), never
             * inside a cluster, taking at least one cluster. */
            e = grapheme_cut(lo, S, m, s, p > m ? m : p, max_w);
            forced = true;
        }

        size_t v = e;
        while (v > s && is_trailing_space(uf, t[v - 1]))
            v--;
        while (item_cursor < item_count && S->items[item_cursor].end <= s)
            item_cursor++;

        /* The estimate above sums whole-item shaping; where a line end cuts through a ligature or a
         * joining form, the piece is shaped again below and may come out wider (an Arabic letter's
         * final form is wider than its medial one). Measure the candidate as it will be drawn and step
         * back while it overflows: to the previous opportunity, else a grapheme at a time, keeping at
         * least one grapheme. Only the cut pieces are shaped again, and only a few times a line. */
        while (max_w > 0 && v > s && line_width(lo, st, hblang, t, S, item_count, item_cursor, s, e, v) > max_w) {
            size_t q = s;
            if (!forced) {
                for (q = e - 1; q > s && !(S->flags[q] & TEXT_BREAK_LINE); q--)
                    lo->work.positions_scanned++;
                if (q == s) {
                    /* the first word alone overflows: cut it before its visible end */
                    forced = true;
                    q = grapheme_cut(lo, S, m, s, v - 1, max_w);
                    if (q >= v)
                        break; /* a single grapheme wider than the box */
                }
            } else {
                q = grapheme_before(lo, S, s, e);
                if (q == s)
                    break; /* a single grapheme wider than the box */
            }
            e = q;
            v = e;
            while (v > s && is_trailing_space(uf, t[v - 1]))
                v--;
        }

        /* Pieces of items inside the visible part of the line. */
        size_t piece_count = 0;
        for (size_t k = item_cursor; k < item_count && S->items[k].start < v; k++) {
            const item *it = &S->items[k];
            uint32_t a = it->start > s ? it->start : (uint32_t)s;
            uint32_t b = it->end < v ? it->end : (uint32_t)v;
            if (a >= b)
                continue;
            if (!grow((void **)&S->pieces, &S->piece_cap, piece_count + 1, sizeof *S->pieces)) {
                text_bidi_free(bidi);
                return vk_error_set(err, NULL, 0, "out of memory");
            }
            S->pieces[piece_count++] = (piece){it, a, b, 0};
        }

        /* UAX #9 L1-L2 for this line; a piece is one level, so its characters stay together and the
         * visual position of its first character orders it among the others. */
        if (e > s) {
            if (!text_bidi_reorder_line(bidi, s, e, S->line_levels, S->order)) {
                text_bidi_free(bidi);
                return vk_error_set(err, NULL, 0, "out of memory in bidi reordering");
            }
            for (size_t k = 0; k < e - s; k++)
                S->inverse[S->order[k] - s] = (uint32_t)k;
            for (size_t k = 0; k < piece_count; k++)
                S->pieces[k].visual_key = S->inverse[S->pieces[k].start - s];
            if (piece_count > 1)
                qsort(S->pieces, piece_count, sizeof *S->pieces, cmp_piece);
        }

        if (!grow((void **)&L->lines, &O->line_cap, L->line_count + 1, sizeof *L->lines)) {
            text_bidi_free(bidi);
            return vk_error_set(err, NULL, 0, "out of memory");
        }
        text_line *line = &L->lines[L->line_count++];
        line->start = base + (uint32_t)s;
        line->end = base + (uint32_t)e;
        line->run_start = (uint32_t)L->run_count;
        line->run_count = 0;
        line->paragraph_level = (uint8_t)par_level;
        line->top = *y;
        line->height = line_h;
        line->baseline = *y + (line_h - (asc - desc)) / 2 + asc;

        float pen = 0;
        for (size_t k = 0; k < piece_count; k++) {
            const piece *pc = &S->pieces[k];
            const item *it = pc->it;
            size_t glo = 0, ghi = it->glyph_count;
            const text_shaped_glyph *g = it->glyphs;
            uint32_t cluster_base = 0;
            if (pc->start != it->start || pc->end != it->end) {
                if (!slice_item(it, pc->start, pc->end, &glo, &ghi)) {
                    /* HarfBuzz says the cut changes shaping (a ligature or a joining form spans it):
                     * shape the piece again with the line as its context. */
                    ghi = text_shaper_run(lo->shaper, it->font, t + s, e - s, pc->start - s, pc->end - s,
                                          it->level & 1, it->script, hblang, &g);
                    glo = 0;
                    cluster_base = (uint32_t)s;
                    lo->work.chars_shaped += pc->end - pc->start;
                }
            }
            if (!grow((void **)&L->runs, &O->run_cap, L->run_count + 1, sizeof *L->runs) ||
                !grow((void **)&L->glyphs, &O->glyph_cap, L->glyph_count + (ghi - glo), sizeof *L->glyphs)) {
                text_bidi_free(bidi);
                return vk_error_set(err, NULL, 0, "out of memory");
            }
            text_run *run = &L->runs[L->run_count++];
            run->font = it->font;
            run->start = base + pc->start;
            run->end = base + pc->end;
            run->level = it->level;
            run->script = it->script;
            run->attrs = it->attrs;
            run->glyph_start = (uint32_t)L->glyph_count;
            run->glyph_count = (uint32_t)(ghi - glo);
            run->x = pen;
            float kk = st->size / (float)text_font_upem(it->font);
            for (size_t q = glo; q < ghi; q++) {
                text_glyph *o = &L->glyphs[L->glyph_count++];
                o->id = g[q].id;
                o->cluster = base + cluster_base + g[q].cluster;
                o->x = pen + (float)g[q].x_offset * kk;
                o->y = line->baseline - (float)g[q].y_offset * kk;
                o->advance = (float)g[q].x_advance * kk;
                pen += o->advance;
            }
            run->width = pen - run->x;
            line->run_count++;
        }
        line->width = pen;
        line->x = 0;
        *y += line_h;
        s = e;
    } while (s < m);

    text_bidi_free(bidi);
    return 1;
}

text_layout *text_layout_paragraph(text_layouter *lo, const text_style *st, const char *utf8, size_t len,
                                   float max_width, vk_error *err)
{
    return text_layout_rich(lo, st, utf8, len, NULL, 0, max_width, err);
}

text_layout *text_layout_rich(text_layouter *lo, const text_style *st, const char *utf8, size_t len,
                              const text_span *spans, size_t span_count, float max_width, vk_error *err)
{
    text_layout *L = calloc(1, sizeof *L);
    if (!L) {
        vk_error_set(err, NULL, 0, "out of memory");
        return NULL;
    }
    L->size = st->size;
    out O = {L, 0, 0, 0};
    scratch S = {0};
    size_t n = 0;
    uint32_t *cp = vk_utf8_to_utf32(utf8 ? utf8 : "", utf8 ? len : 0, &n);
    text_breaker *br = cp ? breaker_for(lo, st->language, err) : NULL;
    if (!cp || !br) {
        if (!cp)
            vk_error_set(err, NULL, 0, "out of memory");
        free(cp);
        text_layout_free(L);
        return NULL;
    }
    L->char_count = n;
    /* Tabs become spaces and other control characters U+FFFD, so nothing invisible turns into a
     * .notdef box and nothing is dropped silently. Paragraph separators stay: they split below. */
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cp[i];
        if (c == 0x09)
            cp[i] = 0x20;
        else if ((c < 0x20 || (c >= 0x7F && c < 0xA0)) && !is_paragraph_separator(c))
            cp[i] = VK_REPLACEMENT_CHAR;
    }
    size_t m1 = n + 1;
    S.attrs = calloc(m1, 1);
    if (S.attrs && span_count) {
        /* attributes are given on bytes; the engine works on code points */
        size_t byte = 0;
        for (size_t i = 0; i < n && utf8; i++) {
            uint32_t ignored;
            for (size_t k = 0; k < span_count; k++)
                if (byte >= spans[k].start && byte < spans[k].end)
                    S.attrs[i] |= spans[k].attrs;
            byte += vk_utf8_decode(utf8 + byte, len - byte, &ignored);
        }
    }
    S.scripts = malloc(m1 * sizeof *S.scripts);
    S.fonts = malloc(m1 * sizeof *S.fonts);
    S.adv = malloc(m1 * sizeof *S.adv);
    S.prefix = malloc(m1 * sizeof *S.prefix);
    S.flags = malloc(m1);
    S.line_levels = malloc(m1);
    S.order = malloc(m1 * sizeof *S.order);
    S.inverse = malloc(m1 * sizeof *S.inverse);
    bool ok = S.attrs && S.scripts && S.fonts && S.adv && S.prefix && S.flags && S.line_levels && S.order && S.inverse;
    if (!ok)
        vk_error_set(err, NULL, 0, "out of memory");

    hb_language_t hblang = hb_language_from_string(st->language ? st->language : "", -1);
    float y = 0;
    size_t seg = 0;
    bool first = true;
    while (ok) {
        size_t end = seg;
        while (end < n && !is_paragraph_separator(cp[end]))
            end++;
        ok = layout_segment(lo, st, hblang, br, cp + seg, S.attrs + seg, end - seg, (uint32_t)seg, max_width, &S, &O, &y,
                            first, err);
        first = false;
        if (end >= n)
            break;
        seg = end + 1;
        if (cp[end] == 0x0D && seg < n && cp[seg] == 0x0A)
            seg++; /* CR LF is one separator */
    }
    scratch_free(&S);
    free(cp);
    if (!ok) {
        text_layout_free(L);
        return NULL;
    }

    float box = max_width;
    if (box <= 0) {
        box = 0;
        for (size_t i = 0; i < L->line_count; i++)
            box = fmaxf(box, L->lines[i].width);
    }
    L->width = box;
    L->height = y;
    /* Alignment: start is the paragraph's own start side (UAX #9 sets it), so a right-to-left paragraph
     * hangs from the right edge. */
    for (size_t i = 0; i < L->line_count; i++) {
        text_line *line = &L->lines[i];
        bool rtl = line->paragraph_level & 1;
        float slack = box - line->width, dx;
        switch (st->align) {
        case TEXT_ALIGN_CENTER: dx = slack / 2; break;
        case TEXT_ALIGN_END: dx = rtl ? 0 : slack; break;
        default: dx = rtl ? slack : 0; break;
        }
        line->x = dx;
        for (uint32_t r = line->run_start; r < line->run_start + line->run_count; r++) {
            text_run *run = &L->runs[r];
            run->x += dx;
            for (uint32_t g = run->glyph_start; g < run->glyph_start + run->glyph_count; g++)
                L->glyphs[g].x += dx;
        }
    }
    return L;
}
