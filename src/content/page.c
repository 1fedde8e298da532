/* The page model: see page.h. */
#include "content/page.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void content_block_free(content_block *b)
{
    free(b->text);
    free(b->source);
    free(b->spans);
    for (size_t i = 0; i < b->link_count; i++) {
        free(b->links[i].href);
        free(b->links[i].page);
    }
    free(b->links);
    free(b->image);
    free(b->image_file);
    memset(b, 0, sizeof *b);
}

const char *content_page_recording(const content_page *p, const char *code, bool source_language)
{
    if (source_language)
        return p->audio;
    for (size_t i = 0; i < p->recording_count; i++)
        if (strcmp(p->recordings[i].lang, code) == 0)
            return p->recordings[i].file;
    return NULL;
}

void content_page_free(content_page *p)
{
    for (size_t i = 0; i < p->block_count; i++)
        content_block_free(&p->blocks[i]);
    free(p->blocks);
    free(p->id);
    free(p->title);
    free(p->summary);
    free(p->icon);
    free(p->link);
    free(p->audio);
    for (size_t i = 0; i < p->recording_count; i++)
        free(p->recordings[i].file);
    free(p->file);
    memset(p, 0, sizeof *p);
}

typedef struct dbuf {
    char *s;
    size_t n, cap;
    bool oom;
} dbuf;

static void dprintf_(dbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void dprintf_(dbuf *b, const char *fmt, ...)
{
    if (b->oom)
        return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int k = vsnprintf(b->s ? b->s + b->n : NULL, b->s ? b->cap - b->n : 0, fmt, ap);
        va_end(ap);
        if (k < 0) {
            b->oom = true;
            return;
        }
        if (b->s && b->n + (size_t)k < b->cap) {
            b->n += (size_t)k;
            return;
        }
        size_t cap = (b->cap ? b->cap * 2 : 1024) + (size_t)k;
        char *g = realloc(b->s, cap);
        if (!g) {
            b->oom = true;
            return;
        }
        b->s = g;
        b->cap = cap;
    }
}

static const char *kind_name(content_block_kind k)
{
    static const char *const names[] = {"heading", "paragraph", "bullet", "step", "image", "rule"};
    return (unsigned)k < sizeof names / sizeof *names ? names[k] : "?";
}

char *content_page_dump(const content_page *p)
{
    dbuf b = {0};
    dprintf_(&b, "page %s \"%s\"", p->id ? p->id : "", p->title ? p->title : "");
    if (p->order != INT_MAX)
        dprintf_(&b, " order %d", p->order);
    if (p->summary)
        dprintf_(&b, " summary \"%s\"", p->summary);
    if (p->icon)
        dprintf_(&b, " icon %s", p->icon);
    if (p->link)
        dprintf_(&b, " link %s", p->link);
    if (p->audio)
        dprintf_(&b, " audio %s", p->audio);
    for (size_t i = 0; i < p->recording_count; i++)
        dprintf_(&b, " audio-%s %s", p->recordings[i].lang, p->recordings[i].file);
    dprintf_(&b, "\n");
    for (size_t i = 0; i < p->block_count; i++) {
        const content_block *x = &p->blocks[i];
        dprintf_(&b, "[%d] %s", x->line, kind_name(x->kind));
        if (x->kind == CONTENT_HEADING)
            dprintf_(&b, " %d", x->level);
        if (x->kind == CONTENT_BULLET || x->kind == CONTENT_STEP)
            dprintf_(&b, " depth %d", x->level);
        if (x->kind == CONTENT_STEP)
            dprintf_(&b, " number %d", x->number);
        if (x->box)
            dprintf_(&b, " box %d %s", x->box, x->box_kind == CONTENT_BOX_WHY ? "why" : "note");
        if (x->kind == CONTENT_IMAGE)
            dprintf_(&b, " %s (file %s)", x->image, x->image_file ? x->image_file : "missing");
        dprintf_(&b, ": \"%s\"", x->text);
        if (strcmp(x->source, x->text) != 0)
            dprintf_(&b, " <- \"%s\"", x->source);
        for (size_t k = 0; k < x->span_count; k++) {
            const content_span *s = &x->spans[k];
            dprintf_(&b, " {%s%s%s%s%u-%u}", s->style & CONTENT_STYLE_STRONG ? "strong " : "",
                     s->style & CONTENT_STYLE_EM ? "em " : "", s->style & CONTENT_STYLE_CODE ? "code " : "",
                     s->link >= 0 ? "link " : "", s->start, s->end);
        }
        for (size_t k = 0; k < x->link_count; k++)
            dprintf_(&b, " (link %zu: %s%s%s%s)", k, x->links[k].href, x->links[k].external ? " external" : "",
                     x->links[k].page ? " -> " : "", x->links[k].page ? x->links[k].page : "");
        dprintf_(&b, "\n");
    }
    if (b.oom) {
        free(b.s);
        return NULL;
    }
    return b.s ? b.s : strdup("");
}
