/* Live reload of the content: see reload.h. */
#define _GNU_SOURCE /* pipe2 */
#include "app/reload.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL.h>

#include "app/commands.h"

#define SETTLE_MS APP_RELOAD_SETTLE_MS

struct app_reloader {
    char *dir;
    char *catalogs_dir;
    bool catalogs_changed;
    unsigned interval_ms;
    SDL_Thread *thread;
    SDL_mutex *lock;
    int wake[2];         /* a pipe: a byte wakes the thread (a request, or stop) */
    int notify;          /* inotify, -1 when there is none (then only the poll) */
    bool stop;
    bool requested;
    bool ready;          /* `fresh` holds a good tree not yet taken */
    content_tree fresh;
    content_diags last;  /* of the last finished load */
    uint64_t loads;
    app_picture_memo *pictures; /* the reload thread's: verdicts on pictures that did not change */
};

static uint64_t mix(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* Calls fn on each entry of path whose name does not start with '.', in name order, with its path.
 * False when path cannot be read. */
static bool each_entry(const char *path, void (*fn)(const char *child, const char *name, void *ctx), void *ctx)
{
    struct dirent **list;
    int n = scandir(path, &list, NULL, alphasort);
    if (n < 0)
        return false;
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        size_t len = strlen(path) + strlen(name) + 2;
        char *child = name[0] != '.' ? malloc(len) : NULL;
        if (child) {
            snprintf(child, len, "%s/%s", path, name);
            fn(child, name, ctx);
            free(child);
        }
        free(list[i]);
    }
    free(list);
    return true;
}

typedef struct walk_state {
    uint64_t h;
    int depth;
} walk_state;

static void walk_entry(const char *child, const char *name, void *ctx);

static void walk(const char *path, walk_state *w)
{
    if (w->depth > CONTENT_MAX_DEPTH + 1)
        return;
    if (!each_entry(path, walk_entry, w))
        w->h = mix(w->h, "?", 1);
}

static void walk_entry(const char *child, const char *name, void *ctx)
{
    walk_state *w = ctx;
    struct stat st, target;
    w->h = mix(w->h, name, strlen(name) + 1);
    if (lstat(child, &st) != 0)
        return;
    w->h = mix(w->h, &st.st_size, sizeof st.st_size);
    w->h = mix(w->h, &st.st_mtim, sizeof st.st_mtim);
    w->h = mix(w->h, &st.st_ino, sizeof st.st_ino);
    if (stat(child, &target) == 0 && S_ISDIR(target.st_mode)) {
        w->depth++;
        walk(child, w);
        w->depth--;
    }
}

uint64_t app_content_signature(const char *dir)
{
    walk_state w = {1469598103934665603ULL, 0};
    walk(dir, &w);
    return w.h;
}

#define WATCH_MASK                                                                                          \
    (IN_CLOSE_WRITE | IN_MODIFY | IN_ATTRIB | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | \
     IN_MOVE_SELF)

typedef struct watch_state {
    int fd, depth;
} watch_state;

static void watch_entry(const char *child, const char *name, void *ctx);

/* Watches path and the folders below it (through symlinks, as the loader reads them). */
static void watch_tree(watch_state *ws, const char *path)
{
    if (ws->depth > CONTENT_MAX_DEPTH + 1 || inotify_add_watch(ws->fd, path, WATCH_MASK) < 0)
        return;
    each_entry(path, watch_entry, ws);
}

static void watch_entry(const char *child, const char *name, void *ctx)
{
    (void)name;
    watch_state *ws = ctx;
    struct stat st;
    if (stat(child, &st) == 0 && S_ISDIR(st.st_mode)) {
        ws->depth++;
        watch_tree(ws, child);
        ws->depth--;
    }
}

/* When the data folder is reached through a symlink (a fleet's STATE/current, switched by renaming a
 * new link over it), the folder holding the link is watched too: the switch changes no file below. */
static void watch_link_parent(int fd, const char *dir)
{
    char *copy = strdup(dir);
    if (!copy)
        return;
    char *data = dirname(copy); /* DATA of DATA/content */
    struct stat st;
    if (lstat(data, &st) == 0 && S_ISLNK(st.st_mode)) {
        char *copy2 = strdup(data);
        if (copy2) {
            inotify_add_watch(fd, dirname(copy2), IN_CREATE | IN_MOVED_TO | IN_DELETE);
            free(copy2);
        }
    }
    free(copy);
}

/* A new inotify descriptor watching everything again (folders come and go, a link is switched). */
static void rewatch(app_reloader *r)
{
    if (r->notify >= 0)
        close(r->notify);
    r->notify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (r->notify < 0)
        return; /* no inotify (a limit reached): the poll still sees every change */
    watch_state ws = {r->notify, 0};
    watch_tree(&ws, r->dir);
    watch_link_parent(r->notify, r->dir);
    if (r->catalogs_dir)
        watch_tree(&ws, r->catalogs_dir);
}

/* Reads what inotify has; true when anything came. */
static bool drain_notify(int fd)
{
    if (fd < 0)
        return false;
    char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    bool any = false;
    while (read(fd, buf, sizeof buf) > 0)
        any = true;
    return any;
}

/* Waits up to ms for a wake byte or an inotify event. Returns 1 for inotify, 2 for a wake, 0 for the
 * time running out. */
static int wait_for(app_reloader *r, int ms)
{
    struct pollfd fds[2] = {{r->wake[0], POLLIN, 0}, {r->notify, POLLIN, 0}};
    int n = poll(fds, r->notify >= 0 ? 2 : 1, ms);
    if (n <= 0)
        return 0;
    if (fds[0].revents & POLLIN) {
        char b[64];
        while (read(r->wake[0], b, sizeof b) > 0) {
        }
        return 2;
    }
    return drain_notify(r->notify) ? 1 : 0;
}

static int run(void *p)
{
    app_reloader *r = p;
    uint64_t seen = app_content_signature(r->dir), pending = seen;
    uint64_t cat_seen = r->catalogs_dir ? app_content_signature(r->catalogs_dir) : 0, cat_pending = cat_seen;
    rewatch(r);
    SDL_LockMutex(r->lock);
    while (!r->stop) {
        SDL_UnlockMutex(r->lock);
        int woke = wait_for(r, (int)r->interval_ms);
        bool notified = woke == 1;
        if (notified) {
            /* inotify: the folder settles when it has been quiet for SETTLE_MS, then it is looked at
             * at once, rather than at the next poll */
            while (wait_for(r, SETTLE_MS) == 1) {
                /* a folder written to without pause is not looked at until it pauses, as with the
                 * poll: a state in the middle of a copy is never the one shown */
            }
            rewatch(r); /* folders may have come or gone, a link may point elsewhere */
        }
        SDL_LockMutex(r->lock);
        if (r->stop)
            break;
        bool forced = r->requested;
        r->requested = false;
        SDL_UnlockMutex(r->lock);

        /* Load only a folder that has stood still: for SETTLE_MS after inotify's last event, or for
         * one interval between two polls (where inotify cannot see: a network file system, or the
         * limit of watches reached). An editor saving, or a copy of many files, passes through
         * states nobody meant to show. */
        uint64_t before = app_content_signature(r->dir);
        bool load = forced || (before != seen && (before == pending || notified));
        pending = before;
        bool catalogs = false;
        if (r->catalogs_dir) {
            uint64_t cs = app_content_signature(r->catalogs_dir);
            catalogs = forced || (cs != cat_seen && (cs == cat_pending || notified));
            cat_pending = cs;
            if (catalogs)
                cat_seen = cs;
        }
        content_tree tree;
        content_diags diags = {0};
        bool ok = false, consistent = true;
        if (load) {
            bool loaded = content_tree_load(r->dir, &tree, &diags);
            /* the same checks as `velkommen check`, so the kiosk never switches to content the checker
             * refuses: a picture it cannot read, or one too large to draw, is an error here too. Done
             * before the signature is taken again, so a picture replaced meanwhile voids the load. */
            app_check_pictures_remembering(&tree, &diags, r->pictures);
            content_diags_sort(&diags); /* read on the staff screen and in the log as check prints them */
            ok = loaded && diags.errors == 0;
            /* a file that changed during the load may have been read half old, half new */
            uint64_t after = app_content_signature(r->dir);
            consistent = after == before;
            if (!consistent) {
                content_tree_free(&tree);
                content_diags_free(&diags);
                ok = false;
            } else {
                seen = before;
            }
        }

        SDL_LockMutex(r->lock);
        if (catalogs) {
            r->catalogs_changed = true;
            if (SDL_WasInit(SDL_INIT_EVENTS)) {
                SDL_Event ev = {.type = SDL_USEREVENT};
                SDL_PushEvent(&ev);
            }
        }
        if (load && consistent) {
            content_diags_free(&r->last);
            r->last = diags;
            r->loads++;
            if (ok) {
                if (r->ready)
                    content_tree_free(&r->fresh); /* never taken: the newer one wins */
                r->fresh = tree;
                r->ready = true;
                /* wake the main loop now rather than at its next timeout */
                if (SDL_WasInit(SDL_INIT_EVENTS)) {
                    SDL_Event ev = {.type = SDL_USEREVENT};
                    SDL_PushEvent(&ev);
                }
            } else {
                content_tree_free(&tree);
            }
        } else if (load && !consistent) {
            r->requested = r->requested || forced; /* look again next time */
        }
    }
    SDL_UnlockMutex(r->lock);
    return 0;
}

app_reloader *app_reloader_new(const char *dir, const char *catalogs_dir, unsigned interval_ms, vk_error *err)
{
    app_reloader *r = calloc(1, sizeof *r);
    if (!r || !(r->dir = strdup(dir)) || (catalogs_dir && !(r->catalogs_dir = strdup(catalogs_dir)))) {
        if (r)
            free(r->dir);
        free(r);
        vk_error_set(err, NULL, 0, "out of memory");
        return NULL;
    }
    r->interval_ms = interval_ms ? interval_ms : 1000;
    r->notify = -1;
    r->wake[0] = r->wake[1] = -1;
    r->lock = SDL_CreateMutex();
    r->pictures = app_picture_memo_new(); /* NULL: every reload checks every picture again */
    bool piped = pipe2(r->wake, O_NONBLOCK | O_CLOEXEC) == 0;
    r->thread = r->lock && piped ? SDL_CreateThread(run, "content-reload", r) : NULL;
    if (!r->thread) {
        vk_error_set(err, NULL, 0, "cannot start the content reload thread: %s", SDL_GetError());
        app_reloader_free(r);
        return NULL;
    }
    return r;
}

void app_reloader_free(app_reloader *r)
{
    if (!r)
        return;
    if (r->thread) {
        SDL_LockMutex(r->lock);
        r->stop = true;
        SDL_UnlockMutex(r->lock);
        if (write(r->wake[1], "s", 1) < 0) {
            /* the pipe is full, so the thread is being woken anyway */
        }
        SDL_WaitThread(r->thread, NULL);
    }
    if (r->notify >= 0)
        close(r->notify);
    for (int i = 0; i < 2; i++)
        if (r->wake[i] >= 0)
            close(r->wake[i]);
    if (r->ready)
        content_tree_free(&r->fresh);
    content_diags_free(&r->last);
    app_picture_memo_free(r->pictures);
    if (r->lock)
        SDL_DestroyMutex(r->lock);
    free(r->dir);
    free(r->catalogs_dir);
    free(r);
}

bool app_reloader_catalogs_changed(app_reloader *r)
{
    if (SDL_TryLockMutex(r->lock) != 0)
        return false;
    bool changed = r->catalogs_changed;
    r->catalogs_changed = false;
    SDL_UnlockMutex(r->lock);
    return changed;
}

void app_reloader_request(app_reloader *r)
{
    SDL_LockMutex(r->lock);
    r->requested = true;
    SDL_UnlockMutex(r->lock);
    if (write(r->wake[1], "r", 1) < 0) {
        /* full: a wake-up is already waiting */
    }
}

bool app_reloader_take(app_reloader *r, content_tree *out)
{
    /* never block a frame on a load in progress */
    if (SDL_TryLockMutex(r->lock) != 0)
        return false;
    bool got = r->ready;
    if (got) {
        *out = r->fresh;
        memset(&r->fresh, 0, sizeof r->fresh);
        r->ready = false;
    }
    SDL_UnlockMutex(r->lock);
    return got;
}

uint64_t app_reloader_last(app_reloader *r, content_diags *out)
{
    memset(out, 0, sizeof *out);
    SDL_LockMutex(r->lock);
    uint64_t loads = r->loads;
    for (size_t i = 0; i < r->last.count; i++) {
        const content_diag *d = &r->last.items[i];
        content_diag_add(out, d->severity, d->file, d->line, d->col, "%s", d->msg);
    }
    SDL_UnlockMutex(r->lock);
    return loads;
}
