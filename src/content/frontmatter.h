/* Front matter: the block between two "---" lines at the top of a page, parsed as YAML by libyaml.
 *
 *     ---
 *     title: Virksomhedspraktik
 *     order: 3
 *     summary: Prøv et job i nogle uger, mens du får din ydelse.
 *     ---
 *
 * Only a mapping of single values is accepted (every key a page needs is one value); anything else is
 * an error that names the line.
 */
#ifndef VK_CONTENT_FRONTMATTER_H
#define VK_CONTENT_FRONTMATTER_H

#include <stdbool.h>
#include <stddef.h>

#include "content/diag.h"

typedef struct content_meta_entry {
    char *key;
    char *value;
    int line; /* in the file */
} content_meta_entry;

/* Plain data owned by the caller; free with content_meta_free. */
typedef struct content_meta {
    content_meta_entry *items;
    size_t count;
} content_meta;

/* Finds front matter at the start of text: on success *yaml and *yaml_len give the YAML between the fences
 * (which start on line 1), and *body the offset of the first byte after the closing fence, on line
 * *body_line. Returns false when the text does not start with "---" (no front matter); sets
 * *unclosed when it starts with one but never closes it. */
bool content_frontmatter_split(const char *text, size_t len, size_t *yaml, size_t *yaml_len, size_t *body,
                               int *body_line, bool *unclosed);

/* Parses YAML whose first line is line first_line of file. Problems go to d. Returns false when the
 * YAML is malformed (the page cannot be trusted); a value of the wrong kind is an error too. */
bool content_frontmatter_parse(const char *yaml, size_t len, int first_line, const char *file, content_meta *out,
                               content_diags *d);
void content_meta_free(content_meta *m);

#endif
