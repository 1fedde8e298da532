/* `velkommen check [DIR]`: reads the content tree and reports every problem the way a compiler does,
 * "file:line:col: error: message", in words a staff member understands, then a summary.
 * Exit status: 0 clean (warnings allowed), 1 warnings with --strict, 2 errors.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_image.h>

#include "app/cli.h"
#include "base/file.h"
#include "content/markdown.h"
#include "i18n/catalog.h"
#include "i18n/lang.h"
#include "app/commands.h"
#include "app/resources.h"
#include "content/tree.h"

/* A picture's verdict, and the file it was given for. */
typedef struct memo_entry {
    char *path;
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime, ctime;
    bool readable;
    int w, h;
} memo_entry;

struct app_picture_memo {
    memo_entry *entries;
    size_t count, cap;
    size_t hits;
};

app_picture_memo *app_picture_memo_new(void) { return calloc(1, sizeof(app_picture_memo)); }

void app_picture_memo_free(app_picture_memo *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->count; i++)
        free(m->entries[i].path);
    free(m->entries);
    free(m);
}

size_t app_picture_memo_hits(const app_picture_memo *m) { return m ? m->hits : 0; }

static bool same_time(struct timespec a, struct timespec b) { return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec; }

static memo_entry *memo_find(app_picture_memo *m, const char *path)
{
    for (size_t i = 0; m && i < m->count; i++)
        if (strcmp(m->entries[i].path, path) == 0)
            return &m->entries[i];
    return NULL;
}

static void memo_keep(app_picture_memo *m, const char *path, const struct stat *st, bool readable, int w, int h)
{
    if (!m)
        return;
    memo_entry *e = memo_find(m, path);
    if (!e) {
        if (m->count == m->cap) {
            size_t cap = m->cap ? 2 * m->cap : 16;
            memo_entry *g = realloc(m->entries, cap * sizeof *g);
            if (!g)
                return; /* not remembered: checked again next time */
            m->entries = g;
            m->cap = cap;
        }
        char *copy = strdup(path);
        if (!copy)
            return;
        e = &m->entries[m->count++];
        e->path = copy;
    }
    e->dev = st->st_dev;
    e->ino = st->st_ino;
    e->size = st->st_size;
    e->mtime = st->st_mtim;
    e->ctime = st->st_ctim;
    e->readable = readable;
    e->w = w;
    e->h = h;
}

/* Pictures are opened the way the kiosk opens them (SDL_image), so the checker says exactly what the
 * screen would not show: a file it cannot read, or one too large to draw. */
void app_check_pictures_remembering(const content_tree *tree, content_diags *d, app_picture_memo *memo)
{
    for (size_t pi = 0; pi < tree->page_count; pi++) {
        const content_page *p = &tree->pages[pi];
        for (size_t bi = 0; bi < p->block_count; bi++) {
            const content_block *b = &p->blocks[bi];
            if (b->kind != CONTENT_IMAGE || !b->image_file)
                continue;
            char path[2048];
            snprintf(path, sizeof path, "%s/%s", tree->root, b->image_file);
            /* The loader saw an ordinary file, but a named pipe may have taken its place since: opened
             * with a plain fopen it would hold this check, or the kiosk's reload thread, for good. */
            mode_t mode = 0;
            FILE *f = vk_open_ordinary(path, &mode);
            if (!f && errno == 0) {
                content_diag_add(d, CONTENT_ERROR, p->file, b->line, 0,
                                 "the picture %s is not an ordinary file", b->image);
                continue;
            }
            struct stat st;
            bool stated = f && fstat(fileno(f), &st) == 0;
            const memo_entry *known = stated ? memo_find(memo, path) : NULL;
            bool readable;
            int w = 0, h = 0;
            if (known && known->dev == st.st_dev && known->ino == st.st_ino && known->size == st.st_size &&
                same_time(known->mtime, st.st_mtim) && same_time(known->ctime, st.st_ctim)) {
                /* the very file checked before, unchanged: its verdict stands */
                fclose(f);
                memo->hits++;
                readable = known->readable;
                w = known->w;
                h = known->h;
            } else {
                /* typed by the name's ending, as IMG_Load does in the kiosk's drawing (an SVG is known by it) */
                const char *dot = strrchr(b->image_file, '.');
                SDL_RWops *rw = f ? SDL_RWFromFP(f, SDL_TRUE) : NULL;
                if (!rw && f)
                    fclose(f);
                SDL_Surface *s = rw ? IMG_LoadTyped_RW(rw, 1, dot ? dot + 1 : NULL) : NULL;
                readable = s != NULL;
                w = s ? s->w : 0;
                h = s ? s->h : 0;
                SDL_FreeSurface(s);
                if (stated)
                    memo_keep(memo, path, &st, readable, w, h);
            }
            if (!readable) {
                content_diag_add(d, CONTENT_ERROR, p->file, b->line, 0,
                                 "the picture %s cannot be read (use PNG, JPEG or SVG)", b->image);
                continue;
            }
            if (w > APP_MAX_PICTURE_SIDE || h > APP_MAX_PICTURE_SIDE)
                content_diag_add(d, CONTENT_ERROR, p->file, b->line, 0,
                                 "the picture %s is %dx%d pixels; make it at most %d pixels on each side", b->image,
                                 w, h, APP_MAX_PICTURE_SIDE);
        }
    }
}

void app_check_pictures(const content_tree *tree, content_diags *d)
{
    app_check_pictures_remembering(tree, d, NULL);
}

typedef struct tally {
    size_t translated, fuzzy, untranslated;
} tally;

static void count(const i18n_catalog *cat, const char *msgid, tally *t)
{
    bool fuzzy = false;
    if (i18n_catalog_lookup(cat, NULL, msgid, &fuzzy))
        t->translated++;
    else if (fuzzy)
        t->fuzzy++;
    else
        t->untranslated++;
}

static int percent(const tally *t)
{
    size_t all = t->translated + t->fuzzy + t->untranslated;
    return all ? (int)(100 * t->translated / all) : 100;
}

/* "466/466 100%, 0 fuzzy, 0 untranslated": the same words for the interface and the content. */
static void tally_text(const tally *t, char *buf, size_t size)
{
    snprintf(buf, size, "%zu/%zu %d%%, %zu fuzzy, %zu untranslated", t->translated,
             t->translated + t->fuzzy + t->untranslated, percent(t), t->fuzzy, t->untranslated);
}

/* Whether a translation keeps exactly the links of its source, in any order: a translator may move a
 * link within the sentence, not drop, add or change one. */
static bool same_links(const char *src, const char *tr)
{
    content_block a = {0}, b = {0};
    bool same = content_inline_parse(src, strlen(src), &a) && content_inline_parse(tr, strlen(tr), &b) &&
                a.link_count == b.link_count;
    for (size_t i = 0; same && i < a.link_count; i++) {
        bool found = false;
        for (size_t k = 0; k < b.link_count && !found; k++)
            found = strcmp(a.links[i].href, b.links[k].href) == 0;
        same = found;
    }
    content_block_free(&a);
    content_block_free(&b);
    return same;
}

/* One page's strings against a content catalog; returns whether all are translated. */
static bool check_page(const content_page *p, const i18n_catalog *cat, const char *po, const char *po_rel, tally *t,
                       content_diags *d)
{
    tally before = *t;
    if (p->title)
        count(cat, p->title, t);
    if (p->summary)
        count(cat, p->summary, t);
    for (size_t i = 0; i < p->block_count; i++) {
        const content_block *b = &p->blocks[i];
        if (b->kind == CONTENT_RULE)
            continue;
        count(cat, b->source, t);
        const char *tr = i18n_catalog_lookup(cat, NULL, b->source, NULL);
        if (tr && b->link_count && !same_links(b->source, tr)) {
            /* the start of the Danish text, cut between two characters, not inside one */
            int cut = 60, len = (int)strlen(b->source);
            while (cut < len && ((unsigned char)b->source[cut] & 0xC0) == 0x80)
                cut--;
            content_diag_add(d, CONTENT_ERROR, po_rel, i18n_po_line(po, b->source), 0,
                             "the translation of \"%.*s%s\" (%s line %d) does not keep the links of the Danish "
                             "text: keep every [text](address) with its address unchanged",
                             cut, b->source, cut < len ? "..." : "", p->file, b->line);
        }
    }
    return t->translated - before.translated == (t->fuzzy + t->untranslated + t->translated) -
                                                     (before.fuzzy + before.untranslated + before.translated);
}

/* Translation status per language, for staff and translators, and the catalogs' own problems. */
void app_translation_status(const char *locales, const content_tree *tree, content_diags *d, bool json, FILE *out)
{
    char meta[1300], linguas[1300], pot[1300];
    snprintf(meta, sizeof meta, "%s/languages", locales);
    snprintf(linguas, sizeof linguas, "%s/LINGUAS", locales);
    snprintf(pot, sizeof pot, "%s/velkommen.pot", locales);
    i18n_langs langs;
    vk_error err = {0};
    if (!i18n_langs_load(meta, linguas, &langs, &err)) {
        content_diag_add(d, CONTENT_ERROR, err.file, err.line, 0, "%s", err.msg);
        return;
    }
    i18n_catalog *ui_pot = i18n_catalog_load(pot, &err);
    if (json)
        fprintf(out, "{\"languages\":[");
    else
        fprintf(out, "%-10s %-38s %s\n", "language", "interface", "content");
    for (size_t li = 0; li < langs.count; li++) {
        const i18n_lang *l = &langs.langs[li];
        bool source = l->fallback_count == 0;
        char po[1400], po_rel[200];
        tally it = {0}, ct = {0};
        snprintf(po, sizeof po, "%s/%s/velkommen.po", locales, l->code);
        snprintf(po_rel, sizeof po_rel, "locales/%s/velkommen.po", l->code);
        memset(&err, 0, sizeof err);
        i18n_catalog *cat = i18n_catalog_load(po, &err);
        if (!cat)
            content_diag_add(d, CONTENT_ERROR, po_rel, err.line, 0, "%s", err.msg);
        else if (memset(&err, 0, sizeof err), !i18n_catalog_check(po, &err))
            content_diag_add(d, CONTENT_ERROR, po_rel, err.line, 0, "%s", err.msg);
        for (size_t i = 0; ui_pot && i < i18n_catalog_count(ui_pot); i++) {
            const char *ctxt, *id, *str;
            bool fz;
            i18n_catalog_entry(ui_pot, i, &ctxt, &id, &str, &fz);
            count(cat, id, &it);
        }
        i18n_catalog_free(cat);

        /* content pages not fully translated, by id */
        char missing[4096] = "";
        size_t missing_n = 0;
        if (!source) {
            snprintf(po, sizeof po, "%s/%s/content.po", locales, l->code);
            snprintf(po_rel, sizeof po_rel, "locales/%s/content.po", l->code);
            memset(&err, 0, sizeof err);
            cat = NULL;
            FILE *exists = vk_open_ordinary(po, NULL);
            if (exists) {
                fclose(exists);
                cat = i18n_catalog_load(po, &err);
                if (!cat)
                    content_diag_add(d, CONTENT_ERROR, po_rel, err.line, 0, "%s", err.msg);
                else if (memset(&err, 0, sizeof err), !i18n_catalog_check(po, &err))
                    content_diag_add(d, CONTENT_ERROR, po_rel, err.line, 0, "%s", err.msg);
            }
            for (size_t s = 1; s < tree->section_count; s++) {
                count(cat, tree->sections[s].title, &ct);
                if (tree->sections[s].summary)
                    count(cat, tree->sections[s].summary, &ct);
            }
            for (size_t pi = 0; pi < tree->page_count; pi++)
                if (!check_page(&tree->pages[pi], cat, po, po_rel, &ct, d)) {
                    size_t used = strlen(missing);
                    if (used < sizeof missing - 200)
                        snprintf(missing + used, sizeof missing - used, json ? "%s\"%s\"" : "%s%s",
                                 missing_n ? (json ? "," : ", ") : "", tree->pages[pi].id);
                    missing_n++;
                }
            /* the glossary's explanations are in content.pot and shown on the kiosk like a page's text */
            tally before = ct;
            for (size_t g = 0; g < tree->term_count; g++)
                count(cat, tree->terms[g].explanation, &ct);
            if (ct.fuzzy + ct.untranslated > before.fuzzy + before.untranslated) {
                size_t used = strlen(missing);
                if (used < sizeof missing - 200)
                    snprintf(missing + used, sizeof missing - used, json ? "%s\"%s\"" : "%s%s",
                             missing_n ? (json ? "," : ", ") : "", "_glossary");
                missing_n++;
            }
            i18n_catalog_free(cat);
        }
        if (json) {
            fprintf(out, "%s{\"code\":\"%s\",\"interface\":{\"translated\":%zu,\"fuzzy\":%zu,\"untranslated\":%zu,"
                   "\"percent\":%d}",
                   li ? "," : "", l->code, it.translated, it.fuzzy, it.untranslated, percent(&it));
            if (source)
                fprintf(out, ",\"content\":\"source\"}");
            else
                fprintf(out, ",\"content\":{\"translated\":%zu,\"fuzzy\":%zu,\"untranslated\":%zu,\"percent\":%d,"
                       "\"pages_not_fully_translated\":[%s]}}",
                       ct.translated, ct.fuzzy, ct.untranslated, percent(&ct), missing);
        } else {
            char a[96], b[96];
            tally_text(&it, a, sizeof a);
            if (source)
                snprintf(b, sizeof b, "source language");
            else
                tally_text(&ct, b, sizeof b);
            fprintf(out, "%-10s %-38s %s\n", l->code, a, b);
            if (missing_n)
                fprintf(out, "           pages not fully translated: %s\n", missing);
        }
    }
    if (json)
        fprintf(out, "]}\n");
    i18n_catalog_free(ui_pot);
    i18n_langs_free(&langs);
}

/* Icons are files in assets/icons; a name without one shows no picture, which staff should know. */
static void check_icons(const char *data, const content_tree *tree, content_diags *d)
{
    for (size_t i = 0; i < tree->page_count + tree->section_count; i++) {
        bool page = i < tree->page_count;
        const char *icon = page ? tree->pages[i].icon : tree->sections[i - tree->page_count].icon;
        if (!icon)
            continue;
        char path[1400], file[700];
        snprintf(path, sizeof path, "%s/assets/icons/%s.svg", data, icon);
        if (page)
            snprintf(file, sizeof file, "%s", tree->pages[i].file);
        else
            snprintf(file, sizeof file, "%s/_section.md", tree->sections[i - tree->page_count].id);
        FILE *f = strchr(icon, '/') ? NULL : vk_open_ordinary(path, NULL);
        if (f)
            fclose(f);
        else
            content_diag_add(d, CONTENT_WARNING, file, 0, 0,
                             "there is no icon '%s' (see the list in content/README.md); the tile shows none", icon);
    }
}

/* Which pages say when their facts were last checked against the official source (front matter
 * `checked:`), and which were checked over a year ago. Not a warning: a page is not wrong for want of a
 * date, but staff should know which pages nobody has checked, and a date is only written by someone
 * who did check (content/README.md). */
static void report_checked_dates(const content_tree *tree, FILE *out)
{
    if (!tree->page_count)
        return;
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    char year_ago[40];
    snprintf(year_ago, sizeof year_ago, "%04d-%02d-%02d", tm.tm_year + 1900 - 1, tm.tm_mon + 1, tm.tm_mday);
    size_t dated = 0, old = 0, never = 0;
    char never_list[400] = "", old_list[400] = "";
    for (size_t i = 0; i < tree->page_count; i++) {
        const content_page *p = &tree->pages[i];
        bool none = !p->checked[0], stale = !none && strcmp(p->checked, year_ago) < 0;
        dated += !none;
        char *list = none ? never_list : stale ? old_list : NULL;
        size_t *n = none ? &never : stale ? &old : NULL;
        if (!list)
            continue;
        size_t used = strlen(list);
        if (*n < 3 && used < sizeof never_list - 120)
            snprintf(list + used, sizeof never_list - used, "%s%s", *n ? ", " : "", p->id);
        (*n)++;
    }
    fprintf(out, "\nfacts: %zu of %zu pages say when they were last checked against their official source (checked:)\n",
            dated, tree->page_count);
    if (never)
        fprintf(out, "  never checked: %s%s (%zu)\n", never_list,
                never > 3 ? ", ..." : "", never);
    if (old)
        fprintf(out, "  checked more than a year ago: %s%s (%zu)\n", old_list, old > 3 ? ", ..." : "", old);
}

int app_cmd_check(const app_check_options *o)
{
    char dir[1200], found[1024];
    const char *data_dir = app_data_dir(o->data_dir, found, sizeof found);
    if (o->dir)
        snprintf(dir, sizeof dir, "%s", o->dir);
    else
        snprintf(dir, sizeof dir, "%s/content", data_dir);
    content_tree tree;
    content_diags d = {0};
    bool loaded = content_tree_load(dir, &tree, &d);
    app_check_pictures(&tree, &d);
    /* the catalogs belong to the data directory: checked unless a separate content folder was named */
    if (!o->dir || o->data_dir) {
        char locales[1100];
        snprintf(locales, sizeof locales, "%s/locales", data_dir);
        app_translation_status(locales, &tree, &d, o->json, stdout);
        if (!o->json)
            report_checked_dates(&tree, stdout);
        check_icons(data_dir, &tree, &d);
    }
    content_diags_sort(&d);
    for (size_t i = 0; i < d.count; i++) {
        char line[1200];
        /* file names are relative to the content folder; say which folder once, in the summary */
        fprintf(stderr, "%s\n", content_diag_format(&d.items[i], line, sizeof line));
    }
    if (o->dump)
        for (size_t i = 0; i < tree.page_count; i++) {
            char *s = content_page_dump(&tree.pages[i]);
            if (s)
                fputs(s, stdout);
            free(s);
        }
    fprintf(stderr, "velkommen check: %s: %zu page%s in %zu folder%s, %zu error%s, %zu warning%s\n", dir,
            tree.page_count, tree.page_count == 1 ? "" : "s", tree.section_count ? tree.section_count - 1 : 0,
            tree.section_count == 2 ? "" : "s", d.errors, d.errors == 1 ? "" : "s", d.warnings,
            d.warnings == 1 ? "" : "s");
    int status = !loaded || d.errors ? APP_EXIT_BAD_INPUT : (o->strict && d.warnings ? APP_EXIT_FAILURE : APP_EXIT_OK);
    content_tree_free(&tree);
    content_diags_free(&d);
    return status;
}
