/* Markdown (CommonMark, through md4c) to the page model, built straight from md4c's callbacks.
 *
 * Kiosk extensions, all plain CommonMark so any editor shows them sensibly:
 *   > text              a "good to know" box
 *   > [!hvorfor] text   a "why?" box: the reason behind a decision ([!why] works too)
 *   [text](https://…)   an external address: shown as a QR code to take home, not followed
 *   [text](other.md)    a link to another page: a tap opens it
 *   ![alt](picture.png) a picture, scaled to the column
 */
#ifndef VK_CONTENT_MARKDOWN_H
#define VK_CONTENT_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

#include "content/diag.h"
#include "content/page.h"

/* Parses body[0..len) — the page after its front matter, whose first line is line first_line of the
 * file — and appends its blocks to page. Problems go to d under page->file. Returns false only when
 * memory runs out. body need not be NUL-terminated and must be valid UTF-8. */
bool content_markdown_parse(const char *body, size_t len, int first_line, content_page *page, content_diags *d);

/* Parses one block's inline Markdown (a msgid, or a translator's msgstr) into out's text, spans and
 * links; out's other fields are left alone. Block structure in the fragment (a "# " at its start, a
 * list) is flattened into one paragraph. Returns false only when memory runs out. */
bool content_inline_parse(const char *md, size_t len, content_block *out);

#endif
