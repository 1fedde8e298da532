/* Live reload of the content: a background thread notices changed files (inotify on the folders,
 * and the folder holding the data folder's symlink when it is one; a cheap poll of sizes, times and
 * inodes every interval as well, for what inotify cannot see; SIGHUP or app_reloader_request forces
 * a look), loads and checks the new tree off the render path, and hands it over whole. A tree with
 * errors (what `velkommen check` calls one: the loader's, and every picture opened as the screen would
 * open it) is never handed over: the kiosk keeps showing the last good content and the errors are kept
 * for the staff screen and the log. A change is loaded once the folder has been quiet for 60 ms after
 * inotify's last event, or has stood still for one interval between polls (a copy of many files is
 * seen whole), and files that change while a load runs make that load void, so a tree is always one
 * settled state of the folder, never a mix of old and new files.
 */
#ifndef VK_APP_RELOAD_H
#define VK_APP_RELOAD_H

#include <stdbool.h>
#include <stdint.h>

#include "base/error.h"
#include "content/tree.h"

/* After inotify reports a change, the folder must stay quiet this long before it is loaded: an
 * editor's save or a copy of many files comes as a burst of events. A copy that pauses longer than
 * this half-way is loaded half-way (a fleet switches releases with one rename instead). */
#define APP_RELOAD_SETTLE_MS 60

typedef struct app_reloader app_reloader;

/* Watches dir, looking every interval_ms. The tree the caller already shows counts as loaded: the
 * first reload happens on the first change. catalogs_dir (may be NULL) is watched too, with the same
 * settling, for app_reloader_catalogs_changed. Returns NULL and fills err when the thread cannot
 * start. */
app_reloader *app_reloader_new(const char *dir, const char *catalogs_dir, unsigned interval_ms, vk_error *err);

/* Main thread: true once after the catalogs folder changed and settled (read the catalogs again). */
bool app_reloader_catalogs_changed(app_reloader *r);
void app_reloader_free(app_reloader *r); /* stops the thread; accepts NULL */

/* Asks for a reload at the next look, changed or not (SIGHUP). Safe from any thread. */
void app_reloader_request(app_reloader *r);

/* Main thread, between frames. When a new good tree is ready, moves it into *out (the caller frees it
 * with content_tree_free) and returns true. */
bool app_reloader_take(app_reloader *r, content_tree *out);

/* The diagnostics of the last finished load, good or bad, copied into *out (caller frees). Returns
 * how many loads have finished, so a caller can tell whether anything new happened. */
uint64_t app_reloader_last(app_reloader *r, content_diags *out);

/* A signature of the folder's files (names, sizes, modification times); changes when any of them does.
 * Exposed for tests. */
uint64_t app_content_signature(const char *dir);

#endif
