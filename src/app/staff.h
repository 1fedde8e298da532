/* What the staff screen needs from the application: the PIN check and the report (content problems
 * from the last change, translation status). Wired into ui_env by the run and script commands. */
#ifndef VK_APP_STAFF_H
#define VK_APP_STAFF_H

#include <stdbool.h>
#include <stddef.h>

#include "app/config.h"
#include "app/reload.h"
#include "app/resources.h"
#include "app/stats.h"
#include "ui/ui.h"

typedef struct app_staff {
    app_resources *res;
    const app_config *cfg;
    app_reloader *reloader; /* may be NULL */
    app_stats *stats;       /* the anonymous counters; NULL: not counting */
    char stats_note[1300];  /* why not counting (off, or the error opening the file), for the staff */
    unsigned long lost_counts; /* writes that failed; the first one is logged */
} app_staff;

bool app_staff_check_pin(void *ctx, const char *pin);          /* ctx: app_staff */
void app_staff_report(void *ctx, char *buf, size_t size);      /* ctx: app_staff */
/* ui_env.count: into the counter file at the wall clock's day and hour. ctx: app_staff */
void app_staff_count(void *ctx, ui_count what, const char *page, const char *lang);
/* Opens the counters at path (NULL or "": not counting; "off": not counting, by choice). A file
 * that cannot be opened is logged and noted for the staff screen; the kiosk runs on without it. */
void app_staff_open_stats(app_staff *st, const char *path);
void app_staff_free(app_staff *st); /* closes the counters */

#endif
