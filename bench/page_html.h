/* A content page as the static HTML a browser kiosk would show, for the browser comparison
 * (bench_browser.c): the same localized text per block (its language, direction and fonts), the same
 * blocks (title, headings, paragraphs, bullets and numbered steps, "good to know" and "why?" boxes,
 * pictures, rules), the same interface around them (the bar, "Was this helpful?", the QR codes of the
 * page's official addresses) and the kiosk's sizes and colours from src/ui/theme.h at 1920x1080:
 * 36 px body text, a 1240 px column, a 112 px bar. The fonts are the bundled ones, loaded by
 * @font-face from file:// URLs; line heights are the text engine's (text_style_metrics), so the page
 * is about as tall in both.
 *
 * The page is localized the way the UI localizes it (i18n_page_localize through the language's content
 * chain); glossary words get the dotted underline the UI gives their first occurrence.
 */
#ifndef VK_BENCH_PAGE_HTML_H
#define VK_BENCH_PAGE_HTML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "app/resources.h"

typedef struct bench_page_pick {
    const content_page *page; /* NULL: no content */
    size_t chars, blocks, fallbacks;
} bench_page_pick;

/* The page with the most text in language li: characters of its localized title and blocks, a string
 * no catalog of the language translates counted in the language it falls back to (as
 * velkommen-bench-ui picks it). With page_id, that page only. False when memory runs out. */
bool bench_pick_page(const app_resources *res, size_t li, const char *page_id, bench_page_pick *out);

/* Writes page p in language li as one HTML document to out. The fonts and pictures are referenced
 * by absolute file:// URLs under res->data_dir and the content folder. False when memory runs out. */
bool bench_page_html(const app_resources *res, size_t li, const content_page *p, FILE *out);

#endif
