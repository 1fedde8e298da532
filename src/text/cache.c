/* Paragraph layout cache: see cache.h. Chained hash table keyed by FNV-1a over text and style. */
#include "text/cache.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUCKETS 1024

typedef struct entry {
    struct entry *next;
    uint64_t hash;
    char *text;
    size_t len;
    text_style style; /* language copied into lang below */
    char lang[32];
    float width;
    text_span *spans;
    size_t span_count;
    uint64_t last_frame;
    text_layout *layout;
} entry;

struct text_cache {
    entry *buckets[BUCKETS];
    size_t count, max;
    uint64_t frame;
    text_cache_stats stats;
};

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static uint64_t key_hash(const text_style *st, const char *text, size_t len, const text_span *spans, size_t ns,
                         float width)
{
    uint64_t h = 1469598103934665603ULL;
    h = fnv(h, text, len);
    /* field by field: the struct's padding bytes are not part of the key (and are uninitialised) */
    for (size_t i = 0; i < ns; i++) {
        h = fnv(h, &spans[i].start, sizeof spans[i].start);
        h = fnv(h, &spans[i].end, sizeof spans[i].end);
        h = fnv(h, &spans[i].attrs, sizeof spans[i].attrs);
    }
    h = fnv(h, &st->bold, sizeof st->bold);
    h = fnv(h, &st->fonts, sizeof st->fonts);
    h = fnv(h, &st->fallback, sizeof st->fallback);
    h = fnv(h, &st->size, sizeof st->size);
    h = fnv(h, &st->line_spacing, sizeof st->line_spacing);
    h = fnv(h, &st->direction, sizeof st->direction);
    h = fnv(h, &st->align, sizeof st->align);
    h = fnv(h, &width, sizeof width);
    if (st->language)
        h = fnv(h, st->language, strlen(st->language));
    return h;
}

static bool same_spans(const text_span *a, const text_span *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i].start != b[i].start || a[i].end != b[i].end || a[i].attrs != b[i].attrs)
            return false;
    return true;
}

static int same(const entry *e, uint64_t h, const text_style *st, const char *text, size_t len,
                const text_span *spans, size_t ns, float width)
{
    return e->hash == h && e->len == len && e->width == width && e->style.fonts == st->fonts &&
           e->style.bold == st->bold && e->span_count == ns && same_spans(e->spans, spans, ns) &&
           e->style.fallback == st->fallback && e->style.size == st->size &&
           e->style.line_spacing == st->line_spacing && e->style.direction == st->direction &&
           e->style.align == st->align && strcmp(e->lang, st->language ? st->language : "") == 0 &&
           memcmp(e->text, text, len) == 0;
}

text_cache *text_cache_new(size_t max_entries)
{
    text_cache *c = calloc(1, sizeof *c);
    if (c)
        c->max = max_entries ? max_entries : 1;
    return c;
}

static void entry_free(entry *e)
{
    free(e->spans);
    text_layout_free(e->layout);
    free(e->text);
    free(e);
}

void text_cache_clear(text_cache *c)
{
    for (size_t b = 0; b < BUCKETS; b++) {
        for (entry *e = c->buckets[b], *n; e; e = n) {
            n = e->next;
            entry_free(e);
        }
        c->buckets[b] = NULL;
    }
    c->count = 0;
}

void text_cache_free(text_cache *c)
{
    if (!c)
        return;
    text_cache_clear(c);
    free(c);
}

void text_cache_begin_frame(text_cache *c)
{
    c->frame++;
    /* Evict in rounds of the oldest frame present until within budget; entries used in the frame that
     * just ended (last_frame == frame - 1) are kept even if that leaves the cache over budget. */
    while (c->count > c->max) {
        uint64_t oldest = UINT64_MAX;
        for (size_t b = 0; b < BUCKETS; b++)
            for (entry *e = c->buckets[b]; e; e = e->next)
                if (e->last_frame < oldest)
                    oldest = e->last_frame;
        if (oldest + 1 >= c->frame)
            break;
        for (size_t b = 0; b < BUCKETS && c->count > c->max; b++) {
            for (entry **pp = &c->buckets[b]; *pp;) {
                entry *e = *pp;
                if (e->last_frame == oldest && c->count > c->max) {
                    *pp = e->next;
                    entry_free(e);
                    c->count--;
                    c->stats.evictions++;
                } else {
                    pp = &e->next;
                }
            }
        }
    }
}

const text_layout *text_cache_get(text_cache *c, text_layouter *lo, const text_style *st, const char *text,
                                  size_t len, float width, vk_error *err)
{
    return text_cache_get_rich(c, lo, st, text, len, NULL, 0, width, err);
}

const text_layout *text_cache_get_rich(text_cache *c, text_layouter *lo, const text_style *st, const char *text,
                                       size_t len, const text_span *spans, size_t ns, float width, vk_error *err)
{
    uint64_t h = key_hash(st, text, len, spans, ns, width);
    entry **bucket = &c->buckets[h % BUCKETS];
    for (entry *e = *bucket; e; e = e->next)
        if (same(e, h, st, text, len, spans, ns, width)) {
            e->last_frame = c->frame;
            c->stats.hits++;
            return e->layout;
        }
    c->stats.misses++;
    entry *e = calloc(1, sizeof *e);
    if (!e || !(e->text = malloc(len ? len : 1))) {
        free(e);
        vk_error_set(err, NULL, 0, "out of memory");
        return NULL;
    }
    e->layout = text_layout_rich(lo, st, text, len, spans, ns, width, err);
    if (ns && e->layout) {
        e->spans = malloc(ns * sizeof *spans);
        if (e->spans)
            memcpy(e->spans, spans, ns * sizeof *spans);
        else {
            text_layout_free(e->layout);
            e->layout = NULL;
            vk_error_set(err, NULL, 0, "out of memory");
        }
    }
    if (!e->layout) {
        free(e->text);
        free(e);
        return NULL;
    }
    e->span_count = ns;
    memcpy(e->text, text, len);
    e->len = len;
    e->hash = h;
    e->style = *st;
    snprintf(e->lang, sizeof e->lang, "%s", st->language ? st->language : "");
    e->style.language = NULL;
    e->width = width;
    e->last_frame = c->frame;
    e->next = *bucket;
    *bucket = e;
    c->count++;
    return e->layout;
}

text_cache_stats text_cache_get_stats(const text_cache *c)
{
    text_cache_stats s = c->stats;
    s.entries = c->count;
    return s;
}
