/* The content tree: see tree.h. */
#include "content/tree.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file.h"
#include "base/utf8.h"
#include "content/frontmatter.h"
#include "content/markdown.h"

typedef struct loader {
    content_tree *t;
    content_diags *d;
    char *root_real;
    struct {
        dev_t dev;
        ino_t ino;
    } visited[CONTENT_MAX_DEPTH + 2];
    int depth;
    bool oom;
} loader;

static char *join(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    char *s = malloc(na + nb + 2);
    if (!s)
        return NULL;
    memcpy(s, a, na);
    size_t k = na;
    if (na && nb)
        s[k++] = '/';
    memcpy(s + k, b, nb + 1);
    return s;
}

/* Whether real (a resolved path) is root_real or inside it. */
static bool inside_root(const loader *L, const char *real)
{
    size_t n = strlen(L->root_real);
    return strncmp(real, L->root_real, n) == 0 && (real[n] == 0 || real[n] == '/' || n == 1);
}

/* ---- pages -------------------------------------------------------------------------------------- */

static int parse_int(const char *s, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < -1000000 || v > 1000000)
        return 0;
    *out = (int)v;
    return 1;
}

static const char *const known_keys = "title, order, summary, icon, link, audio, audio-LANG, checked";

/* The one message for a pipe, socket or device among the content, wherever it is met. */
#define NOT_ORDINARY "this is not an ordinary file (it is %s) and is not read: remove it from the content folder"

/* What a directory entry that is not an ordinary file is, in words IT recognises. */
/* Reads rel (a file below the root) into memory with the checks every text file gets: size, NUL
 * bytes, UTF-8. Returns NULL after reporting a problem. A UTF-8 BOM is skipped. */
static char *read_text(loader *L, const char *rel, size_t *len)
{
    char *path = join(L->t->root, rel);
    if (!path) {
        L->oom = true;
        return NULL;
    }
    /* A named pipe put where a page was after load_dir looked at it must not hold the check, or the
     * kiosk's reload thread, waiting for a writer forever (base/file.h). */
    mode_t mode = 0;
    FILE *f = vk_open_ordinary(path, &mode);
    free(path);
    if (!f) {
        if (errno)
            content_diag_add(L->d, CONTENT_ERROR, rel, 0, 0, "cannot read the file: %s", strerror(errno));
        else
            content_diag_add(L->d, CONTENT_ERROR, rel, 0, 0, NOT_ORDINARY, vk_file_kind(mode));
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0) {
        content_diag_add(L->d, CONTENT_ERROR, rel, 0, 0, "cannot read the file: %s", strerror(errno));
        fclose(f);
        return NULL;
    }
    if (st.st_size > CONTENT_MAX_PAGE_BYTES) {
        content_diag_add(L->d, CONTENT_ERROR, rel, 0, 0,
                         "the file is %lld KB; a page must be under %d KB (is it really a page of text?)",
                         (long long)st.st_size / 1024, CONTENT_MAX_PAGE_BYTES / 1024);
        fclose(f);
        return NULL;
    }
    char *buf = malloc(CONTENT_MAX_PAGE_BYTES + 1);
    size_t n = buf ? fread(buf, 1, CONTENT_MAX_PAGE_BYTES + 1, f) : 0;
    bool err = ferror(f);
    fclose(f);
    if (!buf) {
        L->oom = true;
        return NULL;
    }
    if (err || n > CONTENT_MAX_PAGE_BYTES) {
        content_diag_add(L->d, CONTENT_ERROR, rel, 0, 0, err ? "cannot read the file" : "the file is too large");
        free(buf);
        return NULL;
    }
    buf[n] = 0;
    size_t skip = n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (skip)
        memmove(buf, buf + 3, n - 2), n -= 3;
    const char *nul = memchr(buf, 0, n);
    size_t bad = vk_utf8_find_invalid(buf, n);
    if (nul || bad != (size_t)-1) {
        size_t at = nul ? (size_t)(nul - buf) : bad;
        if (nul && bad != (size_t)-1 && bad < at)
            at = bad;
        int line = 1, col = 1;
        for (size_t i = 0; i < at; i++) {
            if (buf[i] == '\n')
                line++, col = 1;
            else if (((unsigned char)buf[i] & 0xC0) != 0x80)
                col++;
        }
        if (nul && at == (size_t)(nul - buf))
            content_diag_add(L->d, CONTENT_ERROR, rel, line, col,
                             "the file contains a zero byte (at byte %zu): it is not a text file", at + skip);
        else
            content_diag_add(L->d, CONTENT_ERROR, rel, line, col,
                             "the text is not valid UTF-8 at byte %zu: save the file as UTF-8", at + skip);
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

/* Whether rel (a path below the root, as written) climbs above the root with "..", by its name alone. */
static bool climbs_out(const char *rel)
{
    int depth = 0;
    for (const char *p = rel; *p;) {
        size_t n = strcspn(p, "/");
        if (n == 2 && p[0] == '.' && p[1] == '.') {
            if (--depth < 0)
                return true;
        } else if (n && !(n == 1 && p[0] == '.')) {
            depth++;
        }
        p += n;
        p += *p == '/';
    }
    return false;
}

/* Checks a picture or recording named in page_rel; on success returns its file below the content
 * directory (caller frees), else NULL after reporting why. Nothing outside the content folder is
 * ever opened: the path is resolved (symbolic links too) and must lead inside it. */
static char *media_file(loader *L, const char *page_rel, const char *path, int line, int col, const char *what)
{
    if (path[0] == '/') {
        content_diag_add(L->d, CONTENT_ERROR, page_rel, line, col,
                         "the %s %s is an absolute path: put the file in the content folder and write where it is "
                         "from the page's folder (such as billeder/kort.png)",
                         what, path);
        return NULL;
    }
    /* a media path is relative to the page's folder; it must stay inside the content folder */
    char *dir = strdup(page_rel);
    if (!dir) {
        L->oom = true;
        return false;
    }
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = 0;
    else
        dir[0] = 0;
    char *rel = join(dir, path);
    char *full = rel ? join(L->t->root, rel) : NULL;
    free(dir);
    char *ok = NULL;
    struct stat st;
    char *real = full ? realpath(full, NULL) : NULL;
    if (!full) {
        L->oom = true;
    } else if (climbs_out(rel)) {
        content_diag_add(L->d, CONTENT_ERROR, page_rel, line, col,
                         "the %s %s is outside the content folder: put the file inside it", what, path);
    } else if (!real || stat(real, &st) != 0) {
        content_diag_add(L->d, CONTENT_ERROR, page_rel, line, col, "the %s %s does not exist", what, path);
    } else if (!inside_root(L, real)) {
        content_diag_add(L->d, CONTENT_ERROR, page_rel, line, col,
                         "the %s %s is a symbolic link to a file outside the content folder: put the file itself "
                         "in the content folder", what, path);
    } else if (!S_ISREG(st.st_mode)) {
        content_diag_add(L->d, CONTENT_ERROR, page_rel, line, col, "the %s %s is not an ordinary file (it is %s)",
                         what, path, vk_file_kind(st.st_mode));
    } else if (st.st_size > CONTENT_MAX_MEDIA_BYTES) {
        content_diag_add(L->d, CONTENT_ERROR, page_rel, line, col, "the %s %s is %lld MB; the limit is %d MB", what,
                         path, (long long)st.st_size / (1024 * 1024), CONTENT_MAX_MEDIA_BYTES / (1024 * 1024));
    } else {
        size_t n = strlen(L->root_real);
        ok = strdup(real[n] == '/' ? real + n + 1 : real + n);
        if (!ok)
            L->oom = true;
    }
    free(real);
    free(full);
    free(rel);
    return ok;
}

/* Applies the front matter to a page (or, with page == NULL, to a section). */
static void apply_meta(loader *L, const char *rel, const content_meta *m, content_page *page, content_section *sec)
{
    for (size_t i = 0; i < m->count; i++) {
        const content_meta_entry *e = &m->items[i];
        char **slot = NULL;
        if (strcmp(e->key, "title") == 0) {
            slot = page ? &page->title : &sec->title;
            if (page)
                page->title_line = e->line;
        } else if (strcmp(e->key, "summary") == 0) {
            slot = page ? &page->summary : &sec->summary;
            if (page)
                page->summary_line = e->line;
        } else if (strcmp(e->key, "icon") == 0) {
            /* an icon is a name (assets/icons/NAME.svg), never a path: nothing outside is opened */
            size_t n = strlen(e->value);
            if (n == 0 || n > 64 ||
                strspn(e->value, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != n)
                content_diag_add(L->d, CONTENT_WARNING, rel, e->line, 0,
                                 "icon must be one of the names listed in content/README.md (such as info), not "
                                 "'%s'; the tile shows no icon", e->value);
            else
                slot = page ? &page->icon : &sec->icon;
        } else if (page && strcmp(e->key, "link") == 0) {
            if (strncmp(e->value, "https://", 8) != 0 && strncmp(e->value, "http://", 7) != 0)
                content_diag_add(L->d, CONTENT_ERROR, rel, e->line, 0,
                                 "link must be a web address starting with https://, not '%s'", e->value);
            else
                slot = &page->link;
        } else if (page && strcmp(e->key, "checked") == 0) {
            int yy, mm, dd;
            char tail;
            if (strlen(e->value) != 10 || sscanf(e->value, "%4d-%2d-%2d%c", &yy, &mm, &dd, &tail) != 3 || mm < 1 ||
                mm > 12 || dd < 1 || dd > 31 || yy < 2000)
                content_diag_add(L->d, CONTENT_ERROR, rel, e->line, 0,
                                 "checked must be a date written YYYY-MM-DD (e.g. 2026-11-23), not '%s'", e->value);
            else
                snprintf(page->checked, sizeof page->checked, "%s", e->value);
        } else if (page && strcmp(e->key, "audio") == 0) {
            char *file = media_file(L, rel, e->value, e->line, 0, "recording");
            if (file) {
                free(page->audio);
                page->audio = file;
            }
        } else if (page && strncmp(e->key, "audio-", 6) == 0) {
            /* a recording in another language: audio-ar, audio-ti, audio-fa-AF */
            const char *code = e->key + 6;
            bool ok = *code && strlen(code) < sizeof page->recordings[0].lang;
            for (const char *c = code; ok && *c; c++)
                ok = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || *c == '-';
            if (!ok) {
                content_diag_add(L->d, CONTENT_ERROR, rel, e->line, 0,
                                 "%s: after audio- comes a language code, as in audio-ar or audio-ti", e->key);
            } else if (page->recording_count == CONTENT_MAX_RECORDINGS) {
                content_diag_add(L->d, CONTENT_ERROR, rel, e->line, 0, "a page can name at most %d recordings",
                                 CONTENT_MAX_RECORDINGS);
            } else {
                char *file = media_file(L, rel, e->value, e->line, 0, "recording");
                if (file) {
                    snprintf(page->recordings[page->recording_count].lang, sizeof page->recordings[0].lang, "%s", code);
                    page->recordings[page->recording_count++].file = file;
                }
            }
        } else if (strcmp(e->key, "order") == 0) {
            int v;
            if (!parse_int(e->value, &v))
                content_diag_add(L->d, CONTENT_ERROR, rel, e->line, 0, "order must be a whole number, not '%s'",
                                 e->value);
            else if (page)
                page->order = v;
            else
                sec->order = v;
        } else {
            content_diag_add(L->d, CONTENT_WARNING, rel, e->line, 0, "unknown key '%s' is ignored (known keys: %s)",
                             e->key, page ? known_keys : "title, order, summary, icon");
        }
        if (slot) {
            free(*slot);
            *slot = strdup(e->value);
            if (!*slot)
                L->oom = true;
        }
    }
}

/* Reads the front matter of rel's text; returns false (after reporting) when there is none or it is
 * broken. On success *body and *body_line locate the Markdown after it. */
static bool read_front_matter(loader *L, const char *rel, const char *text, size_t len, content_meta *m, size_t *body,
                              int *body_line)
{
    size_t y, ylen;
    bool unclosed;
    if (len == 0) {
        content_diag_add(L->d, CONTENT_ERROR, rel, 0, 0,
                         "the file is empty: a page starts with a front matter (---, title: ..., ---)");
        return false;
    }
    if (!content_frontmatter_split(text, len, &y, &ylen, body, body_line, &unclosed)) {
        if (unclosed)
            content_diag_add(L->d, CONTENT_ERROR, rel, 1, 1,
                             "the front matter that starts here is never closed: add a line with --- after it");
        else
            content_diag_add(L->d, CONTENT_ERROR, rel, 1, 1,
                             "the page has no front matter: start it with a line ---, then title: ..., then ---");
        return false;
    }
    return content_frontmatter_parse(text + y, ylen, 2, rel, m, L->d);
}

static void load_page(loader *L, const char *rel, int section)
{
    size_t len;
    char *text = read_text(L, rel, &len);
    if (!text)
        return;
    content_meta m;
    size_t body;
    int body_line;
    if (!read_front_matter(L, rel, text, len, &m, &body, &body_line)) {
        free(text);
        return;
    }
    content_page p = {0};
    p.file = strdup(rel);
    p.id = strndup(rel, strlen(rel) - 3);
    p.order = INT_MAX;
    if (!p.file || !p.id)
        L->oom = true;
    apply_meta(L, rel, &m, &p, NULL);
    content_meta_free(&m);
    if (!p.title || !p.title[0])
        content_diag_add(L->d, CONTENT_ERROR, rel, 1, 0, "the page has no title: add a line 'title: ...' to its front matter");
    if (!content_markdown_parse(text + body, len - body, body_line, &p, L->d))
        L->oom = true;
    free(text);
    if (p.block_count == 0)
        content_diag_add(L->d, CONTENT_WARNING, rel, body_line, 0, "the page has no text below its front matter");
    for (size_t i = 0; i < p.block_count; i++)
        if (p.blocks[i].kind == CONTENT_IMAGE)
            p.blocks[i].image_file = media_file(L, rel, p.blocks[i].image, p.blocks[i].line, 0, "picture");
    content_page *g = realloc(L->t->pages, (L->t->page_count + 1) * sizeof *g);
    if (!g) {
        content_page_free(&p);
        L->oom = true;
        return;
    }
    L->t->pages = g;
    L->t->pages[L->t->page_count++] = p;
    content_section *sec = &L->t->sections[section];
    size_t *pi = realloc(sec->pages, (sec->page_count + 1) * sizeof *pi);
    if (!pi) {
        L->oom = true;
        return;
    }
    sec->pages = pi;
    sec->pages[sec->page_count++] = L->t->page_count - 1;
}

static void load_section_meta(loader *L, const char *rel, content_section *sec)
{
    size_t len;
    char *text = read_text(L, rel, &len);
    if (!text)
        return;
    content_meta m;
    size_t body;
    int body_line;
    if (read_front_matter(L, rel, text, len, &m, &body, &body_line)) {
        apply_meta(L, rel, &m, NULL, sec);
        content_meta_free(&m);
        for (size_t i = body; i < len; i++)
            if (text[i] != ' ' && text[i] != '\n' && text[i] != '\r' && text[i] != '\t') {
                content_diag_add(L->d, CONTENT_WARNING, rel, body_line, 0,
                                 "text below the front matter of _section.md is not shown; put it in a page");
                break;
            }
    }
    free(text);
}

/* The glossary: a page whose list items are "**term**: explanation". */
static void load_glossary(loader *L, const char *rel)
{
    size_t len;
    char *text = read_text(L, rel, &len);
    if (!text)
        return;
    content_meta m;
    size_t body;
    int body_line;
    if (!read_front_matter(L, rel, text, len, &m, &body, &body_line)) {
        free(text);
        return;
    }
    content_meta_free(&m);
    content_page p = {0};
    if (!content_markdown_parse(text + body, len - body, body_line, &p, L->d))
        L->oom = true;
    free(text);
    for (size_t i = 0; i < p.block_count; i++) {
        const content_block *b = &p.blocks[i];
        const char *colon = strchr(b->text, ':');
        bool bold_term = b->span_count && b->spans[0].start == 0 && (b->spans[0].style & CONTENT_STYLE_STRONG) &&
                         colon && (size_t)(colon - b->text) == b->spans[0].end;
        if (b->kind != CONTENT_BULLET || !bold_term) {
            content_diag_add(L->d, CONTENT_WARNING, rel, b->line, 0,
                             "a glossary line is \"- **term**: explanation\"; this one is left out");
            continue;
        }
        const char *expl = colon + 1;
        while (*expl == ' ')
            expl++;
        content_term *g = realloc(L->t->terms, (L->t->term_count + 1) * sizeof *g);
        if (!g) {
            L->oom = true;
            break;
        }
        L->t->terms = g;
        content_term *t = &g[L->t->term_count];
        t->term = strndup(b->text, b->spans[0].end);
        t->explanation = strdup(expl);
        t->line = b->line;
        if (!t->term || !t->explanation) {
            free(t->term);
            free(t->explanation);
            L->oom = true;
            break;
        }
        bool dup = false;
        for (size_t k = 0; k < L->t->term_count; k++)
            dup = dup || strcasecmp(L->t->terms[k].term, t->term) == 0;
        if (dup) {
            content_diag_add(L->d, CONTENT_WARNING, rel, b->line, 0, "'%s' is in the glossary twice", t->term);
            free(t->term);
            free(t->explanation);
            continue;
        }
        L->t->term_count++;
    }
    content_page_free(&p);
}

/* ---- folders ------------------------------------------------------------------------------------ */

static int skip_entry(const struct dirent *e)
{
    const char *n = e->d_name;
    return n[0] != '.';
}

/* A page saved under a name the loader skips: "b.MD", or "c.md.txt" as Notepad saves it when "All
 * files" is not chosen. Staff would otherwise wonder why the page never shows. */
static bool looks_like_page(const char *name)
{
    size_t n = strlen(name);
    if (name[0] == '_' || strncasecmp(name, "README.", 7) == 0)
        return false; /* skipped on purpose (content/README.md says so) */
    if (n > 3 && strcasecmp(name + n - 3, ".md") == 0 && strcmp(name + n - 3, ".md") != 0)
        return true;
    for (const char *p = name; (p = strchr(p, '.')) != NULL; p++)
        if (p != name && strncasecmp(p, ".md.", 4) == 0)
            return true;
    return false;
}

static int load_dir(loader *L, const char *rel, int parent)
{
    char *path = rel[0] ? join(L->t->root, rel) : strdup(L->t->root);
    if (!path) {
        L->oom = true;
        return -1;
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        content_diag_add(L->d, CONTENT_ERROR, rel[0] ? rel : ".", 0, 0, "cannot read the folder: %s", strerror(errno));
        free(path);
        return -1;
    }
    for (int i = 0; i < L->depth; i++)
        if (L->visited[i].dev == st.st_dev && L->visited[i].ino == st.st_ino) {
            content_diag_add(L->d, CONTENT_ERROR, rel, 0, 0,
                             "this folder is a link back to a folder it is inside (a symbolic link loop)");
            free(path);
            return -1;
        }
    if (L->depth > CONTENT_MAX_DEPTH) {
        content_diag_add(L->d, CONTENT_ERROR, rel, 0, 0, "folders are nested more than %d deep", CONTENT_MAX_DEPTH);
        free(path);
        return -1;
    }
    struct dirent **list = NULL;
    int n = scandir(path, &list, skip_entry, alphasort);
    if (n < 0) {
        content_diag_add(L->d, CONTENT_ERROR, rel[0] ? rel : ".", 0, 0, "cannot read the folder: %s", strerror(errno));
        free(path);
        return -1;
    }
    L->visited[L->depth].dev = st.st_dev;
    L->visited[L->depth].ino = st.st_ino;
    L->depth++;

    content_section *g = realloc(L->t->sections, (L->t->section_count + 1) * sizeof *g);
    if (!g) {
        L->oom = true;
        for (int i = 0; i < n; i++)
            free(list[i]);
        free(list);
        free(path);
        L->depth--;
        return -1;
    }
    L->t->sections = g;
    int idx = (int)L->t->section_count++;
    content_section *sec = &L->t->sections[idx];
    memset(sec, 0, sizeof *sec);
    sec->id = strdup(rel);
    sec->parent = parent;
    sec->order = INT_MAX;
    const char *base = strrchr(rel, '/');
    sec->title = strdup(base ? base + 1 : rel);
    if (!sec->id || !sec->title)
        L->oom = true;

    for (int i = 0; i < n && !L->oom; i++) {
        const char *name = list[i]->d_name;
        char *child_rel = join(rel, name);
        char *child = child_rel ? join(L->t->root, child_rel) : NULL;
        if (!child) {
            L->oom = true;
            free(child_rel);
            break;
        }
        struct stat cs, ls;
        bool is_link = lstat(child, &ls) == 0 && S_ISLNK(ls.st_mode);
        if (is_link) {
            char *real = realpath(child, NULL);
            if (!real) {
                content_diag_add(L->d, CONTENT_ERROR, child_rel, 0, 0,
                                 "this symbolic link leads nowhere (or round in a loop)");
                free(child);
                free(child_rel);
                continue;
            }
            bool inside = inside_root(L, real);
            free(real);
            if (!inside) {
                content_diag_add(L->d, CONTENT_ERROR, child_rel, 0, 0,
                                 "this symbolic link leads outside the content folder and is ignored");
                free(child);
                free(child_rel);
                continue;
            }
        }
        size_t nl = strlen(name);
        if (stat(child, &cs) != 0) {
            content_diag_add(L->d, CONTENT_ERROR, child_rel, 0, 0, "cannot read: %s", strerror(errno));
        } else if (S_ISDIR(cs.st_mode)) {
            int c = load_dir(L, child_rel, idx);
            sec = &L->t->sections[idx]; /* the array may have moved */
            if (c >= 0) {
                size_t *ch = realloc(sec->children, (sec->child_count + 1) * sizeof *ch);
                if (ch) {
                    sec->children = ch;
                    sec->children[sec->child_count++] = (size_t)c;
                } else {
                    L->oom = true;
                }
            }
        } else if (!S_ISREG(cs.st_mode)) {
            /* never opened: reading a named pipe waits for a writer that never comes */
            content_diag_add(L->d, CONTENT_ERROR, child_rel, 0, 0, NOT_ORDINARY, vk_file_kind(cs.st_mode));
        } else if (strcmp(name, "_section.md") == 0) {
            load_section_meta(L, child_rel, sec);
        } else if (strcmp(name, "_glossary.md") == 0 && rel[0] == 0) {
            load_glossary(L, child_rel);
        } else if (nl > 3 && strcmp(name + nl - 3, ".md") == 0 && strcmp(name, "README.md") != 0 && name[0] != '_') {
            load_page(L, child_rel, idx);
            sec = &L->t->sections[idx];
        } else if (looks_like_page(name)) {
            content_diag_add(L->d, CONTENT_WARNING, child_rel, 0, 0, "this file is not read: page files end in .md");
        }
        free(child);
        free(child_rel);
    }
    for (int i = 0; i < n; i++)
        free(list[i]);
    free(list);
    free(path);
    L->depth--;
    return idx;
}

/* ---- links, names and order --------------------------------------------------------------------- */

/* Resolves href (relative to the page at page_rel) to a path below the root, handling ".", ".." and
 * %XX escapes, without the "#part". Returns NULL (and sets *outside) when it climbs above the root. */
static char *resolve(const char *page_rel, const char *href, bool *outside)
{
    *outside = false;
    size_t n = strcspn(href, "#?");
    char *dec = malloc(n + 1);
    if (!dec)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (href[i] == '%' && i + 2 < n && strchr("0123456789abcdefABCDEF", href[i + 1]) &&
            strchr("0123456789abcdefABCDEF", href[i + 2])) {
            char hex[3] = {href[i + 1], href[i + 2], 0};
            dec[k++] = (char)strtol(hex, NULL, 16);
            i += 2;
        } else {
            dec[k++] = href[i];
        }
    }
    dec[k] = 0;
    char *joined;
    if (dec[0] == '/') {
        joined = strdup(dec + 1); /* "/jobcenter/x.md": from the content folder's top */
    } else {
        char *dir = strdup(page_rel);
        if (!dir) {
            free(dec);
            return NULL;
        }
        char *slash = strrchr(dir, '/');
        if (slash)
            *slash = 0;
        else
            dir[0] = 0;
        joined = join(dir, dec);
        free(dir);
    }
    free(dec);
    if (!joined)
        return NULL;
    /* normalise the components in place */
    char *out = malloc(strlen(joined) + 1);
    size_t o = 0;
    for (char *tok = strtok(joined, "/"); out && tok; tok = strtok(NULL, "/")) {
        if (strcmp(tok, ".") == 0)
            continue;
        if (strcmp(tok, "..") == 0) {
            if (o == 0) {
                *outside = true;
                free(out);
                out = NULL;
                break;
            }
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--;
            continue;
        }
        if (o)
            out[o++] = '/';
        memcpy(out + o, tok, strlen(tok));
        o += strlen(tok);
    }
    if (out)
        out[o] = 0;
    free(joined);
    return out;
}

static void resolve_links(loader *L)
{
    content_tree *t = L->t;
    for (size_t pi = 0; pi < t->page_count; pi++) {
        content_page *p = &t->pages[pi];
        for (size_t bi = 0; bi < p->block_count; bi++) {
            content_block *b = &p->blocks[bi];
            for (size_t li = 0; li < b->link_count; li++) {
                content_link *l = &b->links[li];
                if (l->external)
                    continue;
                if (!l->href[0] || strchr(l->href, ':')) {
                    content_diag_add(L->d, CONTENT_ERROR, p->file, l->line, l->col,
                                     "the link '%s' is neither a page (name.md) nor a web address (https://...)",
                                     l->href);
                    continue;
                }
                bool outside;
                char *target = resolve(p->file, l->href, &outside);
                if (!target) {
                    if (outside)
                        content_diag_add(L->d, CONTENT_ERROR, p->file, l->line, l->col,
                                         "the link %s leads outside the content folder", l->href);
                    else
                        L->oom = true;
                    continue;
                }
                size_t n = strlen(target);
                if (n < 4 || strcmp(target + n - 3, ".md") != 0) {
                    content_diag_add(L->d, CONTENT_ERROR, p->file, l->line, l->col,
                                     "the link %s does not lead to a page: page files end in .md", l->href);
                    free(target);
                    continue;
                }
                target[n - 3] = 0;
                if (!content_tree_page(t, target))
                    content_diag_add(L->d, CONTENT_ERROR, p->file, l->line, l->col,
                                     "the page links to %s.md, which does not exist%s", target,
                                     l->href[0] == '/' ? " (a link that starts with / starts at the top of the "
                                                         "content folder)"
                                                       : "");
                else
                    l->page = strdup(target);
                free(target);
            }
        }
    }
}

/* Menu order: by "order", then by title. Sorted through keys that carry what the comparison needs,
 * because qsort passes no context. */
typedef struct sort_key {
    int order;
    const char *title;
    size_t index;
} sort_key;

static int cmp_keys(const void *a, const void *b)
{
    const sort_key *x = a, *y = b;
    if (x->order != y->order)
        return x->order < y->order ? -1 : 1;
    return strcmp(x->title ? x->title : "", y->title ? y->title : "");
}

static void sort_indices(size_t *idx, size_t n, const content_tree *t, bool pages, bool *oom)
{
    if (n < 2)
        return;
    sort_key *k = malloc(n * sizeof *k);
    if (!k) {
        *oom = true;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        k[i].index = idx[i];
        k[i].order = pages ? t->pages[idx[i]].order : t->sections[idx[i]].order;
        k[i].title = pages ? t->pages[idx[i]].title : t->sections[idx[i]].title;
    }
    qsort(k, n, sizeof *k, cmp_keys);
    for (size_t i = 0; i < n; i++)
        idx[i] = k[i].index;
    free(k);
}

/* A page's or a folder's name, and where it comes: pages first (their index), then the folders
 * (page_count + their index). */
typedef struct name_ref {
    const char *id;
    size_t order;
} name_ref;

static int cmp_name_ref(const void *a, const void *b)
{
    const name_ref *x = a, *y = b;
    int c = strcasecmp(x->id, y->id);
    return c ? c : (x->order > y->order) - (x->order < y->order);
}

/* content_tree_page's index: the pages' ids in strcmp order (sorted as pairs, because qsort passes
 * no context and a static one would race between the reload thread and another load). */
typedef struct id_ref {
    const char *id;
    size_t index;
} id_ref;

static int cmp_id_ref(const void *a, const void *b)
{
    return strcmp(((const id_ref *)a)->id, ((const id_ref *)b)->id);
}

static void index_pages(loader *L)
{
    content_tree *t = L->t;
    if (!t->page_count)
        return;
    id_ref *refs = malloc(t->page_count * sizeof *refs);
    t->by_id = malloc(t->page_count * sizeof *t->by_id);
    if (!refs || !t->by_id) {
        free(refs);
        free(t->by_id);
        t->by_id = NULL; /* content_tree_page searches linearly */
        L->oom = true;
        return;
    }
    for (size_t i = 0; i < t->page_count; i++)
        refs[i] = (id_ref){t->pages[i].id, i};
    qsort(refs, t->page_count, sizeof *refs, cmp_id_ref);
    for (size_t i = 0; i < t->page_count; i++)
        t->by_id[i] = refs[i].index;
    free(refs);
}

static void check_names_and_sort(loader *L)
{
    content_tree *t = L->t;
    /* Two names that differ only in case are one name on a USB stick or a Windows share. A page and a
     * folder with the same name make links ambiguous. Sorted without regard to case, names that clash
     * lie next to each other, so the check costs n log n, not a comparison of every pair. */
    size_t n = t->page_count + (t->section_count ? t->section_count - 1 : 0);
    name_ref *refs = n ? malloc(n * sizeof *refs) : NULL;
    if (n && !refs)
        L->oom = true;
    for (size_t i = 0; refs && i < t->page_count; i++)
        refs[i] = (name_ref){t->pages[i].id, i};
    for (size_t s = 1; refs && s < t->section_count; s++)
        refs[t->page_count + s - 1] = (name_ref){t->sections[s].id, t->page_count + s};
    if (refs)
        qsort(refs, n, sizeof *refs, cmp_name_ref);
    for (size_t a = 0; refs && a < n;) {
        size_t b = a + 1;
        while (b < n && strcasecmp(refs[a].id, refs[b].id) == 0)
            b++;
        /* every pair of the run, in the order the pages were found: the later page is the one named */
        for (size_t i = a; i < b; i++)
            for (size_t j = i + 1; j < b; j++) {
                size_t x = refs[i].order, y = refs[j].order; /* x < y: sorted by order within a run */
                if (y < t->page_count)
                    content_diag_add(L->d, CONTENT_ERROR, t->pages[y].file, 0, 0,
                                     "this page has the same name as %s (names must differ in more than capitals)",
                                     t->pages[x].file);
                else if (x < t->page_count)
                    content_diag_add(L->d, CONTENT_ERROR, t->pages[x].file, 0, 0,
                                     "this page has the same name as the folder %s/; rename one of them",
                                     t->sections[y - t->page_count].id);
            }
        a = b;
    }
    free(refs);
    for (size_t s = 1; s < t->section_count; s++) {
        const content_section *sec = &t->sections[s];
        if (sec->page_count == 0 && sec->child_count == 0)
            content_diag_add(L->d, CONTENT_WARNING, sec->id, 0, 0, "the folder has no pages and is not shown");
    }
    if (t->page_count == 0)
        content_diag_add(L->d, CONTENT_ERROR, ".", 0, 0, "the content folder has no pages");
    for (size_t s = 0; s < t->section_count; s++) {
        content_section *sec = &t->sections[s];
        sort_indices(sec->pages, sec->page_count, t, true, &L->oom);
        sort_indices(sec->children, sec->child_count, t, false, &L->oom);
    }
}

bool content_tree_load(const char *dir, content_tree *out, content_diags *d)
{
    memset(out, 0, sizeof *out);
    loader L = {0};
    L.t = out;
    L.d = d;
    out->root = strdup(dir);
    L.root_real = realpath(dir, NULL);
    if (!out->root || !L.root_real) {
        content_diag_add(d, CONTENT_ERROR, dir, 0, 0, "cannot read the content folder: %s",
                         out->root ? strerror(errno) : "out of memory");
        free(L.root_real);
        return false;
    }
    int top = load_dir(&L, "", -1);
    if (top >= 0) {
        index_pages(&L);
        resolve_links(&L);
        check_names_and_sort(&L);
    }
    free(L.root_real);
    if (L.oom)
        content_diag_add(d, CONTENT_ERROR, "", 0, 0, "out of memory while loading the content");
    return top >= 0 && !L.oom;
}

void content_tree_free(content_tree *t)
{
    for (size_t i = 0; i < t->page_count; i++)
        content_page_free(&t->pages[i]);
    free(t->pages);
    for (size_t i = 0; i < t->section_count; i++) {
        content_section *s = &t->sections[i];
        free(s->id);
        free(s->title);
        free(s->summary);
        free(s->icon);
        free(s->pages);
        free(s->children);
    }
    free(t->sections);
    free(t->by_id);
    for (size_t i = 0; i < t->term_count; i++) {
        free(t->terms[i].term);
        free(t->terms[i].explanation);
    }
    free(t->terms);
    free(t->root);
    memset(t, 0, sizeof *t);
}

const content_page *content_tree_page(const content_tree *t, const char *id)
{
    if (!t->by_id) { /* a tree not made by content_tree_load */
        for (size_t i = 0; i < t->page_count; i++)
            if (strcmp(t->pages[i].id, id) == 0)
                return &t->pages[i];
        return NULL;
    }
    size_t lo = 0, hi = t->page_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(t->pages[t->by_id[mid]].id, id);
        if (c == 0)
            return &t->pages[t->by_id[mid]];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}
