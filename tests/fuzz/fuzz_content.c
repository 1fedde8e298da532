/* libFuzzer target: any bytes as a page file -> front matter (libyaml) + Markdown (md4c) -> page model,
 * and the same bytes as a translator's inline Markdown. Nothing may crash, hang or leak. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "content/frontmatter.h"
#include "content/markdown.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    /* the loader refuses what is not UTF-8 before parsing; so does this target */
    if (vk_utf8_find_invalid(text, size) != (size_t)-1 || memchr(text, 0, size))
        return 0;
    content_diags d = {0};
    content_page page = {0};
    page.file = strdup("fuzz.md");
    size_t y, ylen, body = 0;
    int body_line = 1;
    bool unclosed;
    if (content_frontmatter_split(text, size, &y, &ylen, &body, &body_line, &unclosed)) {
        content_meta m;
        if (content_frontmatter_parse(text + y, ylen, 2, "fuzz.md", &m, &d))
            content_meta_free(&m);
    }
    content_markdown_parse(text + body, size - body, body_line, &page, &d);
    char *dump = content_page_dump(&page);
    free(dump);
    content_page_free(&page);
    content_block b = {0};
    content_inline_parse(text, size, &b);
    content_block_free(&b);
    content_diags_free(&d);
    return 0;
}
