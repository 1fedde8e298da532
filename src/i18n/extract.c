/* Content -> gettext template through libgettextpo's writer: see extract.h. */
#include "i18n/extract.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gettext-po.h>

#include "content/frontmatter.h"
#include "i18n/po.h"

typedef struct entry {
    const char *msgid;
    po_message_t msg;
    char *comments;
} entry;

typedef struct writer {
    po_file_t file;
    po_message_iterator_t it;
    entry *entries;
    size_t count, cap;
    const char *prefix;
    bool oom;
} writer;

static void add(writer *w, const char *msgid, const char *file, int line, const char *comment)
{
    if (!msgid || !*msgid)
        return;
    char pos[1200];
    snprintf(pos, sizeof pos, "%s/%s", w->prefix, file);
    /* the same text on several pages is one entry with several references: translated once */
    for (size_t i = 0; i < w->count; i++)
        if (strcmp(w->entries[i].msgid, msgid) == 0) {
            po_message_add_filepos(w->entries[i].msg, pos, line > 0 ? (size_t)line : (size_t)-1);
            size_t n = strlen(w->entries[i].comments) + strlen(comment) + 2;
            char *c = realloc(w->entries[i].comments, n);
            if (!c) {
                w->oom = true;
                return;
            }
            strcat(strcat(c, "\n"), comment);
            w->entries[i].comments = c;
            return;
        }
    if (w->count == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 256;
        entry *g = realloc(w->entries, cap * sizeof *g);
        if (!g) {
            w->oom = true;
            return;
        }
        w->entries = g;
        w->cap = cap;
    }
    po_message_t m = po_message_create();
    po_message_set_msgid(m, msgid);
    po_message_set_msgstr(m, "");
    /* no line known (a section named after its folder): "#: file" alone, as gettext writes it */
    po_message_add_filepos(m, pos, line > 0 ? (size_t)line : (size_t)-1);
    char *c = strdup(comment);
    if (!c) {
        w->oom = true;
        return;
    }
    w->entries[w->count++] = (entry){msgid, m, c};
    po_message_insert(w->it, m);
}

static const char *kind_name(const content_block *b)
{
    switch (b->kind) {
    case CONTENT_HEADING: return "heading";
    case CONTENT_BULLET: return "list item";
    case CONTENT_STEP: return "numbered step";
    case CONTENT_IMAGE: return "description of a picture";
    default: break;
    }
    return b->box_kind == CONTENT_BOX_WHY ? "paragraph in a \"why?\" box"
           : b->box_kind == CONTENT_BOX_NOTE ? "paragraph in a \"good to know\" box"
                                             : "paragraph";
}

static void page_entries(writer *w, const content_page *p)
{
    char c[700];
    snprintf(c, sizeof c, "Page %s (\"%.200s\"): title", p->id, p->title ? p->title : "");
    add(w, p->title, p->file, p->title_line, c);
    snprintf(c, sizeof c, "Page %s: summary, shown in lists of pages", p->id);
    add(w, p->summary, p->file, p->summary_line, c);
    for (size_t i = 0; i < p->block_count; i++) {
        const content_block *b = &p->blocks[i];
        if (b->kind == CONTENT_RULE)
            continue;
        snprintf(c, sizeof c, "Page %s: %s%s", p->id, kind_name(b),
                 b->link_count ? ". Keep the links: [text](address) with the address unchanged" : "");
        add(w, b->source, p->file, b->line, c);
    }
}

/* The lines of "title:" and "summary:" in a section's _section.md (0 when it has none): the tree keeps a
 * section's values, not their lines, so its front matter is read again with the same parser. The file
 * is opened as the loader opens it: never waiting on a pipe, never reading more than a page. */
static void section_lines(const content_tree *tree, const content_section *sec, int *title, int *summary)
{
    *title = *summary = 0;
    char path[1400];
    snprintf(path, sizeof path, "%s/%s/_section.md", tree->root, sec->id);
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0)
        return;
    char *text = NULL;
    ssize_t len = -1;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size <= CONTENT_MAX_PAGE_BYTES &&
        (text = malloc((size_t)st.st_size + 1)) != NULL)
        len = read(fd, text, (size_t)st.st_size);
    close(fd);
    size_t y, ylen, body;
    int body_line;
    bool unclosed;
    content_meta m = {0};
    content_diags d = {0};
    /* a UTF-8 BOM is skipped by the loader too; it changes no line */
    size_t skip = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (len > 0 && content_frontmatter_split(text + skip, (size_t)len - skip, &y, &ylen, &body, &body_line, &unclosed) &&
        content_frontmatter_parse(text + skip + y, ylen, 2, "_section.md", &m, &d))
        for (size_t i = 0; i < m.count; i++) {
            if (strcmp(m.items[i].key, "title") == 0)
                *title = m.items[i].line;
            else if (strcmp(m.items[i].key, "summary") == 0)
                *summary = m.items[i].line;
        }
    content_meta_free(&m);
    content_diags_free(&d);
    free(text);
}

bool i18n_extract_content(const content_tree *tree, const char *dir_prefix, const char *path, size_t *count,
                          vk_error *err)
{
    writer w = {0};
    w.prefix = dir_prefix;
    w.file = po_file_create();
    w.it = po_message_iterator(w.file, NULL);
    po_message_t header = po_message_create();
    po_message_set_msgid(header, "");
    po_message_set_msgstr(header, "Project-Id-Version: velkommen-content\n"
                                  "MIME-Version: 1.0\n"
                                  "Content-Type: text/plain; charset=UTF-8\n"
                                  "Content-Transfer-Encoding: 8bit\n");
    po_message_set_comments(header, "Velkommen content: the pages in content/, made by `velkommen extract`; do not "
                                    "edit.\nTranslate in locales/LANG/content.po (scripts/update-po merges this in).");
    po_message_insert(w.it, header);

    /* menu order: each section's title and summary, then its pages */
    for (size_t s = 0; s < tree->section_count; s++) {
        const content_section *sec = &tree->sections[s];
        char c[700], file[600];
        if (s > 0) {
            int title_line, summary_line;
            section_lines(tree, sec, &title_line, &summary_line);
            snprintf(file, sizeof file, "%s/_section.md", sec->id);
            snprintf(c, sizeof c, "Menu section %s: title", sec->id);
            add(&w, sec->title, file, title_line, c);
            snprintf(c, sizeof c, "Menu section %s: summary", sec->id);
            add(&w, sec->summary, file, summary_line, c);
        }
        for (size_t k = 0; k < sec->page_count; k++)
            page_entries(&w, &tree->pages[sec->pages[k]]);
    }
    for (size_t i = 0; i < tree->term_count; i++) {
        char c[300];
        snprintf(c, sizeof c, "Glossary: what the Danish word \"%.100s\" means (the word itself stays Danish)",
                 tree->terms[i].term);
        add(&w, tree->terms[i].explanation, "_glossary.md", tree->terms[i].line, c);
    }
    for (size_t i = 0; i < w.count; i++) {
        po_message_set_extracted_comments(w.entries[i].msg, w.entries[i].comments);
        free(w.entries[i].comments);
    }
    *count = w.count;
    free(w.entries);
    po_message_iterator_free(w.it);
    bool ok = !w.oom ? i18n_po_write(w.file, path, err) : vk_error_set(err, path, 0, "out of memory");
    po_file_free(w.file);
    return ok;
}
