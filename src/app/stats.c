/* The anonymous counters in SQLite: see stats.h. */
#include "app/stats.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

/* PRAGMA application_id of a counter file ("Vkmn"), and the schema version in user_version */
#define STATS_APP_ID 0x566B6D6E
#define STATS_SCHEMA 1

static const char *const event_names[APP_STATS_EVENT_COUNT] = {"view", "helpful_yes", "helpful_no", "idle_reset",
                                                                "search_empty"};

static const char schema[] = "CREATE TABLE IF NOT EXISTS counts ("
                             " day TEXT NOT NULL,"   /* YYYY-MM-DD, local time */
                             " hour INTEGER NOT NULL," /* 0-23, local time: nothing finer */
                             " event TEXT NOT NULL,"
                             " page TEXT NOT NULL,"  /* '' for idle resets */
                             " lang TEXT NOT NULL,"
                             " n INTEGER NOT NULL,"
                             " PRIMARY KEY (day, hour, event, page, lang)) WITHOUT ROWID";

struct app_stats {
    sqlite3 *db;
    sqlite3_stmt *add;
    char path[1024];
};

const char *app_stats_event_name(app_stats_event e)
{
    return e < APP_STATS_EVENT_COUNT ? event_names[e] : "?";
}

static bool db_error(vk_error *err, const char *path, sqlite3 *db, const char *what)
{
    int code = db ? sqlite3_errcode(db) : SQLITE_ERROR;
    if (code == SQLITE_NOTADB)
        return vk_error_set(err, path, 0, "not a counter file (not an SQLite database); move it away and the kiosk starts a new one");
    if (code == SQLITE_CORRUPT)
        return vk_error_set(err, path, 0, "the counter file is damaged (%s); move it away and the kiosk starts a new one",
                            db ? sqlite3_errmsg(db) : "?");
    return vk_error_set(err, path, 0, "%s: %s", what, db ? sqlite3_errmsg(db) : "out of memory");
}

/* One integer from a query without parameters; -1 on error. */
static long long query_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* mkdir -p of the folder holding path */
static void make_parent(const char *path)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return;
    *slash = 0;
    for (char *p = dir + 1; *p; p++) {
        if (*p == '/') {
            *p = 0;
            mkdir(dir, 0750);
            *p = '/';
        }
    }
    mkdir(dir, 0750);
}

/* Makes a new file a counter file, or checks that an existing one is. Inside a transaction so that
 * two processes opening a new file at once agree. */
static bool prepare_schema(sqlite3 *db, const char *path, vk_error *err)
{
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return db_error(err, path, db, "cannot open the counter file");
    long long app_id = query_int(db, "PRAGMA application_id");
    long long tables = query_int(db, "SELECT count(*) FROM sqlite_schema");
    bool ok = true;
    if (app_id < 0 || tables < 0) {
        ok = db_error(err, path, db, "cannot read the counter file");
    } else if (app_id == 0 && tables == 0) {
        char sql[200];
        snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d;", STATS_APP_ID, STATS_SCHEMA);
        ok = sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK && sqlite3_exec(db, schema, NULL, NULL, NULL) == SQLITE_OK;
        if (!ok)
            db_error(err, path, db, "cannot create the counter table");
    } else if (app_id != STATS_APP_ID) {
        ok = vk_error_set(err, path, 0, "an SQLite file of another program, not Velkommen's counters; name another file");
    } else if (query_int(db, "PRAGMA user_version") > STATS_SCHEMA) {
        ok = vk_error_set(err, path, 0, "written by a newer Velkommen (counter format %lld); update this kiosk",
                          query_int(db, "PRAGMA user_version"));
    }
    sqlite3_exec(db, ok ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
    return ok;
}

app_stats *app_stats_open(const char *path, vk_error *err)
{
    make_parent(path);
    app_stats *s = calloc(1, sizeof *s);
    if (!s) {
        vk_error_set(err, path, 0, "out of memory");
        return NULL;
    }
    snprintf(s->path, sizeof s->path, "%s", path);
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK) {
        db_error(err, path, s->db, "cannot open the counter file");
        app_stats_close(s);
        return NULL;
    }
    sqlite3_busy_timeout(s->db, 2000);
    /* WAL: a count is one append, readers (velkommen stats) never block the kiosk, and a killed
     * process leaves a file that opens. NORMAL: no fsync per count, only at checkpoints. */
    sqlite3_stmt *st = NULL;
    bool wal = sqlite3_prepare_v2(s->db, "PRAGMA journal_mode = WAL", -1, &st, NULL) == SQLITE_OK &&
               sqlite3_step(st) == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(st, 0), "wal") == 0;
    sqlite3_finalize(st);
    if (!wal || sqlite3_exec(s->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL) != SQLITE_OK) {
        db_error(err, path, s->db, "cannot open the counter file");
        app_stats_close(s);
        return NULL;
    }
    if (!prepare_schema(s->db, path, err)) {
        app_stats_close(s);
        return NULL;
    }
    if (sqlite3_prepare_v3(s->db,
                           "INSERT INTO counts (day, hour, event, page, lang, n) VALUES (?1, ?2, ?3, ?4, ?5, 1)"
                           " ON CONFLICT (day, hour, event, page, lang) DO UPDATE SET n = n + 1",
                           -1, SQLITE_PREPARE_PERSISTENT, &s->add, NULL) != SQLITE_OK) {
        db_error(err, path, s->db, "cannot prepare the counter file");
        app_stats_close(s);
        return NULL;
    }
    return s;
}

void app_stats_close(app_stats *s)
{
    if (!s)
        return;
    sqlite3_finalize(s->add);
    sqlite3_close(s->db);
    free(s);
}

static void local_day(time_t when, char day[11], int *hour)
{
    struct tm tm;
    localtime_r(&when, &tm);
    strftime(day, 11, "%Y-%m-%d", &tm);
    if (hour)
        *hour = tm.tm_hour;
}

bool app_stats_add(app_stats *s, app_stats_event e, const char *page, const char *lang, time_t when, vk_error *err)
{
    if (!s || e >= APP_STATS_EVENT_COUNT)
        return vk_error_set(err, NULL, 0, "no counter file");
    char day[11];
    int hour;
    local_day(when, day, &hour);
    sqlite3_bind_text(s->add, 1, day, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s->add, 2, hour);
    sqlite3_bind_text(s->add, 3, event_names[e], -1, SQLITE_STATIC);
    sqlite3_bind_text(s->add, 4, page ? page : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s->add, 5, lang ? lang : "", -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s->add);
    sqlite3_reset(s->add);
    sqlite3_clear_bindings(s->add);
    if (rc != SQLITE_DONE)
        return db_error(err, s->path, s->db, "cannot write a count");
    return true;
}

long long app_stats_day_total(app_stats *s, app_stats_event e, time_t when)
{
    if (!s || e >= APP_STATS_EVENT_COUNT)
        return -1;
    char day[11];
    local_day(when, day, NULL);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT coalesce(sum(n), 0) FROM counts WHERE day = ?1 AND event = ?2", -1, &st, NULL) !=
        SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, event_names[e], -1, SQLITE_STATIC);
    long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

long long app_stats_total(app_stats *s, app_stats_event e)
{
    if (!s || e >= APP_STATS_EVENT_COUNT)
        return -1;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT coalesce(sum(n), 0) FROM counts WHERE event = ?1", -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, event_names[e], -1, SQLITE_STATIC);
    long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

/* Runs sql with ?1 = day and prints each row (page, language, one or two counts). */
static bool report_rows(sqlite3 *db, const char *sql, const char *day, FILE *out, const char *none, bool two_counts)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return false;
    sqlite3_bind_text(st, 1, day, -1, SQLITE_TRANSIENT);
    int rows = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *page = (const char *)sqlite3_column_text(st, 0);
        const char *lang = (const char *)sqlite3_column_text(st, 1);
        /* the staff screen's font is proportional: no columns padded with spaces */
        if (two_counts)
            fprintf(out, "  %s (%s): %lld nej, %lld ja\n", page ? page : "", lang ? lang : "", sqlite3_column_int64(st, 2),
                    sqlite3_column_int64(st, 3));
        else
            fprintf(out, "  %s (%s): %lld\n", page ? page : "", lang ? lang : "", sqlite3_column_int64(st, 2));
        rows++;
    }
    sqlite3_finalize(st);
    if (!rows)
        fprintf(out, "  %s\n", none);
    return rc == SQLITE_DONE;
}

bool app_stats_day_report(app_stats *s, time_t when, FILE *out, vk_error *err)
{
    if (!s)
        return vk_error_set(err, NULL, 0, "no counter file");
    char day[11];
    local_day(when, day, NULL);
    long long t[APP_STATS_EVENT_COUNT];
    for (int e = 0; e < APP_STATS_EVENT_COUNT; e++)
        if ((t[e] = app_stats_day_total(s, (app_stats_event)e, when)) < 0)
            return db_error(err, s->path, s->db, "cannot read the counters");
    fprintf(out, "I dag (%s):\n  sidevisninger: %lld\n  \"Var siden en hjælp?\": %lld ja, %lld nej\n"
                 "  besøg, der sluttede uden et tryk (kiosken startede forfra): %lld\n",
            day, t[APP_STATS_VIEW], t[APP_STATS_HELPFUL_YES], t[APP_STATS_HELPFUL_NO], t[APP_STATS_IDLE_RESET]);
    fprintf(out, "Mest læste sider i dag:\n");
    bool ok = report_rows(s->db,
                          "SELECT page, lang, sum(n) AS v FROM counts WHERE day = ?1 AND event = 'view'"
                          " GROUP BY page, lang ORDER BY v DESC, page, lang LIMIT 8",
                          day, out, "endnu ingen", false);
    fprintf(out, "Sider, der ikke hjalp i dag:\n");
    ok = ok && report_rows(s->db,
                           "SELECT page, lang, sum(CASE WHEN event = 'helpful_no' THEN n ELSE 0 END) AS no,"
                           " sum(CASE WHEN event = 'helpful_yes' THEN n ELSE 0 END) AS yes FROM counts"
                           " WHERE day = ?1 AND event IN ('helpful_no', 'helpful_yes')"
                           " GROUP BY page, lang HAVING no > 0 ORDER BY no DESC, page, lang LIMIT 8",
                           day, out, "ingen", true);
    if (!ok)
        return db_error(err, s->path, s->db, "cannot read the counters");
    return true;
}

bool app_stats_valid_day(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 2000 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

static void csv_field(FILE *out, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static void json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

/* Adds the counts of the store at path into main.counts of mem. */
static bool merge_one(sqlite3 *mem, const char *path, vk_error *err)
{
    struct stat stt;
    if (stat(path, &stt) != 0)
        return vk_error_set(err, path, 0, "cannot open the counter file: %s", strerror(errno));
    sqlite3_stmt *st;
    bool ok = sqlite3_prepare_v2(mem, "ATTACH DATABASE ?1 AS src", -1, &st, NULL) == SQLITE_OK;
    if (ok) {
        char uri[1100];
        snprintf(uri, sizeof uri, "file:%s?mode=ro", path);
        /* a URI: '?' and '#' in a file name would end the path; percent-encode them */
        char enc[3300];
        size_t n = 0;
        for (const char *p = uri; *p && n + 4 < sizeof enc; p++) {
            bool in_path = p >= uri + 5 && p < uri + 5 + strlen(path);
            if (in_path && (*p == '?' || *p == '#' || *p == '%'))
                n += (size_t)snprintf(enc + n, sizeof enc - n, "%%%02X", (unsigned char)*p);
            else
                enc[n++] = *p;
        }
        enc[n] = 0;
        sqlite3_bind_text(st, 1, enc, -1, SQLITE_TRANSIENT);
        ok = sqlite3_step(st) == SQLITE_DONE;
    }
    sqlite3_finalize(st);
    if (!ok)
        return db_error(err, path, mem, "cannot open the counter file");
    long long app_id = query_int(mem, "PRAGMA src.application_id");
    if (app_id < 0) {
        db_error(err, path, mem, "cannot read the counter file");
        sqlite3_exec(mem, "DETACH DATABASE src", NULL, NULL, NULL);
        return false;
    }
    if (app_id != STATS_APP_ID) {
        sqlite3_exec(mem, "DETACH DATABASE src", NULL, NULL, NULL);
        return vk_error_set(err, path, 0, "not a Velkommen counter file");
    }
    ok = sqlite3_exec(mem,
                      "INSERT INTO main.counts (day, hour, event, page, lang, n)"
                      " SELECT day, hour, event, page, lang, n FROM src.counts WHERE true"
                      " ON CONFLICT (day, hour, event, page, lang) DO UPDATE SET n = n + excluded.n",
                      NULL, NULL, NULL) == SQLITE_OK;
    if (!ok)
        db_error(err, path, mem, "cannot read the counter file");
    sqlite3_exec(mem, "DETACH DATABASE src", NULL, NULL, NULL);
    return ok;
}

bool app_stats_export(const char *const *paths, int count, const char *since, app_stats_format fmt, FILE *out,
                      const char *merged_out, vk_error *err)
{
    if (since && !app_stats_valid_day(since))
        return vk_error_set(err, NULL, 0, "--since wants a date as YYYY-MM-DD, not '%s'", since);
    struct stat stt;
    if (merged_out && lstat(merged_out, &stt) == 0)
        return vk_error_set(err, merged_out, 0, "already exists; the merge writes a new file");
    sqlite3 *mem = NULL;
    if (sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, NULL) != SQLITE_OK) {
        sqlite3_close(mem);
        return vk_error_set(err, NULL, 0, "out of memory");
    }
    char sql[200];
    snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d;", STATS_APP_ID, STATS_SCHEMA);
    bool ok = sqlite3_exec(mem, sql, NULL, NULL, NULL) == SQLITE_OK && sqlite3_exec(mem, schema, NULL, NULL, NULL) == SQLITE_OK;
    if (!ok)
        db_error(err, NULL, mem, "cannot merge");
    for (int i = 0; ok && i < count; i++)
        ok = merge_one(mem, paths[i], err);
    if (ok && since) {
        sqlite3_stmt *st;
        ok = sqlite3_prepare_v2(mem, "DELETE FROM counts WHERE day < ?1", -1, &st, NULL) == SQLITE_OK;
        if (ok) {
            sqlite3_bind_text(st, 1, since, -1, SQLITE_TRANSIENT);
            ok = sqlite3_step(st) == SQLITE_DONE;
        }
        sqlite3_finalize(st);
    }
    sqlite3_stmt *st = NULL;
    if (ok && out) {
        ok = sqlite3_prepare_v2(mem, "SELECT day, hour, event, page, lang, n FROM counts ORDER BY day, hour, event, page, lang",
                                -1, &st, NULL) == SQLITE_OK;
        if (fmt == APP_STATS_CSV)
            fputs("day,hour,event,page,lang,count\n", out);
        else
            fputs("[", out);
        int rows = 0, rc = SQLITE_DONE;
        while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
            const char *c[6];
            for (int k = 0; k < 6; k++)
                c[k] = (const char *)sqlite3_column_text(st, k);
            if (fmt == APP_STATS_CSV) {
                fprintf(out, "%s,%s,", c[0], c[1]);
                csv_field(out, c[2]);
                fputc(',', out);
                csv_field(out, c[3]);
                fputc(',', out);
                csv_field(out, c[4]);
                fprintf(out, ",%s\n", c[5]);
            } else {
                fprintf(out, "%s\n  {\"day\": ", rows ? "," : "");
                json_string(out, c[0]);
                fprintf(out, ", \"hour\": %s, \"event\": ", c[1]);
                json_string(out, c[2]);
                fputs(", \"page\": ", out);
                json_string(out, c[3]);
                fputs(", \"lang\": ", out);
                json_string(out, c[4]);
                fprintf(out, ", \"count\": %s}", c[5]);
            }
            rows++;
        }
        if (fmt == APP_STATS_JSON)
            fputs(rows ? "\n]\n" : "]\n", out);
        if (ok && rc != SQLITE_DONE)
            ok = db_error(err, NULL, mem, "cannot read the counters");
        sqlite3_finalize(st);
    }
    if (ok && merged_out) {
        ok = sqlite3_prepare_v2(mem, "VACUUM INTO ?1", -1, &st, NULL) == SQLITE_OK;
        if (ok) {
            sqlite3_bind_text(st, 1, merged_out, -1, SQLITE_TRANSIENT);
            ok = sqlite3_step(st) == SQLITE_DONE;
        }
        if (!ok)
            db_error(err, merged_out, mem, "cannot write the merged counters");
        sqlite3_finalize(st);
    }
    sqlite3_close(mem);
    return ok;
}

void app_stats_default_path(char *buf, size_t size)
{
    const char *state = getenv("STATE_DIRECTORY"); /* systemd: StateDirectory=velkommen */
    const char *xdg = getenv("XDG_STATE_HOME");
    const char *home = getenv("HOME");
    buf[0] = 0;
    if (state && *state) {
        /* systemd may list several, separated by ':'; the first is ours */
        size_t n = strcspn(state, ":");
        snprintf(buf, size, "%.*s/stats.db", (int)n, state);
    } else if (xdg && xdg[0] == '/') {
        snprintf(buf, size, "%s/velkommen/stats.db", xdg);
    } else if (home && home[0] == '/') {
        snprintf(buf, size, "%s/.local/state/velkommen/stats.db", home);
    }
}
