/* The anonymous counters (src/app/stats.c): what is kept, what is not, export, merge, bad files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "app/stats.h"
#include "check.h"

static char tmpdir[1024];

static const char *tmp_path(const char *name)
{
    static char path[4][1200];
    static int turn;
    char *p = path[turn++ % 4];
    snprintf(p, 1200, "%s/stats-test/%s", tmpdir, name);
    return p;
}

static void remove_db(const char *path)
{
    char p[1300];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

/* 2026-11-23 in UTC (TZ=UTC is set in main) */
#define DAY1 ((time_t)1795392000)
#define HOUR ((time_t)3600)

static char *export_text(const char *const *paths, int n, const char *since, app_stats_format fmt, bool *ok,
                         vk_error *err)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    *ok = app_stats_export(paths, n, since, fmt, f, NULL, err);
    fclose(f);
    return text;
}

static void counts_are_kept_per_day_hour_event_page_and_language(void)
{
    const char *path = tmp_path("a.db");
    remove_db(path);
    vk_error err = {0};
    app_stats *s = app_stats_open(path, &err);
    CHECK(s != NULL, "a new counter file opens (%s)", err.msg);
    if (!s)
        return;
    bool all = true;
    all &= app_stats_add(s, APP_STATS_VIEW, "jobcenter/praktik", "ar", DAY1 + 9 * HOUR + 5, &err);
    all &= app_stats_add(s, APP_STATS_VIEW, "jobcenter/praktik", "ar", DAY1 + 9 * HOUR + 3000, &err);
    all &= app_stats_add(s, APP_STATS_VIEW, "jobcenter/praktik", "ti", DAY1 + 9 * HOUR + 3000, &err);
    all &= app_stats_add(s, APP_STATS_VIEW, "jobcenter/praktik", "ar", DAY1 + 10 * HOUR, &err);
    all &= app_stats_add(s, APP_STATS_HELPFUL_NO, "afgoerelser/ydelse", "ti", DAY1 + 10 * HOUR + 60, &err);
    all &= app_stats_add(s, APP_STATS_HELPFUL_YES, "afgoerelser/ydelse", "ti", DAY1 + 10 * HOUR + 61, &err);
    all &= app_stats_add(s, APP_STATS_IDLE_RESET, NULL, NULL, DAY1 + 10 * HOUR + 62, &err);
    all &= app_stats_add(s, APP_STATS_VIEW, "bolig/husleje", "da", DAY1 + 24 * HOUR + 1, &err);
    CHECK(all, "every count is written (%s)", err.msg);
    CHECK(app_stats_day_total(s, APP_STATS_VIEW, DAY1 + 20 * HOUR) == 4, "four views on the first day (%lld)",
          app_stats_day_total(s, APP_STATS_VIEW, DAY1));
    CHECK(app_stats_total(s, APP_STATS_VIEW) == 5, "five in all");
    CHECK(app_stats_total(s, APP_STATS_IDLE_RESET) == 1, "one idle reset");

    char *report = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&report, &len);
    CHECK(app_stats_day_report(s, DAY1 + 12 * HOUR, f, &err), "the staff report is written");
    fclose(f);
    CHECK(strstr(report, "I dag (2026-11-23):\n  sidevisninger: 4\n  \"Var siden en hjælp?\": 1 ja, 1 nej\n"
                         "  besøg, der sluttede uden et tryk (kiosken startede forfra): 1\n") != NULL,
          "the staff report gives the day's totals:\n%s", report);
    CHECK(strstr(report, "Mest læste sider i dag:\n  jobcenter/praktik (ar): 3\n  jobcenter/praktik (ti): 1\n") != NULL, "and the most read page first:\n%s",
          report);
    CHECK(strstr(report, "Sider, der ikke hjalp i dag:\n  afgoerelser/ydelse (ti): 1 nej, 1 ja\n") != NULL,
          "and the page that did not help:\n%s", report);
    free(report);
    app_stats_close(s);

    /* closed and opened again: nothing lost */
    s = app_stats_open(path, &err);
    CHECK(s && app_stats_total(s, APP_STATS_VIEW) == 5, "the counts are still there after a reopen");
    app_stats_close(s);

    const char *paths[] = {path};
    bool ok;
    char *csv = export_text(paths, 1, NULL, APP_STATS_CSV, &ok, &err);
    const char *want = "day,hour,event,page,lang,count\n"
                       "2026-11-23,9,view,jobcenter/praktik,ar,2\n"
                       "2026-11-23,9,view,jobcenter/praktik,ti,1\n"
                       "2026-11-23,10,helpful_no,afgoerelser/ydelse,ti,1\n"
                       "2026-11-23,10,helpful_yes,afgoerelser/ydelse,ti,1\n"
                       "2026-11-23,10,idle_reset,,,1\n"
                       "2026-11-23,10,view,jobcenter/praktik,ar,1\n"
                       "2026-11-24,0,view,bolig/husleje,da,1\n";
    CHECK(ok && strcmp(csv, want) == 0, "the CSV export, in order:\n%s", csv);
    free(csv);
    char *since = export_text(paths, 1, "2026-11-24", APP_STATS_CSV, &ok, &err);
    CHECK(ok && strcmp(since, "day,hour,event,page,lang,count\n2026-11-24,0,view,bolig/husleje,da,1\n") == 0,
          "--since keeps that day and later:\n%s", since);
    free(since);
    char *json = export_text(paths, 1, "2026-11-24", APP_STATS_JSON, &ok, &err);
    CHECK(ok && strcmp(json, "[\n  {\"day\": \"2026-11-24\", \"hour\": 0, \"event\": \"view\", \"page\": \"bolig/husleje\", "
                             "\"lang\": \"da\", \"count\": 1}\n]\n") == 0,
          "the JSON export:\n%s", json);
    free(json);
    char *bad = export_text(paths, 1, "2026-02-30", APP_STATS_CSV, &ok, &err);
    CHECK(!ok && strcmp(err.msg, "--since wants a date as YYYY-MM-DD, not '2026-02-30'") == 0, "a date that is not: %s",
          err.msg);
    free(bad);
}

/* What the file can hold is what the municipality may know: no column finer than the hour. */
static void the_file_holds_no_time_finer_than_the_hour(void)
{
    const char *path = tmp_path("a.db");
    sqlite3 *db;
    CHECK(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK, "the file opens");
    sqlite3_stmt *st;
    char cols[200] = "";
    if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info('counts') ORDER BY cid", -1, &st, NULL) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW) {
            strncat(cols, (const char *)sqlite3_column_text(st, 0), sizeof cols - strlen(cols) - 2);
            strcat(cols, " ");
        }
        sqlite3_finalize(st);
    }
    CHECK(strcmp(cols, "day hour event page lang n ") == 0, "the columns are day, hour, event, page, lang, n (%s)", cols);
    long long tables = -1;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            tables = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    CHECK(tables == 1, "and there is no other table (%lld)", tables);
    char *mode = NULL;
    if (sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            mode = strdup((const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    CHECK(mode && strcmp(mode, "wal") == 0, "the file is in WAL mode (%s)", mode ? mode : "?");
    free(mode);
    sqlite3_close(db);
}

static void a_fleet_is_summed(void)
{
    const char *a = tmp_path("kiosk-a.db"), *b = tmp_path("kiosk-b.db"), *sum = tmp_path("sum.db");
    remove_db(a);
    remove_db(b);
    remove_db(sum);
    vk_error err = {0};
    app_stats *sa = app_stats_open(a, &err), *sb = app_stats_open(b, &err);
    CHECK(sa && sb, "two kiosks' files open");
    if (!sa || !sb)
        return;
    for (int i = 0; i < 3; i++)
        app_stats_add(sa, APP_STATS_VIEW, "samfund/velfaerd", "ar", DAY1 + 8 * HOUR, &err);
    app_stats_add(sb, APP_STATS_VIEW, "samfund/velfaerd", "ar", DAY1 + 8 * HOUR + 10, &err);
    app_stats_add(sb, APP_STATS_VIEW, "samfund/velfaerd", "en", DAY1 + 8 * HOUR + 10, &err);
    /* still open (the kiosks are running): the merge reads them as they are */
    const char *paths[] = {a, b};
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    bool ok = app_stats_export(paths, 2, NULL, APP_STATS_CSV, f, sum, &err);
    fclose(f);
    CHECK(ok && strcmp(text, "day,hour,event,page,lang,count\n2026-11-23,8,view,samfund/velfaerd,ar,4\n"
                             "2026-11-23,8,view,samfund/velfaerd,en,1\n") == 0,
          "the sum of two kiosks (%s):\n%s", err.msg, text);
    free(text);
    app_stats *ss = app_stats_open(sum, &err);
    CHECK(ss && app_stats_total(ss, APP_STATS_VIEW) == 5, "--out wrote the sum as a counter file (%s)", err.msg);
    app_stats_close(ss);
    f = fopen("/dev/null", "w");
    ok = app_stats_export(paths, 2, NULL, APP_STATS_CSV, f, sum, &err);
    fclose(f);
    CHECK(!ok && strcmp(err.msg, "already exists; the merge writes a new file") == 0 && strcmp(err.file, sum) == 0,
          "an existing --out file is never overwritten (%s)", err.msg);
    app_stats_close(sa);
    app_stats_close(sb);
}

static void files_that_are_not_counters_are_refused_by_name(void)
{
    const char *junk = tmp_path("junk.db");
    FILE *f = fopen(junk, "w");
    fputs("this is a text file that someone named stats.db, and it is long enough to have a header.\n", f);
    fclose(f);
    vk_error err = {0};
    app_stats *s = app_stats_open(junk, &err);
    CHECK(!s && strcmp(err.file, junk) == 0 &&
              strcmp(err.msg, "not a counter file (not an SQLite database); move it away and the kiosk starts a new one") == 0,
          "a text file is refused: %s", err.msg);
    app_stats_close(s);

    const char *other = tmp_path("other.db");
    remove_db(other);
    sqlite3 *db;
    sqlite3_open(other, &db);
    sqlite3_exec(db, "CREATE TABLE t (x)", NULL, NULL, NULL);
    sqlite3_close(db);
    s = app_stats_open(other, &err);
    CHECK(!s && strcmp(err.msg, "an SQLite file of another program, not Velkommen's counters; name another file") == 0,
          "another program's database is left alone: %s", err.msg);
    app_stats_close(s);
    const char *paths[] = {other};
    f = fopen("/dev/null", "w");
    bool ok = app_stats_export(paths, 1, NULL, APP_STATS_CSV, f, NULL, &err);
    fclose(f);
    CHECK(!ok && strcmp(err.msg, "not a Velkommen counter file") == 0, "and not exported: %s", err.msg);
    const char *missing[] = {tmp_path("missing.db")};
    f = fopen("/dev/null", "w");
    ok = app_stats_export(missing, 1, NULL, APP_STATS_CSV, f, NULL, &err);
    fclose(f);
    CHECK(!ok && strstr(err.msg, "cannot open the counter file: No such file") != NULL, "a missing file: %s", err.msg);
    CHECK(access(missing[0], F_OK) != 0, "exporting never creates a file");
}

static void the_default_place_follows_systemd_then_xdg(void)
{
    char buf[1024];
    setenv("STATE_DIRECTORY", "/var/lib/velkommen:/var/lib/other", 1);
    app_stats_default_path(buf, sizeof buf);
    CHECK(strcmp(buf, "/var/lib/velkommen/stats.db") == 0, "systemd's StateDirectory first (%s)", buf);
    unsetenv("STATE_DIRECTORY");
    setenv("XDG_STATE_HOME", "/home/k/.state", 1);
    app_stats_default_path(buf, sizeof buf);
    CHECK(strcmp(buf, "/home/k/.state/velkommen/stats.db") == 0, "then XDG_STATE_HOME (%s)", buf);
    unsetenv("XDG_STATE_HOME");
    setenv("HOME", "/home/k", 1);
    app_stats_default_path(buf, sizeof buf);
    CHECK(strcmp(buf, "/home/k/.local/state/velkommen/stats.db") == 0, "then ~/.local/state (%s)", buf);
    CHECK(app_stats_valid_day("2028-02-29") && !app_stats_valid_day("2027-02-29") && !app_stats_valid_day("2026-1-01") &&
              !app_stats_valid_day("2026-13-01") && !app_stats_valid_day("yesterday"),
          "dates are checked as dates");
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "%s", check_env("VK_TMP"));
    setenv("TZ", "UTC", 1);
    tzset();
    char dir[1200];
    snprintf(dir, sizeof dir, "%s/stats-test", tmpdir);
    mkdir(dir, 0755);
    RUN(counts_are_kept_per_day_hour_event_page_and_language);
    RUN(the_file_holds_no_time_finer_than_the_hour);
    RUN(a_fleet_is_summed);
    RUN(files_that_are_not_counters_are_refused_by_name);
    RUN(the_default_place_follows_systemd_then_xdg);
    return check_done();
}
