/* Diagnostics about content: "file:line:col: error|warning: message", in words a staff member
 * understands. The content layer collects them instead of stopping at the first, so `velkommen check`
 * can list every problem of a tree at once.
 */
#ifndef VK_CONTENT_DIAG_H
#define VK_CONTENT_DIAG_H

#include <stdbool.h>
#include <stddef.h>

typedef enum content_severity { CONTENT_WARNING, CONTENT_ERROR } content_severity;

typedef struct content_diag {
    content_severity severity;
    char file[512]; /* relative to the content directory */
    int line, col;  /* 1-based; 0 when unknown */
    char msg[512];
} content_diag;

/* Plain data owned by the caller; free with content_diags_free. */
typedef struct content_diags {
    content_diag *items;
    size_t count, cap;
    size_t errors, warnings;
} content_diags;

void content_diag_add(content_diags *d, content_severity sev, const char *file, int line, int col, const char *fmt,
                      ...) __attribute__((format(printf, 6, 7)));
void content_diags_free(content_diags *d);
/* "file:line:col: error: msg" (parts that are unknown are left out). */
const char *content_diag_format(const content_diag *diag, char *buf, size_t size);
/* Sorts by file, line and column, so output reads like a compiler's. */
void content_diags_sort(content_diags *d);

#endif
