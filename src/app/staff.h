/* What the staff screen needs from the application: the PIN check and the report (content problems
 * from the last change, translation status). Wired into ui_env by the run and script commands. */
#ifndef VK_APP_STAFF_H
#define VK_APP_STAFF_H

#include <stdbool.h>
#include <stddef.h>

#include "app/config.h"
#include "app/reload.h"
#include "app/resources.h"

/* "Was this helpful?" answers since the program started: page, language, yes and no. The SQLite
 * store of the issue "deployment" will keep them across restarts; until then they live here. */
typedef struct app_helpful {
    char page[256];
    char lang[16];
    unsigned yes, no;
} app_helpful;

typedef struct app_staff {
    app_resources *res;
    const app_config *cfg;
    app_reloader *reloader; /* may be NULL */
    app_helpful *helpful;
    size_t helpful_count;
} app_staff;

bool app_staff_check_pin(void *ctx, const char *pin);          /* ctx: app_staff */
void app_staff_report(void *ctx, char *buf, size_t size);      /* ctx: app_staff */
void app_staff_helpful(void *ctx, const char *page, const char *lang, bool yes); /* ctx: app_staff */
void app_staff_free(app_staff *st);                            /* the counters */

#endif
