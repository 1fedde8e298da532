/* The localized page: see localize.h. */
#include "i18n/localize.h"

#include <stdlib.h>
#include <string.h>

#include "content/markdown.h"

const char *i18n_content_text(const i18n_content_chain *c, const char *source, int *lang)
{
    int level;
    const char *s = i18n_tr_get_ex(&c->tr, NULL, source, &level);
    *lang = level >= 0 ? c->chain_lang[level] : c->source_lang;
    return s;
}

static bool copy_block(const content_block *src, const char *markdown, content_block *out)
{
    memset(out, 0, sizeof *out);
    out->kind = src->kind;
    out->level = src->level;
    out->number = src->number;
    out->box = src->box;
    out->box_kind = src->box_kind;
    out->line = src->line;
    if (!content_inline_parse(markdown, strlen(markdown), out))
        return false;
    /* a link keeps its target when the translator kept its address */
    for (size_t i = 0; i < out->link_count; i++) {
        content_link *l = &out->links[i];
        for (size_t k = 0; k < src->link_count; k++)
            if (strcmp(src->links[k].href, l->href) == 0) {
                l->external = src->links[k].external;
                free(l->page);
                l->page = src->links[k].page ? strdup(src->links[k].page) : NULL;
                break;
            }
    }
    return true;
}

static bool is_digit_at(const char *s, size_t i, size_t n, size_t *len)
{
    unsigned char c = (unsigned char)s[i];
    if (c >= '0' && c <= '9') {
        *len = 1;
        return true;
    }
    /* U+0660..U+0669 ARABIC-INDIC and U+06F0..U+06F9 EXTENDED ARABIC-INDIC digits: D9 A0..A9, DB B0..B9 */
    if (i + 1 < n && ((c == 0xD9 && (unsigned char)s[i + 1] >= 0xA0 && (unsigned char)s[i + 1] <= 0xA9) ||
                      (c == 0xDB && (unsigned char)s[i + 1] >= 0xB0 && (unsigned char)s[i + 1] <= 0xB9))) {
        *len = 2;
        return true;
    }
    return false;
}

/* The end of a grouped number starting at i (digits, then separator + digits, repeated), or i when
 * there is no second group. */
static size_t number_end(const char *s, size_t i, size_t n)
{
    size_t k, groups = 0, j = i;
    if (s[j] == '+')
        j++;
    for (;;) {
        size_t start = j;
        while (j < n && is_digit_at(s, j, n, &k))
            j += k;
        if (j == start)
            return groups >= 2 ? start - 1 : i;
        groups++;
        if (j < n && strchr(" .-/:,", s[j]) && j + 1 < n && is_digit_at(s, j + 1, n, &k) && s[j] != 0)
            j++;
        else
            return groups >= 2 ? j : i;
    }
}

bool i18n_isolate_ltr(content_block *b)
{
    if (!b->text)
        return true;
    const char *s = b->text;
    size_t n = strlen(s);
    /* ranges to isolate: code spans first, then grouped numbers outside them */
    typedef struct range {
        size_t start, end;
    } range;
    range *r = NULL;
    size_t rn = 0, rcap = 0;
#define PUSH(a, z)                                                                                    \
    do {                                                                                              \
        if (rn == rcap) {                                                                             \
            rcap = rcap ? rcap * 2 : 8;                                                               \
            range *g_ = realloc(r, rcap * sizeof *r);                                                 \
            if (!g_) {                                                                                \
                free(r);                                                                              \
                return false;                                                                         \
            }                                                                                         \
            r = g_;                                                                                   \
        }                                                                                             \
        r[rn++] = (range){(a), (z)};                                                                  \
    } while (0)
    for (size_t i = 0; i < b->span_count; i++)
        if (b->spans[i].style & CONTENT_STYLE_CODE)
            PUSH(b->spans[i].start, b->spans[i].end);
    for (size_t i = 0; i < n;) {
        bool inside = false;
        for (size_t k = 0; k < rn && !inside; k++)
            inside = i >= r[k].start && i < r[k].end;
        size_t dl;
        bool starts = !inside && (is_digit_at(s, i, n, &dl) || (s[i] == '+' && i + 1 < n && is_digit_at(s, i + 1, n, &dl)));
        /* a number starts at a word boundary, not in the middle of "A4" */
        bool boundary = i == 0 || s[i - 1] == ' ' || s[i - 1] == '(' || (unsigned char)s[i - 1] >= 0x80;
        size_t e = starts && boundary ? number_end(s, i, n) : i;
        if (e > i) {
            PUSH(i, e);
            i = e;
        } else {
            i++;
        }
    }
#undef PUSH
    if (rn == 0) {
        free(r);
        return true;
    }
    /* rebuild the text with LRI/PDI around each range (3 bytes each in UTF-8) and move the spans */
    char *out = malloc(n + rn * 6 + 1);
    if (!out) {
        free(r);
        return false;
    }
    size_t w = 0;
    for (size_t i = 0; i <= n; i++) {
        for (size_t k = 0; k < rn; k++)
            if (r[k].end == i) {
                memcpy(out + w, "\xE2\x81\xA9", 3);
                w += 3;
            }
        for (size_t k = 0; k < rn; k++)
            if (r[k].start == i) {
                memcpy(out + w, "\xE2\x81\xA6", 3);
                w += 3;
            }
        if (i < n)
            out[w++] = s[i];
    }
    out[w] = 0;
    for (size_t i = 0; i < b->span_count; i++) {
        content_span *sp = &b->spans[i];
        size_t add_start = 0, add_end = 0;
        for (size_t k = 0; k < rn; k++) {
            /* marks at a position count before a span that starts there, inside one that ends there */
            add_start += (r[k].start < sp->start) * 3 + (r[k].end <= sp->start) * 3;
            add_end += (r[k].start < sp->end) * 3 + (r[k].end < sp->end) * 3;
        }
        sp->start += (uint32_t)add_start;
        sp->end += (uint32_t)add_end;
    }
    free(r);
    free(b->text);
    b->text = out;
    return true;
}

i18n_page *i18n_page_localize(const content_page *p, const i18n_content_chain *c, int wanted_lang)
{
    i18n_page *lp = calloc(1, sizeof *lp);
    if (!lp)
        return NULL;
    lp->source = p;
    lp->title = i18n_content_text(c, p->title ? p->title : "", &lp->title_lang);
    lp->fallback_count += lp->title_lang != wanted_lang;
    lp->blocks = calloc(p->block_count ? p->block_count : 1, sizeof *lp->blocks);
    if (!lp->blocks) {
        free(lp);
        return NULL;
    }
    for (size_t i = 0; i < p->block_count; i++) {
        const content_block *src = &p->blocks[i];
        i18n_block *b = &lp->blocks[lp->block_count++];
        b->source = src;
        if (src->kind == CONTENT_RULE) {
            b->lang = wanted_lang;
            b->shown.kind = CONTENT_RULE;
            b->shown.box = src->box;
            b->shown.box_kind = src->box_kind;
            continue;
        }
        const char *md = i18n_content_text(c, src->source, &b->lang);
        lp->fallback_count += b->lang != wanted_lang;
        if (!copy_block(src, md, &b->shown) || !i18n_isolate_ltr(&b->shown)) {
            i18n_page_free(lp);
            return NULL;
        }
        if (src->kind == CONTENT_IMAGE && src->image_file) {
            b->shown.image_file = strdup(src->image_file);
            b->shown.image = src->image ? strdup(src->image) : NULL;
        }
    }
    return lp;
}

void i18n_page_free(i18n_page *lp)
{
    if (!lp)
        return;
    for (size_t i = 0; i < lp->block_count; i++)
        content_block_free(&lp->blocks[i].shown);
    free(lp->blocks);
    free(lp);
}
