/* A content page as static HTML for a browser kiosk: see page_html.h. The sizes follow build_page and
 * build_bar in src/ui/ui.c at a 1080 px short side (scale 1). */
#include "page_html.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <SDL_image.h>

#include "i18n/localize.h"
#include "ui/qr.h"
#include "ui/theme.h"

#define SCREEN_H 1080.0f

/* ---- choosing the page --------------------------------------------------------------------------- */

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static i18n_page *localize(const app_resources *res, size_t li, const content_page *p)
{
    const ui_language *l = &res->ui_langs[li];
    i18n_content_chain none = {{{0}, 0}, {0}, (int)res->source_lang};
    return i18n_page_localize(p, l->content ? l->content : &none, (int)li);
}

bool bench_pick_page(const app_resources *res, size_t li, const char *page_id, bench_page_pick *out)
{
    const content_tree *t = &res->content;
    *out = (bench_page_pick){0};
    for (size_t i = 0; i < t->page_count; i++) {
        if (page_id && strcmp(t->pages[i].id, page_id) != 0)
            continue;
        i18n_page *lp = localize(res, li, &t->pages[i]);
        if (!lp)
            return false;
        bench_page_pick p = {&t->pages[i], utf8_chars(lp->title), lp->block_count, lp->fallback_count};
        for (size_t b = 0; b < lp->block_count; b++)
            p.chars += utf8_chars(lp->blocks[b].shown.text);
        i18n_page_free(lp);
        if (!out->page || p.chars > out->chars)
            *out = p;
    }
    return true;
}

/* ---- writing ------------------------------------------------------------------------------------- */

typedef struct writer {
    const app_resources *res;
    FILE *f;
    size_t reader;     /* the reader's language */
    const i18n_tr *tr; /* its interface strings */
    char root[PATH_MAX]; /* the data directory, absolute */
    char content[PATH_MAX];
} writer;

static void esc_n(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n && s[i]; i++) {
        switch (s[i]) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(s[i], f);
        }
    }
}

static void esc(FILE *f, const char *s)
{
    esc_n(f, s, s ? strlen(s) : 0);
}

static void css_color(FILE *f, ui_color c)
{
    fprintf(f, "#%02X%02X%02X", c.r, c.g, c.b);
}

/* The text engine's line height for a language at a size: the largest ascender, descender and gap
 * of the language's fonts (text_style_metrics), as the kiosk spaces the lines of a paragraph. */
static float line_height(const writer *w, size_t lang, bool bold, float size)
{
    const app_resources *res = w->res;
    text_style st = {.fonts = bold ? &res->bold[lang] : &res->regular[lang], .size = size, .line_spacing = 1.0f};
    float asc, desc, lh;
    text_style_metrics(&st, &asc, &desc, &lh);
    return lh;
}

/* lang="ar" dir="rtl" and the engine's line height at that size, for an element in language `lang` */
static void lang_attrs(const writer *w, size_t lang, bool bold, float size)
{
    const i18n_lang *l = &w->res->langs.langs[lang];
    fprintf(w->f, " lang=\"%s\" dir=\"%s\" style=\"font-size:%.1fpx;line-height:%.2fpx\"", l->code, l->rtl ? "rtl" : "ltr",
            size, line_height(w, lang, bold, size));
}

/* The font families of the bundled fonts, each once, as CSS names equal to the file's family. */
static size_t families(const app_resources *res, char out[][64], size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < res->langs.count; i++)
        for (int k = 0; k < res->langs.langs[i].font_count; k++) {
            const char *fam = res->langs.langs[i].fonts[k];
            bool seen = false;
            for (size_t j = 0; j < n; j++)
                seen = seen || strcmp(out[j], fam) == 0;
            if (!seen && n < cap)
                snprintf(out[n++], 64, "%s", fam);
        }
    return n;
}

static void write_css(const writer *w)
{
    FILE *f = w->f;
    const app_resources *res = w->res;
    const ui_theme *T = &ui_theme_normal;
    char fam[16][64];
    size_t nf = families(res, fam, 16);
    fputs("<style>\n", f);
    for (size_t i = 0; i < nf; i++) {
        fprintf(f, "@font-face{font-family:\"%s\";font-weight:400;src:url(\"file://%s/assets/fonts/%s-Regular.ttf\")}\n",
                fam[i], w->root, fam[i]);
        fprintf(f, "@font-face{font-family:\"%s\";font-weight:700;src:url(\"file://%s/assets/fonts/%s-Bold.ttf\")}\n",
                fam[i], w->root, fam[i]);
    }
    /* each language in its own fonts first, then every bundled font, as the engine's fallback chain */
    for (size_t i = 0; i < res->langs.count; i++) {
        const i18n_lang *l = &res->langs.langs[i];
        fprintf(f, "[lang=\"%s\"]{font-family:", l->code);
        for (int k = 0; k < l->font_count; k++)
            fprintf(f, "\"%s\",", l->fonts[k]);
        for (size_t j = 0; j < nf; j++)
            fprintf(f, "\"%s\",", fam[j]);
        fputs("sans-serif}\n", f);
    }
    fputs("*{box-sizing:border-box}\nhtml,body{margin:0;padding:0}\nbody{background:", f);
    css_color(f, T->background);
    fputs(";color:", f);
    css_color(f, T->text);
    fprintf(f, ";font-size:%.0fpx}\n", THEME_BODY_SIZE);
    /* the bar: never scrolls; Back and Home at the reading start, the language at the end */
    fprintf(f, ".bar{position:fixed;top:0;left:0;right:0;height:%.0fpx;background:", THEME_BAR_HEIGHT + 2);
    css_color(f, T->surface);
    fputs(";border-bottom:2px solid ", f);
    css_color(f, T->rule);
    fprintf(f, ";display:flex;justify-content:space-between;align-items:center;padding:0 %.0fpx;font-weight:700;"
               "z-index:1}\n",
            THEME_MARGIN);
    fprintf(f, ".bar div{display:flex;gap:%.0fpx}\n", THEME_GAP);
    fprintf(f, ".btn{display:inline-flex;align-items:center;justify-content:center;height:80px;padding:0 32px;"
               "border-radius:%.0fpx;background:",
            THEME_RADIUS);
    css_color(f, T->accent);
    fputs(";color:", f);
    css_color(f, T->on_accent);
    fputs(";white-space:pre;font-weight:700}\n.lang{background:", f);
    css_color(f, T->surface);
    fputs(";color:", f);
    css_color(f, T->text);
    fputs(";border:2px solid ", f);
    css_color(f, T->rule);
    fputs("}\n", f);
    /* the page's column: under the bar and 48 px more, 1240 px wide, centred */
    fprintf(f, "main{width:%.0fpx;margin:0 auto;padding:%.0fpx 0 96px}\n", THEME_MEASURE, THEME_BAR_HEIGHT + 48);
    fprintf(f, ".notice{border-radius:%.0fpx;padding:16px 24px;margin-bottom:32px;background:", THEME_RADIUS);
    css_color(f, T->notice);
    fputs("}\n", f);
    fputs("h1{font-weight:700;margin:0 0 32px}\nh2,h3,h4{font-weight:700;margin:16px 0 12px}\np{margin:0 0 24px}\n", f);
    fprintf(f, ".bil{display:inline-flex;align-items:center;height:72px;padding:0 32px;border-radius:%.0fpx;"
               "font-weight:700;margin-bottom:32px;background:",
            THEME_RADIUS);
    css_color(f, T->surface);
    fputs(";color:", f);
    css_color(f, T->link);
    fputs("}\n.li{position:relative}\n.dot{position:absolute;width:12px;height:12px;border-radius:6px;background:", f);
    css_color(f, T->text);
    fputs("}\n.num{position:absolute;width:52px;height:52px;border-radius:26px;display:flex;align-items:center;"
          "justify-content:center;font-weight:700;background:",
          f);
    css_color(f, T->accent);
    fputs(";color:", f);
    css_color(f, T->on_accent);
    /* a box: 28 px inside; the last block's 24 px gap and 4 px more close it, then a 24 px gap */
    fprintf(f, "}\n.box{border-radius:%.0fpx;padding:28px 28px 4px;margin-bottom:24px}\n.note{background:", THEME_RADIUS);
    css_color(f, T->note_box);
    fputs("}\n.why{background:", f);
    css_color(f, T->why_box);
    fputs("}\n.label{font-weight:700;margin-bottom:8px}\n.note .label{color:", f);
    css_color(f, T->note_label);
    fputs("}\n.why .label{color:", f);
    css_color(f, T->why_label);
    fputs("}\nfigure{margin:0 0 24px;text-align:center}\nfigure img{display:block;margin:0 auto 8px}\n"
          "figcaption,.cap{color:",
          f);
    css_color(f, T->text_quiet);
    fputs("}\nhr{border:0;height:2px;margin:12px 0 18px;background:", f);
    css_color(f, T->rule);
    fputs("}\na{color:", f);
    css_color(f, T->link);
    fputs(";text-decoration:underline}\n.term{text-decoration:underline dotted}\n", f);
    fprintf(f, ".helpful{display:flex;flex-wrap:wrap;align-items:center;gap:%.0fpx;margin:24px 0}\n"
               ".helpful .q{font-weight:700;margin-inline-end:16px}\n"
               ".helpful .btn{height:88px;min-width:160px}\n"
               ".qrhint{font-weight:700;margin:48px 0 16px}\n.qrs{display:flex;flex-wrap:wrap;gap:%.0fpx}\n"
               ".qr{width:260px}\n.qr svg{display:block}\n.qr .cap{text-align:center;margin-top:8px}\n",
            THEME_GAP, THEME_GAP);
    fputs("</style>\n", f);
}

/* ---- a block's text: spans, links, glossary words ---------------------------------------------- */

enum { A_BOLD = 1, A_LINK = 2, A_TERM = 4 };

typedef struct mark {
    uint32_t start, end;
    uint8_t attrs;
} mark;

static bool word_char(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z') || c >= 0x80;
}

/* The first occurrence on the page of each glossary word, as a whole word (as src/ui/ui.c finds them). */
static size_t find_terms(const content_tree *c, const char *text, bool *seen, mark *out, size_t cap)
{
    size_t nf = 0, n = strlen(text);
    for (size_t k = 0; c && k < c->term_count && k < 512 && nf < cap; k++) {
        if (seen[k])
            continue;
        const char *t = c->terms[k].term;
        size_t tl = strlen(t);
        for (size_t i = 0; i + tl <= n; i++) {
            if (strncasecmp(text + i, t, tl) != 0)
                continue;
            if ((i > 0 && word_char((unsigned char)text[i - 1])) || (i + tl < n && word_char((unsigned char)text[i + tl])))
                continue;
            out[nf++] = (mark){(uint32_t)i, (uint32_t)(i + tl), A_TERM};
            seen[k] = true;
            break;
        }
    }
    return nf;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* The block's text cut at every span edge, each piece wrapped in what covers it. */
static void rich_text(writer *w, const content_block *blk, bool *seen_terms, bool terms)
{
    FILE *f = w->f;
    size_t n = strlen(blk->text);
    mark marks[64];
    size_t nm = 0;
    for (size_t i = 0; i < blk->span_count && nm < 48; i++) {
        const content_span *sp = &blk->spans[i];
        uint8_t a = 0;
        if (sp->style & (CONTENT_STYLE_STRONG | CONTENT_STYLE_EM))
            a |= A_BOLD; /* the kiosk draws both in the bold face */
        if (sp->link >= 0 && (size_t)sp->link < blk->link_count &&
            (blk->links[sp->link].page || blk->links[sp->link].external))
            a |= A_LINK;
        if (a)
            marks[nm++] = (mark){sp->start, sp->end, a};
    }
    if (terms)
        nm += find_terms(w->res ? &w->res->content : NULL, blk->text, seen_terms, marks + nm, 64 - nm);
    uint32_t cuts[130];
    size_t nc = 0;
    cuts[nc++] = 0;
    cuts[nc++] = (uint32_t)n;
    for (size_t i = 0; i < nm; i++) {
        cuts[nc++] = marks[i].start < n ? marks[i].start : (uint32_t)n;
        cuts[nc++] = marks[i].end < n ? marks[i].end : (uint32_t)n;
    }
    qsort(cuts, nc, sizeof *cuts, cmp_u32);
    for (size_t c = 0; c + 1 < nc; c++) {
        uint32_t a = cuts[c], e = cuts[c + 1];
        if (a == e)
            continue;
        uint8_t attrs = 0;
        for (size_t i = 0; i < nm; i++)
            if (marks[i].start <= a && marks[i].end >= e)
                attrs |= marks[i].attrs;
        if (attrs & A_LINK)
            fputs("<a href=\"#\">", f);
        if (attrs & A_TERM)
            fputs("<span class=\"term\">", f);
        if (attrs & A_BOLD)
            fputs("<b>", f);
        esc_n(f, blk->text + a, e - a);
        if (attrs & A_BOLD)
            fputs("</b>", f);
        if (attrs & A_TERM)
            fputs("</span>", f);
        if (attrs & A_LINK)
            fputs("</a>", f);
    }
}

/* ---- the page ------------------------------------------------------------------------------------ */

static void write_bar(writer *w)
{
    FILE *f = w->f;
    const ui_language *l = &w->res->ui_langs[w->reader];
    fputs("<header class=\"bar\"", f);
    lang_attrs(w, w->reader, true, THEME_BAR_SIZE);
    fputs("><div><span class=\"btn\">\u2039  ", f);
    esc(f, _(w->tr, "Back"));
    fputs("</span><span class=\"btn\">", f);
    esc(f, _(w->tr, "Home"));
    /* from the reading end: the language (in its own script), then contrast and text size */
    fputs("</span></div><div><span class=\"btn\">A\u2009A</span><span class=\"btn\">", f);
    esc(f, _(w->tr, "Contrast"));
    fputs("</span><span class=\"btn lang\">", f);
    esc(f, l->meta->native);
    fputs("</span></div></header>\n", f);
}

/* The picture's size as the kiosk draws it: never more than twice its pixels, never wider than the
 * column, never taller than 70% of the screen under the bar. */
static bool picture_size(const writer *w, const char *file, float bcw, float *pw, float *ph)
{
    char path[PATH_MAX + 600];
    snprintf(path, sizeof path, "%s/%s", w->content, file);
    SDL_Surface *s = IMG_Load(path);
    if (!s)
        return false;
    float iw = (float)s->w, ih = (float)s->h;
    SDL_FreeSurface(s);
    if (iw <= 0 || ih <= 0)
        return false;
    float pwid = fminf(bcw, iw * 2), phei = pwid * ih / iw, hmax = (SCREEN_H - THEME_BAR_HEIGHT) * 0.7f;
    if (phei > hmax) {
        pwid *= hmax / phei;
        phei = hmax;
    }
    *pw = pwid;
    *ph = phei;
    return true;
}

static void write_qr(writer *w, const char *url, size_t lang)
{
    FILE *f = w->f;
    ui_display_list dl = {0};
    ui_display_clear(&dl, 260, 260, (ui_color){255, 255, 255, 255});
    fputs("<div class=\"qr\"><svg width=\"260\" height=\"260\" viewBox=\"0 0 260 260\" shape-rendering=\"crispEdges\">", f);
    if (ui_qr_draw(&dl, url, 0, 0, 260))
        for (size_t i = 0; i < dl.count; i++) {
            const ui_item *it = &dl.items[i];
            fprintf(f, "<rect x=\"%g\" y=\"%g\" width=\"%g\" height=\"%g\" fill=\"", it->box.x, it->box.y, it->box.w,
                    it->box.h);
            css_color(f, it->color);
            fputs("\"/>", f);
        }
    ui_display_free(&dl);
    const char *shown = strstr(url, "://") ? strstr(url, "://") + 3 : url;
    fputs("</svg><div class=\"cap\"", f);
    lang_attrs(w, lang, false, 22);
    fputs(">\u2066", f);
    esc(f, shown);
    fputs("\u2069</div></div>\n", f);
}

bool bench_page_html(const app_resources *res, size_t li, const content_page *p, FILE *out)
{
    writer w = {.res = res, .f = out, .reader = li, .tr = &res->ui_langs[li].tr};
    if (!realpath(res->data_dir, w.root))
        snprintf(w.root, sizeof w.root, "%s", res->data_dir);
    if (!res->content.root || !realpath(res->content.root, w.content)) {
        int n = snprintf(w.content, sizeof w.content, "%.*s/content", (int)(sizeof w.content - 9), w.root);
        (void)n;
    }
    i18n_page *lp = localize(res, li, p);
    if (!lp)
        return false;
    const i18n_lang *reader = &res->langs.langs[li];
    FILE *f = out;
    fprintf(f, "<!doctype html>\n<html lang=\"%s\" dir=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>", reader->code,
            reader->rtl ? "rtl" : "ltr");
    esc(f, lp->title);
    fputs("</title>\n", f);
    write_css(&w);
    fputs("</head>\n<body>\n", f);
    write_bar(&w);
    fputs("<main>\n", f);

    /* the notice when (part of) the page is not in the reader's language */
    if (lp->fallback_count) {
        char notice[512];
        const ui_language *cl = &res->ui_langs[lp->title_lang];
        if (lp->fallback_count == lp->block_count + 1)
            snprintf(notice, sizeof notice, _(w.tr, "This page is not yet translated into %s. It is shown in %s."),
                     reader->native, cl->meta->native);
        else
            snprintf(notice, sizeof notice, _(w.tr, "Part of this page is not yet translated into %s."), reader->native);
        fputs("<div class=\"notice\"", f);
        lang_attrs(&w, li, false, 28);
        fputs(">", f);
        esc(f, notice);
        fputs("</div>\n", f);
    }
    fputs("<h1", f);
    lang_attrs(&w, (size_t)lp->title_lang, true, THEME_TITLE_SIZE);
    fputs(">", f);
    esc(f, lp->title);
    fputs("</h1>\n", f);
    if (li != res->source_lang) {
        fputs("<div><span class=\"bil\"", f);
        lang_attrs(&w, li, true, 30);
        fputs(">", f);
        esc(f, _(w.tr, "Show the Danish text too"));
        fputs("</span></div>\n", f);
    }

    bool seen_terms[512] = {false};
    int open_box = 0;
    for (size_t i = 0; i < lp->block_count; i++) {
        const content_block *blk = &lp->blocks[i].shown;
        size_t bl = (size_t)lp->blocks[i].lang;
        const i18n_lang *meta = &res->langs.langs[bl];
        if (blk->box != open_box) {
            if (open_box)
                fputs("</div>\n", f);
            open_box = blk->box;
            if (blk->box) {
                bool why = blk->box_kind == CONTENT_BOX_WHY;
                fprintf(f, "<div class=\"box %s\"><div class=\"label\"", why ? "why" : "note");
                lang_attrs(&w, li, true, 30);
                fputs(">", f);
                esc(f, why ? _(w.tr, "Why?") : _(w.tr, "Good to know"));
                fputs("</div>\n", f);
            }
        }
        float bcw = THEME_MEASURE - (blk->box ? 2 * 28 : 0);
        switch (blk->kind) {
        case CONTENT_HEADING: {
            float size = blk->level <= 1 ? 48 : blk->level == 2 ? 42 : 38;
            int h = blk->level <= 1 ? 2 : blk->level == 2 ? 3 : 4;
            fprintf(f, "<h%d", h);
            lang_attrs(&w, bl, true, size);
            fputs(">", f);
            rich_text(&w, blk, seen_terms, false);
            fprintf(f, "</h%d>\n", h);
            break;
        }
        case CONTENT_PARAGRAPH:
            fputs("<p", f);
            lang_attrs(&w, bl, false, THEME_BODY_SIZE);
            fputs(">", f);
            rich_text(&w, blk, seen_terms, true);
            fputs("</p>\n", f);
            break;
        case CONTENT_BULLET:
        case CONTENT_STEP: {
            bool step = blk->kind == CONTENT_STEP;
            float indent = 56 * (float)blk->level + (step ? 16 : 0);
            float lh = line_height(&w, bl, false, THEME_BODY_SIZE);
            fprintf(f, "<p class=\"li\" lang=\"%s\" dir=\"%s\" style=\"font-size:%.0fpx;line-height:%.2fpx;"
                       "padding-inline-start:%.0fpx\">",
                    meta->code, meta->rtl ? "rtl" : "ltr", THEME_BODY_SIZE, lh, indent);
            if (step)
                fprintf(f, "<span class=\"num\" style=\"inset-inline-start:%.0fpx;top:%.2fpx;font-size:28px\">%d</span>",
                        indent - 40 - 26, lh / 2 - 26, blk->number);
            else
                fprintf(f, "<span class=\"dot\" style=\"inset-inline-start:%.0fpx;top:%.2fpx\"></span>", indent - 24 - 6,
                        lh / 2 - 6);
            rich_text(&w, blk, seen_terms, true);
            fputs("</p>\n", f);
            break;
        }
        case CONTENT_IMAGE: {
            float pw, ph;
            if (!blk->image_file || !picture_size(&w, blk->image_file, bcw, &pw, &ph))
                break;
            fprintf(f, "<figure><img src=\"file://%s/", w.content);
            esc(f, blk->image_file);
            fprintf(f, "\" width=\"%.0f\" height=\"%.0f\" alt=\"\"><figcaption", pw, ph);
            lang_attrs(&w, bl, false, 28);
            fputs(">", f);
            esc(f, blk->text);
            fputs("</figcaption></figure>\n", f);
            break;
        }
        case CONTENT_RULE:
            fputs("<hr>\n", f);
            break;
        }
    }
    if (open_box)
        fputs("</div>\n", f);

    /* "Was this helpful?" with its two buttons */
    fputs("<div class=\"helpful\"", f);
    lang_attrs(&w, li, true, 34);
    fputs("><span class=\"q\">", f);
    esc(f, _(w.tr, "Was this helpful?"));
    fprintf(f, "</span><span class=\"btn\" style=\"font-size:%.1fpx\">", THEME_BUTTON_SIZE * 0.8f);
    esc(f, _(w.tr, "Yes"));
    fprintf(f, "</span><span class=\"btn\" style=\"font-size:%.1fpx\">", THEME_BUTTON_SIZE * 0.8f);
    esc(f, _(w.tr, "No"));
    fputs("</span></div>\n", f);

    /* the official pages to take home: the page's link, then every external address in its text */
    const char *urls[8];
    size_t nurl = 0;
    if (p->link)
        urls[nurl++] = p->link;
    for (size_t i = 0; i < p->block_count && nurl < 8; i++)
        for (size_t k = 0; k < p->blocks[i].link_count && nurl < 8; k++) {
            const content_link *l = &p->blocks[i].links[k];
            bool seen = false;
            for (size_t j = 0; j < nurl; j++)
                seen = seen || strcmp(urls[j], l->href) == 0;
            if (l->external && !seen && strncmp(l->href, "http", 4) == 0)
                urls[nurl++] = l->href;
        }
    if (nurl) {
        fputs("<div class=\"qrhint\"", f);
        lang_attrs(&w, li, true, 32);
        fputs(">", f);
        esc(f, _(w.tr, "Scan with your phone to read more at home"));
        fputs("</div>\n<div class=\"qrs\">\n", f);
        for (size_t i = 0; i < nurl; i++)
            write_qr(&w, urls[i], li);
        fputs("</div>\n", f);
    }
    fputs("</main>\n</body>\n</html>\n", f);
    i18n_page_free(lp);
    return !ferror(f);
}
