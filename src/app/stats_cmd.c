/* `velkommen stats`: the anonymous counters as CSV or JSON, from one kiosk or summed over a fleet. */
#include <stdio.h>
#include <string.h>

#include "app/cli.h"
#include "app/commands.h"
#include "app/config.h"
#include "app/stats.h"

int app_cmd_stats(const app_stats_options *o)
{
    vk_error err = {0};
    char buf[1200];
    const char *one[1];
    const char *const *paths = o->merge;
    int count = o->merge_count;
    char fallback[1024];
    if (!count) {
        /* the same file the kiosk counts into: --db, else the configuration, else the default */
        app_config cfg;
        if (!app_config_load(o->config, &cfg, &err)) {
            fprintf(stderr, "velkommen: %s\n", vk_error_format(&err, buf, sizeof buf));
            return APP_EXIT_BAD_INPUT;
        }
        app_stats_default_path(fallback, sizeof fallback);
        one[0] = o->db ? o->db : cfg.stats_path[0] ? cfg.stats_path : fallback;
        if (strcmp(one[0], "off") == 0 || !one[0][0]) {
            fprintf(stderr, "velkommen: counting is off in the configuration ([stats] path = off); name a file with --db\n");
            return APP_EXIT_BAD_INPUT;
        }
        paths = one;
        count = 1;
    }
    if (!app_stats_export(paths, count, o->since, o->json ? APP_STATS_JSON : APP_STATS_CSV, stdout, o->out, &err)) {
        fprintf(stderr, "velkommen: %s\n", vk_error_format(&err, buf, sizeof buf));
        return APP_EXIT_BAD_INPUT;
    }
    return fflush(stdout) == 0 ? APP_EXIT_OK : APP_EXIT_FAILURE;
}
