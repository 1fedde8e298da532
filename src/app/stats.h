/* The anonymous counters: page views, "Was this helpful?" answers and idle resets, per page, language,
 * day and hour, in SQLite (WAL) in the kiosk's state directory.
 *
 * What is kept is a count per (day, hour, event, page, language) and nothing else: no time finer than
 * the hour, no order of pages, no visit, nothing typed. A municipality learns which questions
 * newcomers bring (views), which pages fail them (helpful no) and how often people walk away
 * mid-visit (idle resets), and nothing about any one person.
 *
 *     CREATE TABLE counts(day TEXT, hour INTEGER, event TEXT, page TEXT, lang TEXT, n INTEGER,
 *                         PRIMARY KEY (day, hour, event, page, lang)) WITHOUT ROWID;
 *
 * Each count is one autocommit transaction in WAL mode with synchronous=NORMAL: once
 * app_stats_add returns true the count survives the process being killed (SIGKILL, a crash); a power
 * cut may lose the last few counts but never corrupts the file (SQLite's WAL guarantees).
 * tests/stats_kill.sh holds it to that.
 */
#ifndef VK_APP_STATS_H
#define VK_APP_STATS_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "base/error.h"

typedef enum app_stats_event {
    APP_STATS_VIEW,        /* a page was opened (or its language switched) */
    APP_STATS_HELPFUL_YES, /* "Was this helpful?" yes */
    APP_STATS_HELPFUL_NO,
    APP_STATS_IDLE_RESET,  /* the visitor walked away; page and language are "" */
    APP_STATS_SEARCH_EMPTY, /* a search found nothing (its words are not kept); page is "" */
    APP_STATS_EVENT_COUNT
} app_stats_event;

/* "view", "helpful_yes", "helpful_no", "idle_reset", "search_empty": the names in the file and exports */
const char *app_stats_event_name(app_stats_event e);

typedef struct app_stats app_stats;

/* Opens (creating it and its folder when missing) the store at path. NULL and err (naming the file)
 * when it cannot be opened or is not a Velkommen counter file. */
app_stats *app_stats_open(const char *path, vk_error *err);
void app_stats_close(app_stats *s);

/* Counts one event at time `when` (local day and hour). page and lang may be NULL for idle resets.
 * False (and err) when the write failed; the caller carries on: a lost count never stops a kiosk. */
bool app_stats_add(app_stats *s, app_stats_event e, const char *page, const char *lang, time_t when, vk_error *err);

/* The totals of one local day (the day of `when`), for the staff screen: counts per event, and the
 * pages with the most views and the most "no" answers, formatted in Danish for staff into out. */
bool app_stats_day_report(app_stats *s, time_t when, FILE *out, vk_error *err);

/* The sum of one event over the day of `when` (tests and the staff screen). -1 on error. */
long long app_stats_day_total(app_stats *s, app_stats_event e, time_t when);

/* The sum of one event over every day in the file. -1 on error. */
long long app_stats_total(app_stats *s, app_stats_event e);

typedef enum app_stats_format { APP_STATS_CSV, APP_STATS_JSON } app_stats_format;

/* Writes every count from day `since` (YYYY-MM-DD, or NULL for all) in the given format, summed over
 * the stores in paths[0..count) (one store: an export; several: the fleet's merge), ordered by day,
 * hour, event, page and language. When merged_out is not NULL the sum is also written there as a
 * new counter file (which must not exist yet). The stores are opened read-only. */
bool app_stats_export(const char *const *paths, int count, const char *since, app_stats_format fmt, FILE *out,
                      const char *merged_out, vk_error *err);

/* Where the kiosk keeps its counters when neither --stats nor the configuration says:
 * $STATE_DIRECTORY/stats.db (systemd's StateDirectory=), else $XDG_STATE_HOME/velkommen/stats.db,
 * else ~/.local/state/velkommen/stats.db. Empty when none of those can be formed. */
void app_stats_default_path(char *buf, size_t size);

/* Whether s is a day written as YYYY-MM-DD (a real date). */
bool app_stats_valid_day(const char *s);

#endif
