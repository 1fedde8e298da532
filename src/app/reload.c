/* Live reload of the content: see reload.h. */
#include "app/reload.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL.h>

struct app_reloader {
    char *dir;
    char *catalogs_dir;
    bool catalogs_changed;
    unsigned interval_ms;
    SDL_Thread *thread;
    SDL_mutex *lock;
    SDL_cond *wake;
    bool stop;
    bool requested;
    bool ready;          /* `fresh` holds a good tree not yet taken */
    content_tree fresh;
    content_diags last;  /* of the last finished load */
    uint64_t loads;
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

static uint64_t walk(const char *path, uint64_t h, int depth)
{
    if (depth > CONTENT_MAX_DEPTH + 1)
        return h;
    struct dirent **list;
    int n = scandir(path, &list, NULL, alphasort);
    if (n < 0)
        return mix(h, "?", 1);
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        if (name[0] != '.') {
            size_t len = strlen(path) + strlen(name) + 2;
            char *child = malloc(len);
            struct stat st;
            if (child) {
                snprintf(child, len, "%s/%s", path, name);
                h = mix(h, name, strlen(name) + 1);
                if (lstat(child, &st) == 0) {
                    h = mix(h, &st.st_size, sizeof st.st_size);
                    h = mix(h, &st.st_mtim, sizeof st.st_mtim);
                    h = mix(h, &st.st_ino, sizeof st.st_ino);
                    struct stat target;
                    if (stat(child, &target) == 0 && S_ISDIR(target.st_mode))
                        h = walk(child, h, depth + 1);
                }
                free(child);
            }
        }
        free(list[i]);
    }
    free(list);
    return h;
}

uint64_t app_content_signature(const char *dir)
{
    return walk(dir, 1469598103934665603ULL, 0);
}

static int run(void *p)
{
    app_reloader *r = p;
    uint64_t seen = app_content_signature(r->dir), pending = seen;
    uint64_t cat_seen = r->catalogs_dir ? app_content_signature(r->catalogs_dir) : 0, cat_pending = cat_seen;
    SDL_LockMutex(r->lock);
    while (!r->stop) {
        SDL_CondWaitTimeout(r->wake, r->lock, r->interval_ms);
        if (r->stop)
            break;
        bool forced = r->requested;
        r->requested = false;
        SDL_UnlockMutex(r->lock);

        /* Load only a folder that has stood still for one interval: an editor saving, or a copy of
         * many files, passes through states nobody meant to show. */
        uint64_t before = app_content_signature(r->dir);
        bool load = forced || (before != seen && before == pending);
        pending = before;
        bool catalogs = false;
        if (r->catalogs_dir) {
            uint64_t cs = app_content_signature(r->catalogs_dir);
            catalogs = forced || (cs != cat_seen && cs == cat_pending);
            cat_pending = cs;
            if (catalogs)
                cat_seen = cs;
        }
        content_tree tree;
        content_diags diags = {0};
        bool ok = false, consistent = true;
        if (load) {
            ok = content_tree_load(r->dir, &tree, &diags) && diags.errors == 0;
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
    r->lock = SDL_CreateMutex();
    r->wake = SDL_CreateCond();
    r->thread = r->lock && r->wake ? SDL_CreateThread(run, "content-reload", r) : NULL;
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
        SDL_CondSignal(r->wake);
        SDL_UnlockMutex(r->lock);
        SDL_WaitThread(r->thread, NULL);
    }
    if (r->ready)
        content_tree_free(&r->fresh);
    content_diags_free(&r->last);
    if (r->wake)
        SDL_DestroyCond(r->wake);
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
    SDL_CondSignal(r->wake);
    SDL_UnlockMutex(r->lock);
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
