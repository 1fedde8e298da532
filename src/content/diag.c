/* Content diagnostics: see diag.h. */
#include "content/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void content_diag_add(content_diags *d, content_severity sev, const char *file, int line, int col, const char *fmt,
                      ...)
{
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        content_diag *g = realloc(d->items, cap * sizeof *g);
        if (!g)
            return; /* out of memory: the diagnostic is lost, the content still is not trusted below */
        d->items = g;
        d->cap = cap;
    }
    content_diag *x = &d->items[d->count++];
    x->severity = sev;
    snprintf(x->file, sizeof x->file, "%s", file ? file : "");
    x->line = line;
    x->col = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(x->msg, sizeof x->msg, fmt, ap);
    va_end(ap);
    if (sev == CONTENT_ERROR)
        d->errors++;
    else
        d->warnings++;
}

void content_diags_free(content_diags *d)
{
    free(d->items);
    memset(d, 0, sizeof *d);
}

const char *content_diag_format(const content_diag *x, char *buf, size_t size)
{
    const char *sev = x->severity == CONTENT_ERROR ? "error" : "warning";
    if (x->line > 0 && x->col > 0)
        snprintf(buf, size, "%s:%d:%d: %s: %s", x->file, x->line, x->col, sev, x->msg);
    else if (x->line > 0)
        snprintf(buf, size, "%s:%d: %s: %s", x->file, x->line, sev, x->msg);
    else if (x->file[0])
        snprintf(buf, size, "%s: %s: %s", x->file, sev, x->msg);
    else
        snprintf(buf, size, "%s: %s", sev, x->msg);
    return buf;
}

static int cmp(const void *a, const void *b)
{
    const content_diag *x = a, *y = b;
    int c = strcmp(x->file, y->file);
    if (c)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return (x->col > y->col) - (x->col < y->col);
}

void content_diags_sort(content_diags *d)
{
    if (d->count > 1)
        qsort(d->items, d->count, sizeof *d->items, cmp);
}
