/* What the kiosk writes to standard error: see log.h. */
#include "app/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static app_log_level current = APP_LOG_INFO; /* everything, unless IT asks for less */

int app_log_level_named(const char *name)
{
    static const char *const names[] = {"error", "warning", "info"};
    for (int i = 0; i < 3; i++)
        if (strcmp(name, names[i]) == 0)
            return i;
    return -1;
}

void app_log_set_level(app_log_level level)
{
    current = level;
}

void app_log(app_log_level level, const char *fmt, ...)
{
    if (level > current)
        return;
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    fprintf(stderr, "velkommen: %s%s\n", level == APP_LOG_WARNING ? "warning: " : "", line);
}
