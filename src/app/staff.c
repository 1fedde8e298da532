/* The staff screen's data: see staff.h. */
#include "app/staff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
    if (d->errors && loads)
        fprintf(f, "Den seneste ændring har %zu fejl og bliver ikke vist; kiosken viser det sidste gode indhold.\n",
                d->errors);
    else if (d->errors) /* as the kiosk started: there is nothing older to show */
        fprintf(f, "Indholdet har %zu fejl; kiosken viser det, den kan. Kør velkommen check.\n", d->errors);
    else
        fprintf(f, "Ingen fejl i indholdet.\n");
    for (size_t i = 0; i < d->count && i < 15; i++) {
        char line[1200];
        fprintf(f, "  %s\n", content_diag_format(&d->items[i], line, sizeof line));
    }
    content_diags_free(&last);
    fputc('\n', f);
    vk_error err = {0};
    if (!st->stats)
        fprintf(f, "Tælling: %s\n", st->stats_note[0] ? st->stats_note : "slået fra.");
    else if (!app_stats_day_report(st->stats, time(NULL), f, &err)) {
        char line[1200];
        fprintf(f, "Tællingerne kan ikke læses: %s\n", vk_error_format(&err, line, sizeof line));
    }
    if (st->lost_counts)
        fprintf(f, "%lu tællinger kunne ikke skrives (se loggen).\n", st->lost_counts);
    fprintf(f, "\nOversættelser:\n");
    content_diags catalog_problems = {0};
    app_translation_status(st->res->locales_dir, t, &catalog_problems, false, f);
    for (size_t i = 0; i < catalog_problems.count && i < 10; i++) {
        char line[1200];
        fprintf(f, "  %s\n", content_diag_format(&catalog_problems.items[i], line, sizeof line));
    }
    content_diags_free(&catalog_problems);
    fclose(f);
    snprintf(buf, size, "%s", text ? text : "");
    free(text);
}

void app_staff_count(void *ctx, ui_count what, const char *page, const char *lang)
{
    app_staff *st = ctx;
    if (!st->stats)
        return;
    static const app_stats_event events[] = {APP_STATS_VIEW, APP_STATS_HELPFUL_YES, APP_STATS_HELPFUL_NO,
                                             APP_STATS_IDLE_RESET, APP_STATS_SEARCH_EMPTY};
    vk_error err = {0};
    if (!app_stats_add(st->stats, events[what], page, lang, time(NULL), &err) && st->lost_counts++ == 0) {
        char line[1200];
        fprintf(stderr, "velkommen: a count was lost (later ones are only counted): %s\n",
                vk_error_format(&err, line, sizeof line));
    }
}

void app_staff_open_stats(app_staff *st, const char *path)
{
    st->stats = NULL;
    if (!path || !*path) {
        snprintf(st->stats_note, sizeof st->stats_note, "slået fra (ingen fil til tællingerne).");
        return;
    }
    if (strcmp(path, "off") == 0) {
        snprintf(st->stats_note, sizeof st->stats_note, "slået fra i konfigurationen ([stats] path = off).");
        return;
    }
    vk_error err = {0};
    st->stats = app_stats_open(path, &err);
    if (!st->stats) {
        char line[1200];
        vk_error_format(&err, line, sizeof line);
        fprintf(stderr, "velkommen: not counting: %s\n", line);
        snprintf(st->stats_note, sizeof st->stats_note, "virker ikke: %s", line);
    }
}

void app_staff_free(app_staff *st)
{
    app_stats_close(st->stats);
    st->stats = NULL;
}
