/* The content tree: a folder is a section of the menu, a .md file is a page, and _section.md gives a
 * folder its title, order and icon. Loading reads and checks everything and reports every problem it
 * finds, so one run of `velkommen check` shows staff the whole list.
 *
 * Loading never follows a link or a symbolic link out of the content folder, never reads a file
 * larger than the limits below, and never opens anything but an ordinary file: a named pipe, socket or
 * device is an error (opening a pipe to read would wait for a writer forever).
 */
#ifndef VK_CONTENT_TREE_H
#define VK_CONTENT_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "content/diag.h"
#include "content/page.h"

#define CONTENT_MAX_PAGE_BYTES (1024 * 1024)       /* a page of text is far smaller */
#define CONTENT_MAX_MEDIA_BYTES (16 * 1024 * 1024) /* a picture or a recording */
#define CONTENT_MAX_DEPTH 8                         /* folders inside folders */

typedef struct content_section {
    char *id;     /* folder path below the content directory; "" for the top */
    char *title;  /* from _section.md, else the folder's name */
    char *summary, *icon; /* may be NULL */
    int order;
    int parent;   /* index of the parent section, -1 for the top */
    size_t *pages;    /* indices into content_tree.pages, in menu order */
    size_t page_count;
    size_t *children; /* indices into content_tree.sections, in menu order */
    size_t child_count;
} content_section;

/* A word of the glossary (content/_glossary.md): a Danish term a newcomer meets in letters, and what
 * it means. The term stays Danish in every language; the explanation is translated. */
typedef struct content_term {
    char *term;        /* as written in the texts, e.g. "sagsbehandler" */
    char *explanation; /* plain Danish text: its msgid in the content catalogs */
    int line;
} content_term;

typedef struct content_tree {
    char *root;                /* the content directory, as given */
    content_page *pages;
    size_t page_count;
    content_section *sections; /* [0] is the top */
    size_t section_count;
    content_term *terms;       /* the glossary, in file order; may be empty */
    size_t term_count;
    size_t *by_id;             /* page indices in strcmp order of id, for content_tree_page; NULL: none */
} content_tree;

/* Loads the tree under dir. Problems go to d; the tree holds every page that could be read, so check
 * can go on. Returns false only when dir itself cannot be read or memory runs out (d says which).
 * A caller that must not show broken content (the kiosk's reload) keeps its old tree when
 * d->errors > 0. */
bool content_tree_load(const char *dir, content_tree *out, content_diags *d);
void content_tree_free(content_tree *tree); /* accepts a zeroed tree */

const content_page *content_tree_page(const content_tree *tree, const char *id); /* NULL if none */

#endif
