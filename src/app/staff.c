/* The staff screen's data: see staff.h. */
#include "app/staff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/commands.h"

bool app_staff_check_pin(void *ctx, const char *pin)
{
    const app_staff *st = ctx;
    return app_config_check_pin(st->cfg, pin);
}

void app_staff_report(void *ctx, char *buf, size_t size)
{
    app_staff *st = ctx;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) {
        snprintf(buf, size, "out of memory");
        return;
    }
    const content_tree *t = &st->res->content;
    fprintf(f, "Indhold: %s, %zu sider.\n", t->root ? t->root : "-", t->page_count);
    content_diags last = {0};
    uint64_t loads = st->reloader ? app_reloader_last(st->reloader, &last) : 0;
    const content_diags *d = loads ? &last : &st->res->content_diags;
    if (d->errors)
        fprintf(f, "Den seneste ændring har %zu fejl og bliver ikke vist; kiosken viser det sidste gode indhold.\n",
                d->errors);
    else
        fprintf(f, "Ingen fejl i indholdet.\n");
    for (size_t i = 0; i < d->count && i < 15; i++) {
        char line[1200];
        fprintf(f, "  %s\n", content_diag_format(&d->items[i], line, sizeof line));
    }
    content_diags_free(&last);
    fprintf(f, "\nVar siden en hjælp? (siden kiosken startede; ja / nej)\n");
    if (!st->helpful_count)
        fprintf(f, "  endnu ingen svar\n");
    for (size_t i = 0; i < st->helpful_count && i < 20; i++)
        fprintf(f, "  %-40s %-4s %u / %u\n", st->helpful[i].page, st->helpful[i].lang, st->helpful[i].yes,
                st->helpful[i].no);
    fprintf(f, "\nOversættelser:\n");
    content_diags catalog_problems = {0};
    app_translation_status(st->res->data_dir, t, &catalog_problems, false, f);
    for (size_t i = 0; i < catalog_problems.count && i < 10; i++) {
        char line[1200];
        fprintf(f, "  %s\n", content_diag_format(&catalog_problems.items[i], line, sizeof line));
    }
    content_diags_free(&catalog_problems);
    fclose(f);
    snprintf(buf, size, "%s", text ? text : "");
    free(text);
}

void app_staff_helpful(void *ctx, const char *page, const char *lang, bool yes)
{
    app_staff *st = ctx;
    app_helpful *h = NULL;
    for (size_t i = 0; i < st->helpful_count && !h; i++)
        if (strcmp(st->helpful[i].page, page) == 0 && strcmp(st->helpful[i].lang, lang) == 0)
            h = &st->helpful[i];
    if (!h) {
        app_helpful *g = realloc(st->helpful, (st->helpful_count + 1) * sizeof *g);
        if (!g)
            return; /* a lost count is better than a stopped kiosk */
        st->helpful = g;
        h = &g[st->helpful_count++];
        memset(h, 0, sizeof *h);
        snprintf(h->page, sizeof h->page, "%s", page);
        snprintf(h->lang, sizeof h->lang, "%s", lang);
    }
    if (yes)
        h->yes++;
    else
        h->no++;
}

void app_staff_free(app_staff *st)
{
    free(st->helpful);
    st->helpful = NULL;
    st->helpful_count = 0;
}
