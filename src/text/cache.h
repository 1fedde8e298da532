/* A cache of laid-out paragraphs, so a frame that changes nothing lays out nothing (DESIGN.md: layout
 * results are cached per text, style and width).
 *
 * Entries are keyed by the text's bytes and every style field that changes the result. Eviction is
 * least-recently-used by frame: text_cache_begin_frame evicts entries not used in the frame before once
 * the cache holds more than its budget, so a layout returned during a frame stays valid to its end.
 */
#ifndef VK_TEXT_CACHE_H
#define VK_TEXT_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "text/layout.h"

typedef struct text_cache text_cache;

typedef struct text_cache_stats {
    uint64_t hits, misses, evictions;
    size_t entries;
} text_cache_stats;

text_cache *text_cache_new(size_t max_entries); /* NULL when memory runs out */
void text_cache_free(text_cache *cache);        /* frees every layout; accepts NULL */

/* Starts a frame: evicts the least recently used entries beyond the budget (never one used in the
 * frame that just ended). */
void text_cache_begin_frame(text_cache *cache);

/* The layout of utf8[0..len) in style at width; laid out on a miss. Borrowed: valid until a later
 * text_cache_begin_frame evicts it or text_cache_free. NULL (and err) only when layout fails. */
const text_layout *text_cache_get(text_cache *cache, text_layouter *lo, const text_style *style,
                                  const char *utf8, size_t len, float width, vk_error *err);

/* The same for rich text (text_layout_rich); the spans are part of the key. */
const text_layout *text_cache_get_rich(text_cache *cache, text_layouter *lo, const text_style *style,
                                       const char *utf8, size_t len, const text_span *spans, size_t span_count,
                                       float width, vk_error *err);

/* Drops everything (fonts or catalogs changed). */
void text_cache_clear(text_cache *cache);
text_cache_stats text_cache_get_stats(const text_cache *cache);

#endif
