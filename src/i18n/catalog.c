/* .po catalogs through libgettextpo: see catalog.h.
 *
 * libgettextpo reports problems through a handler that has no user pointer and that "must not return"
 * on a fatal error; we record the first problem in a thread-local slot and leave a fatal error with
 * longjmp, so a broken catalog from an unknown tool becomes an error value instead of an exit. The
 * parser's memory for that one failed read is lost; reload with a broken file is rare and bounded.
 */
#include "i18n/catalog.h"

#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gettext-po.h>

#include "base/file.h"
#include "base/utf8.h"
#include "i18n/po.h"

typedef struct entry {
    const char *key; /* ctxt "\004" msgid, as gettext keys them */
    const char *ctxt; /* NULL when none */
    const char *msgstr;
    bool fuzzy;
} entry;

struct i18n_catalog {
    entry *entries;
    size_t count;
    size_t translated;
    char *arena;
    size_t dropped;        /* translations refused for a format string that does not match */
    vk_error first_dropped; /* what was wrong with the first of them */
};

typedef struct read_state {
    const char *path; /* the file read or checked, for finding an entry's line; may be NULL */
    vk_error err;
    bool failed;
    bool can_jump;
    jmp_buf jump;
} read_state;

static _Thread_local read_state *current_read;

static void record(int severity, po_message_t m, const char *filename, size_t lineno, const char *text)
{
    read_state *st = current_read;
    if (!st)
        return;
    if (severity != PO_SEVERITY_WARNING && !st->failed) {
        st->failed = true;
        /* the checks after reading report the entry but not its line: find it in the file (msgid ""
         * is the header, whose line is that of its own msgid "") */
        if ((lineno == 0 || lineno == (size_t)-1) && m && st->path && po_message_msgid(m))
            lineno = (size_t)i18n_po_line(st->path, po_message_msgid(m));
        char msg[400];
        snprintf(msg, sizeof msg, "%s", text ? text : "invalid catalog");
        size_t n = strlen(msg);
        while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
            msg[--n] = 0;
        for (char *p = msg; *p; p++)
            if (*p == '\n')
                *p = ' ';
        vk_error_set(&st->err, filename ? filename : "", lineno == (size_t)-1 ? 0 : (int)lineno, "%s", msg);
    }
    if (severity == PO_SEVERITY_FATAL_ERROR && st->can_jump)
        longjmp(st->jump, 1);
}

static void on_xerror(int severity, po_message_t message, const char *filename, size_t lineno, size_t column,
                      int multiline_p, const char *message_text)
{
    (void)column;
    (void)multiline_p;
    record(severity, message, filename, lineno, message_text);
}

static void on_xerror2(int severity, po_message_t m1, const char *f1, size_t l1, size_t c1, int ml1,
                       const char *t1, po_message_t m2, const char *f2, size_t l2, size_t c2, int ml2,
                       const char *t2)
{
    (void)c1, (void)ml1, (void)c2, (void)ml2;
    /* With a line the first half says it all ("duplicate message definition"). Without one the
     * two halves are one sentence ("nplurals = 2", "but some messages have 3 plural forms") about
     * the entry the second names: say both, at that entry's line. */
    if (l1 != 0 && l1 != (size_t)-1) {
        record(severity, m1, f1, l1, t1);
        return;
    }
    char both[400];
    snprintf(both, sizeof both, "%s%s%s", t1 ? t1 : "", t1 && t2 ? ", " : "", t2 ? t2 : "");
    record(severity, m2, f2, l2, both);
}

static const struct po_xerror_handler handler = {on_xerror, on_xerror2};

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->key, ((const entry *)b)->key);
}

void i18n_catalog_free(i18n_catalog *cat)
{
    if (!cat)
        return;
    free(cat->entries);
    free(cat->arena);
    free(cat);
}

/* The po_file_t is read in a function of its own so that nothing with automatic storage is modified
 * between setjmp and longjmp (C11 7.13.2.1). */
static po_file_t read_po(const char *path, read_state *st)
{
    current_read = st;
    po_file_t volatile file = NULL;
    if (setjmp(st->jump) == 0) {
        st->can_jump = true;
        file = po_file_read(path, &handler);
    }
    st->can_jump = false;
    current_read = NULL;
    return file;
}

static bool write_po(po_file_t file, const char *path, read_state *st)
{
    current_read = st;
    volatile bool done = false;
    if (setjmp(st->jump) == 0) {
        st->can_jump = true;
        po_file_write(file, path, &handler);
        done = true;
    }
    st->can_jump = false;
    current_read = NULL;
    return done && !st->failed;
}

po_file_t i18n_po_read(const char *path, vk_error *err)
{
    read_state *st = calloc(1, sizeof *st);
    if (!st) {
        vk_error_set(err, path, 0, "out of memory");
        return NULL;
    }
    po_file_t file = read_po(path, st);
    if (file && st->failed) {
        po_file_free(file);
        file = NULL;
    }
    if (!file && err) {
        *err = st->err;
        if (!err->msg[0])
            vk_error_set(err, path, 0, "not a valid gettext catalog");
    }
    free(st);
    return file;
}

static bool check_po(po_file_t file, read_state *st)
{
    current_read = st;
    volatile bool done = false;
    if (setjmp(st->jump) == 0) {
        st->can_jump = true;
        po_file_check_all(file, &handler);
        done = true;
    }
    st->can_jump = false;
    current_read = NULL;
    return done && !st->failed;
}

/* Whether m's translation passes msgfmt -c's format string check; st receives the problem when not.
 * The check reports through the handler (as an error, not fatally, but a fatal one must not return). */
static bool format_ok(po_message_t m, read_state *st)
{
    st->failed = false;
    current_read = st;
    volatile bool done = false;
    if (setjmp(st->jump) == 0) {
        st->can_jump = true;
        po_message_check_format(m, &handler);
        done = true;
    }
    st->can_jump = false;
    current_read = NULL;
    return done && !st->failed;
}

/* msgfmt -c refuses a catalog without a header entry, or with an empty one ("PO file header missing
 * or invalid": the charset of the file would be unknown), which libgettextpo's own checks let pass. */
static bool header_ok(po_file_t file, const char *path, vk_error *err)
{
    bool any = false, header = false;
    const char *const *domains = po_file_domains(file);
    for (const char *const *d = domains; d && *d && !header; d++) {
        po_message_iterator_t it = po_message_iterator(file, *d);
        for (po_message_t m; (m = po_next_message(it)) != NULL;) {
            if (po_message_is_obsolete(m))
                continue;
            any = true;
            const char *str = po_message_msgstr(m);
            if (!po_message_msgctxt(m) && !*po_message_msgid(m) && str && *str)
                header = true;
        }
        po_message_iterator_free(it);
    }
    if (header)
        return true;
    if (!any)
        return vk_error_set(err, path, 1,
                            "the catalog is empty, without even its header: start it again from the template with "
                            "msginit (scripts/update-po says how)");
    int line = i18n_po_line(path, "");
    if (line > 0)
        return vk_error_set(err, path, line,
                            "the catalog's header (msgid \"\") is empty: it needs at least the line "
                            "\"Content-Type: text/plain; charset=UTF-8\\n\"; copy the header from the template");
    return vk_error_set(err, path, 1,
                        "the catalog has no header: put msgid \"\" with the line \"Content-Type: text/plain; "
                        "charset=UTF-8\\n\" at its top, as in the template");
}

/* Appends the C-quoted string starting at q (after its opening quote) to *out, unescaped as PO
 * strings are; returns false when the line is not a plain quoted string (then the entry is skipped). */
static bool po_unquote(const char *q, char **out, size_t *n)
{
    for (; *q && *q != '"'; q++) {
        char c = *q;
        if (c == '\\') {
            c = *++q;
            c = c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
            if (!c)
                return false;
        }
        char *g = realloc(*out, *n + 2);
        if (!g)
            return false;
        *out = g;
        g[(*n)++] = c;
        g[*n] = 0;
    }
    return *q == '"';
}

int i18n_po_line(const char *path, const char *msgid)
{
    FILE *f = vk_open_ordinary(path, NULL);
    if (!f)
        return 0;
    char buf[4096];
    char *id = NULL;
    size_t n = 0;
    int line = 0, id_line = 0, found = 0;
    bool in_id = false;
    while (!found && fgets(buf, sizeof buf, f)) {
        line++;
        const char *p = buf + strspn(buf, " \t");
        bool cont = in_id && *p == '"';
        if (in_id && !cont) {
            found = id && strcmp(id, msgid) == 0 ? id_line : 0;
            in_id = false;
        }
        if (strncmp(p, "msgid \"", 7) == 0) {
            free(id);
            id = NULL;
            n = 0;
            id_line = line;
            in_id = po_unquote(p + 7, &id, &n);
            if (in_id && !id)
                in_id = (id = strdup("")) != NULL;
        } else if (cont) {
            in_id = po_unquote(p + 1, &id, &n);
        }
    }
    if (!found && in_id && id && strcmp(id, msgid) == 0)
        found = id_line;
    free(id);
    fclose(f);
    return found;
}

bool i18n_catalog_check(const char *path, vk_error *err)
{
    po_file_t file = i18n_po_read(path, err);
    if (!file)
        return false;
    if (!header_ok(file, path, err)) {
        po_file_free(file);
        return false;
    }
    read_state *st = calloc(1, sizeof *st);
    if (!st) {
        po_file_free(file);
        return vk_error_set(err, path, 0, "out of memory");
    }
    st->path = path;
    bool ok = check_po(file, st);
    if (!ok && err) {
        *err = st->err;
        if (!err->file[0])
            vk_error_set(err, path, st->err.line, "%s", st->err.msg);
    }
    free(st);
    po_file_free(file);
    return ok;
}

bool i18n_po_write(po_file_t file, const char *path, vk_error *err)
{
    read_state *st = calloc(1, sizeof *st);
    if (!st)
        return vk_error_set(err, path, 0, "out of memory");
    bool ok = write_po(file, path, st);
    if (!ok && err)
        *err = st->err;
    if (!ok && err && !err->file[0])
        vk_error_set(err, path, 0, "cannot write the catalog");
    free(st);
    return ok;
}

i18n_catalog *i18n_catalog_load(const char *path, vk_error *err)
{
    /* a translator's folder: a named pipe there must not hold the kiosk (base/file.h) */
    mode_t mode = 0;
    FILE *probe = vk_open_ordinary(path, &mode);
    if (!probe) {
        if (errno)
            vk_error_set(err, path, 0, "cannot read catalog: %s", strerror(errno));
        else
            vk_error_set(err, path, 0, "the catalog is %s, not an ordinary file", vk_file_kind(mode));
        return NULL;
    }
    /* The kiosk reads UTF-8 catalogs only (a Latin-1 one that says so in its header reaches us
     * unconverted). libgettextpo's words for one that claims UTF-8 are "invalid multibyte sequence":
     * say instead what a translator's editor can act on, the line, the byte and the fix. */
    char *text = NULL;
    size_t len = 0, cap = 0, got;
    do {
        if (len + 4096 > cap) {
            char *g = realloc(text, cap = cap ? 2 * cap : 65536);
            if (!g) {
                free(text);
                fclose(probe);
                vk_error_set(err, path, 0, "out of memory");
                return NULL;
            }
            text = g;
        }
        got = fread(text + len, 1, cap - len, probe);
        len += got;
    } while (got > 0);
    fclose(probe);
    bool bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0;
    size_t bad = vk_utf8_find_invalid(text, len);
    int bad_line = 1;
    for (size_t i = 0; bad != (size_t)-1 && i < bad; i++)
        bad_line += text[i] == '\n';
    free(text);
    if (bom) {
        /* msgfmt refuses it too ("syntax error" at 1:2); say what it is and how to fix it */
        vk_error_set(err, path, 1, "the file starts with a byte order mark: save it as UTF-8 without BOM");
        return NULL;
    }
    if (bad != (size_t)-1) {
        vk_error_set(err, path, bad_line, "the text is not valid UTF-8 at byte %zu: save the file as UTF-8", bad);
        return NULL;
    }

    read_state *st = calloc(1, sizeof *st);
    if (!st) {
        vk_error_set(err, path, 0, "out of memory");
        return NULL;
    }
    st->path = path;
    po_file_t file = read_po(path, st);
    if (!file || st->failed) {
        if (err) {
            if (st->failed)
                *err = st->err;
            else
                vk_error_set(err, path, 0, "not a valid gettext catalog");
            if (!err->file[0])
                vk_error_set(err, path, err->line, "%s", st->err.msg);
        }
        if (file)
            po_file_free(file);
        free(st);
        return NULL;
    }

    /* Two passes: measure, then copy into one arena, so a catalog is three allocations. */
    size_t count = 0, bytes = 0;
    const char *const *domains = po_file_domains(file);
    for (int pass = 0; pass < 2; pass++) {
        i18n_catalog *cat = NULL;
        char *w = NULL;
        if (pass == 1) {
            cat = calloc(1, sizeof *cat);
            if (cat) {
                cat->entries = malloc((count ? count : 1) * sizeof *cat->entries);
                cat->arena = malloc(bytes ? bytes : 1);
            }
            if (!cat || !cat->entries || !cat->arena) {
                i18n_catalog_free(cat);
                po_file_free(file);
                free(st);
                vk_error_set(err, path, 0, "out of memory");
                return NULL;
            }
            w = cat->arena;
        }
        for (const char *const *d = domains; d && *d; d++) {
            po_message_iterator_t it = po_message_iterator(file, *d);
            for (po_message_t m; (m = po_next_message(it)) != NULL;) {
                const char *id = po_message_msgid(m);
                const char *str = po_message_msgstr(m);
                if (!id || !*id || po_message_is_obsolete(m) || !str)
                    continue;
                if (po_message_msgid_plural(m))
                    str = po_message_msgstr_plural(m, 0);
                if (!str)
                    continue;
                const char *ctxt = po_message_msgctxt(m);
                size_t cl = ctxt ? strlen(ctxt) + 1 : 0;
                size_t kl = cl + strlen(id) + 1, sl = strlen(str) + 1;
                if (pass == 0) {
                    count++;
                    bytes += cl + kl + sl;
                    continue;
                }
                entry *e = &cat->entries[cat->count++];
                e->ctxt = NULL;
                if (ctxt) {
                    e->ctxt = w;
                    memcpy(w, ctxt, cl);
                    w += cl;
                }
                e->key = w;
                if (ctxt)
                    w += sprintf(w, "%s\004", ctxt);
                w += sprintf(w, "%s", id) + 1;
                char *copy = w;
                e->msgstr = copy;
                memcpy(w, str, sl);
                w += sl;
                e->fuzzy = po_message_is_fuzzy(m) != 0;
                /* msgfmt -c would refuse the file; the kiosk keeps the rest of it and shows this one
                 * as untranslated, so the UI never gets a format whose placeholders differ */
                if (!e->fuzzy && *str && !format_ok(m, st)) {
                    if (!cat->dropped++) {
                        char shown[80];
                        int cut = 60, idl = (int)strlen(id);
                        while (cut < idl && ((unsigned char)id[cut] & 0xC0) == 0x80)
                            cut--;
                        snprintf(shown, sizeof shown, "%.*s%s", cut, id, cut < idl ? "..." : "");
                        vk_error_set(&cat->first_dropped, path, st->err.line,
                                     "the translation of \"%s\" is not shown: %s (keep every placeholder such "
                                     "as %%s or %%d as in the original)",
                                     shown, st->err.msg);
                    }
                    copy[0] = 0;
                }
                if (!e->fuzzy && *e->msgstr)
                    cat->translated++;
            }
            po_message_iterator_free(it);
        }
        if (pass == 1) {
            po_file_free(file);
            free(st);
            qsort(cat->entries, cat->count, sizeof *cat->entries, cmp_entry);
            /* msgfmt would refuse a catalog that is not UTF-8: we say which entry. */
            for (size_t i = 0; i < cat->count; i++)
                if (vk_utf8_find_invalid(cat->entries[i].msgstr, strlen(cat->entries[i].msgstr)) != (size_t)-1) {
                    vk_error_set(err, path, 0, "the translation of \"%.60s\" is not valid UTF-8 (save the file as UTF-8)",
                                 cat->entries[i].key);
                    i18n_catalog_free(cat);
                    return NULL;
                }
            return cat;
        }
    }
    return NULL; /* not reached */
}

const char *i18n_catalog_lookup(const i18n_catalog *cat, const char *ctxt, const char *msgid, bool *fuzzy)
{
    if (fuzzy)
        *fuzzy = false;
    if (!cat || !msgid)
        return NULL;
    char stackkey[512];
    char *key = stackkey;
    size_t need = (ctxt ? strlen(ctxt) + 1 : 0) + strlen(msgid) + 1;
    if (need > sizeof stackkey && !(key = malloc(need)))
        return NULL;
    if (ctxt)
        snprintf(key, need, "%s\004%s", ctxt, msgid);
    else
        memcpy(key, msgid, need);
    entry probe = {key, NULL, NULL, false};
    const entry *e = bsearch(&probe, cat->entries, cat->count, sizeof *cat->entries, cmp_entry);
    if (key != stackkey)
        free(key);
    if (!e || !*e->msgstr)
        return NULL;
    if (e->fuzzy) {
        if (fuzzy)
            *fuzzy = true;
        return NULL;
    }
    return e->msgstr;
}

size_t i18n_catalog_dropped(const i18n_catalog *cat, vk_error *first)
{
    if (cat && cat->dropped && first)
        *first = cat->first_dropped;
    return cat ? cat->dropped : 0;
}

size_t i18n_catalog_size(const i18n_catalog *cat)
{
    return cat ? cat->translated : 0;
}

size_t i18n_catalog_count(const i18n_catalog *cat)
{
    return cat ? cat->count : 0;
}

void i18n_catalog_entry(const i18n_catalog *cat, size_t i, const char **ctxt, const char **msgid, const char **msgstr,
                        bool *fuzzy)
{
    const entry *e = &cat->entries[i];
    *ctxt = e->ctxt;
    *msgid = e->ctxt ? strchr(e->key, '\004') + 1 : e->key;
    *msgstr = e->msgstr;
    *fuzzy = e->fuzzy;
}

const char *i18n_tr_get_ex(const i18n_tr *tr, const char *ctxt, const char *msgid, int *level)
{
    for (int i = 0; tr && i < tr->count; i++) {
        const char *s = i18n_catalog_lookup(tr->chain[i], ctxt, msgid, NULL);
        if (s) {
            if (level)
                *level = i;
            return s;
        }
    }
    if (level)
        *level = -1;
    return msgid;
}

const char *i18n_tr_get(const i18n_tr *tr, const char *msgid)
{
    return i18n_tr_get_ex(tr, NULL, msgid, NULL);
}
