/* The process tests/stats_kill.sh kills: it counts page views into a counter file as fast as it can
 * and, after each count app_stats_add reported written, writes the running total to standard output
 * with write(2), so what it claimed is on record the moment before a SIGKILL.
 *   stats_writer write FILE      count until killed
 *   stats_writer check FILE      print "TOTAL INTEGRITY" (PRAGMA integrity_check) of FILE
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "app/stats.h"

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: stats_writer write|check FILE\n");
        return 2;
    }
    if (strcmp(argv[1], "check") == 0) {
        sqlite3 *db;
        sqlite3_stmt *st;
        long long total = -1;
        char integrity[200] = "?";
        if (sqlite3_open_v2(argv[2], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
            fprintf(stderr, "stats_writer: %s: %s\n", argv[2], sqlite3_errmsg(db));
            return 1;
        }
        if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW)
                snprintf(integrity, sizeof integrity, "%s", (const char *)sqlite3_column_text(st, 0));
            sqlite3_finalize(st);
        }
        if (sqlite3_prepare_v2(db, "SELECT coalesce(sum(n), 0) FROM counts", -1, &st, NULL) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW)
                total = sqlite3_column_int64(st, 0);
            sqlite3_finalize(st);
        }
        sqlite3_close(db);
        printf("%lld %s\n", total, integrity);
        return 0;
    }
    vk_error err = {0};
    app_stats *s = app_stats_open(argv[2], &err);
    if (!s) {
        fprintf(stderr, "stats_writer: %s: %s\n", err.file, err.msg);
        return 1;
    }
    static const char *const langs[] = {"da", "en", "ar", "ti"};
    for (unsigned long n = 1;; n++) {
        char page[32];
        snprintf(page, sizeof page, "side/%lu", n % 40);
        if (!app_stats_add(s, APP_STATS_VIEW, page, langs[n % 4], time(NULL), &err)) {
            fprintf(stderr, "stats_writer: %s\n", err.msg);
            return 1;
        }
        char line[32];
        int len = snprintf(line, sizeof line, "%lu\n", n);
        if (write(1, line, (size_t)len) != len)
            return 1;
    }
}
