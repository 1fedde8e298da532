/* Loading the data directory: see resources.h. */
#include "app/resources.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL.h>

#ifndef VELKOMMEN_DATADIR
#define VELKOMMEN_DATADIR "."
#endif
#ifndef VELKOMMEN_BIN_TO_DATA
#define VELKOMMEN_BIN_TO_DATA "../share/velkommen"
#endif

/* Where the data is when nobody says (no --data, no VELKOMMEN_DATA, no [data] dir):
 *
 * 1. Beside the program as installed: the directory of /proc/self/exe joined with VELKOMMEN_BIN_TO_DATA,
 *    the path from the install's bin/ to its share/velkommen that CMake computes from GNUInstallDirs
 *    ("../share/velkommen"): /usr/bin/velkommen reads /usr/share/velkommen. Asking the kernel where the
 *    binary is, rather than compiling the install prefix in, keeps one binary right wherever its tree
 *    lands: a .deb in /usr, cmake --install in /usr/local or /opt, a DESTDIR staging root or an
 *    unpacked package in a test. It counts only when it holds locales/languages, so a build tree that
 *    happens to sit next to some share/velkommen is not captured by it.
 * 2. The source tree the build was configured in (VELKOMMEN_DATADIR), so build/velkommen runs from a
 *    checkout with nothing installed.
 */
static const char *installed_data_dir(char *buf, size_t size)
{
    char exe[1024];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0 || (size_t)n >= sizeof exe - 1)
        return NULL;
    exe[n] = 0;
    char *slash = strrchr(exe, '/'); /* drops the file name, and with it a " (deleted)" after an upgrade */
    if (!slash)
        return NULL;
    *slash = 0;
    /* The kernel gives the path with every symlink resolved (a /usr/local/bin/velkommen linking to
     * /opt/velkommen/bin/velkommen finds /opt/velkommen/share/velkommen), so each "../" can drop a
     * component as text, and messages name /usr/share/velkommen rather than /usr/bin/../share. */
    const char *rel = VELKOMMEN_BIN_TO_DATA;
    char *up;
    while (strncmp(rel, "../", 3) == 0 && (up = strrchr(exe, '/')) != NULL) {
        *up = 0;
        rel += 3;
    }
    int w = snprintf(buf, size, "%s/%s", exe, rel);
    if (w < 0 || (size_t)w >= size)
        return NULL;
    char probe[1400];
    snprintf(probe, sizeof probe, "%s/locales/languages", buf);
    struct stat st;
    return stat(probe, &st) == 0 && S_ISREG(st.st_mode) ? buf : NULL;
}

const char *app_data_dir(const char *dir_option, char *buf, size_t size)
{
    if (dir_option && *dir_option)
        return dir_option;
    const char *env = getenv("VELKOMMEN_DATA");
    if (env && *env)
        return env;
    if (buf && size && installed_data_dir(buf, size))
        return buf;
    return VELKOMMEN_DATADIR;
}

static void warn(app_resources *res, const vk_error *e)
{
    if (res->warning_count < APP_MAX_WARNINGS)
        vk_error_format(e, res->warnings[res->warning_count++], sizeof res->warnings[0]);
}

/* locales/<code>/<domain>.po; NULL when absent. A broken catalog is a warning (in *warning, else
 * res's list): the language falls back along its chain and the kiosk stays up. */
static i18n_catalog *read_catalog(app_resources *res, const char *locales_dir, const char *code, const char *domain,
                                  vk_error *warning)
{
    char po[1400];
    snprintf(po, sizeof po, "%s/%s/%s.po", locales_dir, code, domain);
    struct stat ps;
    if (stat(po, &ps) != 0)
        return NULL;
    vk_error e = {0};
    i18n_catalog *c = i18n_catalog_load(po, &e);
    /* a catalog that loads may still have dropped a translation whose placeholders do not fit:
     * the language falls back for that string, and staff see why */
    if (c && i18n_catalog_dropped(c, &e) == 0)
        return c;
    if (warning)
        *warning = e;
    else
        warn(res, &e);
    return c;
}

static i18n_catalog *load_catalog(app_resources *res, const char *locales_dir, const char *code, const char *domain)
{
    return read_catalog(res, locales_dir, code, domain, NULL);
}

/* The catalogs to read, and what reading them found: filled by the thread, read by the joiner. */
typedef struct app_catalog_job {
    app_resources *res;
    bool *wanted;   /* per language */
    vk_error *warnings; /* two per language: interface, content */
    SDL_Thread *thread;
} app_catalog_job;

/* Waits for the job's thread if it is still running, then frees the job. Accepts NULL. */
static void catalog_job_free(app_catalog_job *job)
{
    if (!job)
        return;
    if (job->thread)
        SDL_WaitThread(job->thread, NULL);
    free(job->wanted);
    free(job->warnings);
    free(job);
}

static int read_catalogs(void *arg)
{
    app_catalog_job *job = arg;
    app_resources *res = job->res;
    for (size_t i = 0; i < res->langs.count; i++) {
        if (!job->wanted[i])
            continue;
        const char *code = res->langs.langs[i].code;
        res->catalogs[i] = read_catalog(res, res->locales_dir, code, "velkommen", &job->warnings[2 * i]);
        res->content_catalogs[i] = read_catalog(res, res->locales_dir, code, "content", &job->warnings[2 * i + 1]);
    }
    return 0;
}

/* Whether code is the language `only` or one it falls back to; every language when only is NULL. */
static bool wants_catalogs(const app_resources *res, const char *only, const char *code)
{
    if (!only)
        return true;
    if (strcmp(only, code) == 0)
        return true;
    const i18n_lang *l = i18n_langs_find(&res->langs, only);
    for (int k = 0; l && k < l->fallback_count; k++)
        if (strcmp(l->fallback[k], code) == 0)
            return true;
    return false;
}

static int load_chain(app_resources *res, const i18n_lang *l, const char *weight, text_font_chain *chain,
                      vk_error *err)
{
    chain->count = 0;
    for (int i = 0; i < l->font_count; i++) {
        char path[1400];
        snprintf(path, sizeof path, "%s/assets/fonts/%s-%s.ttf", res->data_dir, l->fonts[i], weight);
        text_font *f = text_fontlib_load(res->fontlib, path, err);
        if (!f)
            return 0;
        chain->fonts[chain->count++] = f;
    }
    return 1;
}

int app_resources_lang_index(const app_resources *res, const char *code)
{
    for (size_t i = 0; i < res->langs.count; i++)
        if (strcmp(res->langs.langs[i].code, code) == 0)
            return (int)i;
    return -1;
}

int app_resources_lang_named(const app_resources *res, const char *code)
{
    int i = app_resources_lang_index(res, code);
    if (i < 0) {
        char codes[256];
        fprintf(stderr, "velkommen: unknown language '%s' (languages: %s; see locales/LINGUAS)\n", code,
                i18n_langs_codes(&res->langs, codes, sizeof codes));
    }
    return i;
}

/* Each language's chains of catalogs (interface and content): its own, then its fallbacks'. */
static void build_chains(app_resources *res)
{
    size_t n = res->langs.count;
    for (size_t i = 0; i < n; i++) {
        const i18n_lang *l = &res->langs.langs[i];
        ui_language *u = &res->ui_langs[i];
        u->meta = l;
        /* the language's own keyboard, else the first of its fallbacks' that has one */
        u->keyboard = res->keyboards[i].rows ? &res->keyboards[i] : NULL;
        for (int k = 0; !u->keyboard && k < l->fallback_count; k++) {
            int j = app_resources_lang_index(res, l->fallback[k]);
            if (j >= 0 && res->keyboards[j].rows)
                u->keyboard = &res->keyboards[j];
        }
        u->regular = &res->regular[i];
        u->bold = &res->bold[i];
        u->tr.count = 0;
        if (res->catalogs[i])
            u->tr.chain[u->tr.count++] = res->catalogs[i];
        for (int k = 0; k < l->fallback_count && u->tr.count < I18N_CHAIN_MAX; k++) {
            int j = app_resources_lang_index(res, l->fallback[k]);
            if (j >= 0 && res->catalogs[j])
                u->tr.chain[u->tr.count++] = res->catalogs[j];
        }
        /* the content's chain: the language's own catalog, then its fallbacks'; what none translates
         * stays in the source language. The source language needs no catalog. */
        i18n_content_chain *cc = &res->content_chains[i];
        cc->source_lang = (int)res->source_lang;
        cc->tr.count = 0;
        if (i != res->source_lang && res->content_catalogs[i]) {
            cc->chain_lang[cc->tr.count] = (int)i;
            cc->tr.chain[cc->tr.count++] = res->content_catalogs[i];
        }
        for (int k = 0; i != res->source_lang && k < l->fallback_count && cc->tr.count < I18N_CHAIN_MAX; k++) {
            int j = app_resources_lang_index(res, l->fallback[k]);
            if (j >= 0 && (size_t)j != res->source_lang && res->content_catalogs[j]) {
                cc->chain_lang[cc->tr.count] = j;
                cc->tr.chain[cc->tr.count++] = res->content_catalogs[j];
            }
        }
        u->content = cc;
    }
}

/* Keeps the languages named in list, in its order: the configuration's choice of the LINGUAS. */
static int offer_languages(app_resources *res, const char *list, vk_error *err)
{
    i18n_lang *kept = calloc(res->langs.count, sizeof *kept);
    if (!kept)
        return vk_error_set(err, NULL, 0, "out of memory");
    size_t n = 0;
    char copy[512];
    snprintf(copy, sizeof copy, "%s", list);
    bool source = false;
    for (char *tok = strtok(copy, ", \t"); tok; tok = strtok(NULL, ", \t")) {
        const i18n_lang *l = i18n_langs_find(&res->langs, tok);
        bool twice = false;
        for (size_t i = 0; i < n; i++)
            twice = twice || strcmp(kept[i].code, tok) == 0;
        if (!l || twice) {
            char codes[256];
            vk_error_set(err, NULL, 0, l ? "languages: '%s' is named twice" : "languages: '%s' is not in locales/LINGUAS (%s)",
                         tok, i18n_langs_codes(&res->langs, codes, sizeof codes));
            free(kept);
            return 0;
        }
        source = source || l->fallback_count == 0;
        kept[n++] = *l;
    }
    if (!n || !source) {
        free(kept);
        return vk_error_set(err, NULL, 0, "languages must name the language content/ is written in (the one with no "
                                          "fallback in locales/languages), and may then name others");
    }
    free(res->langs.langs);
    res->langs.langs = kept;
    res->langs.count = n;
    return 1;
}

int app_resources_load(app_resources *res, const char *data_dir, vk_error *err)
{
    app_data_paths p = {.data_dir = data_dir};
    return app_resources_load_paths(res, &p, err);
}

int app_resources_load_paths(app_resources *res, const app_data_paths *paths, vk_error *err)
{
    memset(res, 0, sizeof *res);
    const char *data_dir = paths->data_dir;
    snprintf(res->data_dir, sizeof res->data_dir, "%s", data_dir);
    struct stat st;
    if (stat(data_dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return vk_error_set(err, data_dir, 0, "data directory not found (set --data DIR or VELKOMMEN_DATA)");
    if (paths->content_dir && *paths->content_dir)
        snprintf(res->content_dir, sizeof res->content_dir, "%s", paths->content_dir);
    else
        snprintf(res->content_dir, sizeof res->content_dir, "%s/content", data_dir);
    if (paths->locales_dir && *paths->locales_dir)
        snprintf(res->locales_dir, sizeof res->locales_dir, "%s", paths->locales_dir);
    else
        snprintf(res->locales_dir, sizeof res->locales_dir, "%s/locales", data_dir);
    if (stat(res->locales_dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return vk_error_set(err, res->locales_dir, 0, "the locales folder is not there");

    char meta[1400], linguas[1400];
    snprintf(meta, sizeof meta, "%s/languages", res->locales_dir);
    snprintf(linguas, sizeof linguas, "%s/LINGUAS", res->locales_dir);
    if (!i18n_langs_load(meta, linguas, &res->langs, err))
        return 0;
    if (paths->languages && *paths->languages && !offer_languages(res, paths->languages, err))
        return 0;
    size_t n = res->langs.count;
    res->regular = calloc(n, sizeof *res->regular);
    res->bold = calloc(n, sizeof *res->bold);
    res->catalogs = calloc(n, sizeof *res->catalogs);
    res->content_catalogs = calloc(n, sizeof *res->content_catalogs);
    res->content_chains = calloc(n, sizeof *res->content_chains);
    res->ui_langs = calloc(n, sizeof *res->ui_langs);
    res->keyboards = calloc(n, sizeof *res->keyboards);
    res->fontlib = text_fontlib_new(err);
    res->layouter = res->fontlib ? text_layouter_new(err) : NULL;
    if (!res->regular || !res->bold || !res->catalogs || !res->content_catalogs || !res->content_chains ||
        !res->ui_langs || !res->keyboards || !res->layouter)
        return err && err->msg[0] ? 0 : vk_error_set(err, NULL, 0, "out of memory");

    /* The catalogs first, on their own thread when asked: parsing them is most of the start-up
     * (velkommen render of a page, README "Benchmark"), and fonts, keyboards, the content tree and
     * the caller's renderer need none of them. */
    app_catalog_job *job = calloc(1, sizeof *job);
    if (job) {
        job->res = res;
        job->wanted = calloc(n, sizeof *job->wanted);
        job->warnings = calloc(2 * n, sizeof *job->warnings);
    }
    if (!job || !job->wanted || !job->warnings) {
        catalog_job_free(job);
        return vk_error_set(err, NULL, 0, "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        job->wanted[i] = wants_catalogs(res, paths->catalogs_for, res->langs.langs[i].code);
    res->catalog_job = job;
    if (paths->async_catalogs)
        job->thread = SDL_CreateThread(read_catalogs, "catalogs", job);
    if (!job->thread)
        read_catalogs(job); /* asked to wait, or no thread to be had: here and now */

    for (size_t i = 0; i < n; i++) {
        const i18n_lang *l = &res->langs.langs[i];
        if (!load_chain(res, l, "Regular", &res->regular[i], err) || !load_chain(res, l, "Bold", &res->bold[i], err))
            return 0;
        /* the search keyboard; a broken one is a warning, and the language borrows its fallback's */
        char kb[1300];
        snprintf(kb, sizeof kb, "%s/keyboards/%s.txt", res->locales_dir, l->code);
        vk_error kerr = {0};
        if (access(kb, F_OK) == 0 && !i18n_keyboard_load(kb, &res->keyboards[i], &kerr)) {
            warn(res, &kerr);
            memset(&res->keyboards[i], 0, sizeof res->keyboards[i]);
        }
    }
    /* Last resort for characters a language's own chain lacks: every regular font, then every bold one,
     * so regular text borrows a regular glyph when one exists. */
    res->fallback.count = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++) {
            const text_font_chain *c = pass ? &res->bold[i] : &res->regular[i];
            for (int k = 0; k < c->count; k++) {
                bool seen = false;
                for (int j = 0; j < res->fallback.count; j++)
                    seen = seen || res->fallback.fonts[j] == c->fonts[k];
                if (!seen && res->fallback.count < TEXT_CHAIN_MAX)
                    res->fallback.fonts[res->fallback.count++] = c->fonts[k];
            }
        }

    snprintf(res->icon_dir, sizeof res->icon_dir, "%s/assets/icons", data_dir);
    res->source_lang = 0;
    for (size_t i = n; i-- > 0;)
        if (res->langs.langs[i].fallback_count == 0)
            res->source_lang = i;

    const char *content = res->content_dir;
    if (!content_tree_load(content, &res->content, &res->content_diags)) {
        vk_error e;
        vk_error_set(&e, content, 0, "cannot read the content folder; the kiosk shows no pages");
        warn(res, &e);
    } else if (res->content_diags.errors) {
        vk_error e;
        vk_error_set(&e, content, 0, "the content has %zu errors (run velkommen check)", res->content_diags.errors);
        warn(res, &e);
    }

    if (!paths->async_catalogs)
        app_resources_join_catalogs(res, false);
    return 1;
}

void app_resources_join_catalogs(app_resources *res, bool print_warnings)
{
    app_catalog_job *job = res->catalog_job;
    if (!job)
        return;
    if (job->thread)
        SDL_WaitThread(job->thread, NULL);
    job->thread = NULL;
    for (size_t i = 0; i < 2 * res->langs.count; i++)
        if (job->warnings[i].msg[0]) {
            warn(res, &job->warnings[i]);
            if (print_warnings && res->warning_count > 0)
                fprintf(stderr, "velkommen: warning: %s\n", res->warnings[res->warning_count - 1]);
        }
    catalog_job_free(job);
    res->catalog_job = NULL;
    build_chains(res);
}

void app_resources_free(app_resources *res)
{
    /* a load that stopped half-way, or a caller that never joined: the thread must end before the
     * catalogs it fills are freed */
    catalog_job_free(res->catalog_job);
    res->catalog_job = NULL;
    content_tree_free(&res->content);
    content_diags_free(&res->content_diags);
    for (size_t i = 0; res->catalogs && i < res->langs.count; i++)
        i18n_catalog_free(res->catalogs[i]);
    for (size_t i = 0; res->content_catalogs && i < res->langs.count; i++)
        i18n_catalog_free(res->content_catalogs[i]);
    free(res->catalogs);
    free(res->content_catalogs);
    free(res->content_chains);
    free(res->regular);
    free(res->bold);
    free(res->ui_langs);
    free(res->keyboards);
    text_layouter_free(res->layouter);
    text_fontlib_free(res->fontlib);
    i18n_langs_free(&res->langs);
    memset(res, 0, sizeof *res);
}

void app_resources_ui_env(const app_resources *res, ui_env *env)
{
    memset(env, 0, sizeof *env); /* every field not set here has a meaning at zero (no staff mode, defaults) */
    env->langs = res->ui_langs;
    env->lang_count = res->langs.count;
    env->fallback = &res->fallback;
    env->layouter = res->layouter;
    env->content = &res->content;
    env->source_lang = res->source_lang;
    env->image_size = NULL;
    env->image_ctx = NULL;
    env->icon_dir = res->icon_dir;
}

bool app_resources_replace_content(app_resources *res, const char *dir, content_diags *diags)
{
    content_tree fresh;
    memset(diags, 0, sizeof *diags);
    bool loaded = content_tree_load(dir, &fresh, diags);
    if (!loaded || diags->errors) {
        content_tree_free(&fresh);
        return false;
    }
    content_tree_free(&res->content);
    res->content = fresh;
    return true;
}

int app_resources_reload_catalogs(app_resources *res)
{
    int changed = 0;
    for (size_t i = 0; i < res->langs.count; i++) {
        const char *code = res->langs.langs[i].code;
        i18n_catalog **slots[2] = {&res->catalogs[i], &res->content_catalogs[i]};
        const char *domains[2] = {"velkommen", "content"};
        for (int k = 0; k < 2; k++) {
            int before = res->warning_count;
            i18n_catalog *fresh = load_catalog(res, res->locales_dir, code, domains[k]);
            if (!fresh && res->warning_count > before)
                continue; /* broken: keep the one that worked; the warning says why */
            i18n_catalog_free(*slots[k]);
            *slots[k] = fresh;
            changed++;
        }
    }
    build_chains(res);
    return changed;
}

bool app_resources_open_paths(app_resources *res, const app_data_paths *paths, bool print_warnings)
{
    vk_error err = {0};
    char buf[1200];
    char found[1024];
    app_data_paths p = *paths;
    p.data_dir = app_data_dir(paths->data_dir, found, sizeof found);
    if (!app_resources_load_paths(res, &p, &err)) {
        fprintf(stderr, "velkommen: %s\n", vk_error_format(&err, buf, sizeof buf));
        app_resources_free(res);
        return false;
    }
    for (int i = 0; print_warnings && i < res->warning_count; i++)
        fprintf(stderr, "velkommen: warning: %s\n", res->warnings[i]);
    return true;
}

bool app_resources_open(app_resources *res, const char *data_dir, bool print_warnings)
{
    app_data_paths p = {.data_dir = data_dir};
    return app_resources_open_paths(res, &p, print_warnings);
}
