/* The page model: what the content parser produces, as plain data with no SDL and no fonts, so every
 * later stage (translation, layout, the checker, tests) can use it.
 *
 * A page is a flat list of blocks. Blocks inside a block quote carry the number of their box and its
 * kind ("good to know", or "why?" when the quote starts with [!hvorfor]), so the renderer draws
 * consecutive blocks of one box in one frame. Each block keeps its inline Markdown source, normalised
 * (soft line breaks become spaces, markup is written one canonical way): that is its msgid in the
 * content catalogs, and a translation is parsed back with the same inline parser.
 */
#ifndef VK_CONTENT_PAGE_H
#define VK_CONTENT_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum content_block_kind {
    CONTENT_HEADING,
    CONTENT_PARAGRAPH,
    CONTENT_BULLET, /* an item of a bulleted list */
    CONTENT_STEP,   /* an item of a numbered list: the steps of a procedure */
    CONTENT_IMAGE,  /* a picture; its alt text is the block's text */
    CONTENT_RULE
} content_block_kind;

typedef enum content_box_kind { CONTENT_BOX_NONE, CONTENT_BOX_NOTE, CONTENT_BOX_WHY } content_box_kind;

enum { CONTENT_STYLE_EM = 1, CONTENT_STYLE_STRONG = 2, CONTENT_STYLE_LINK = 4, CONTENT_STYLE_CODE = 8 };

/* A stretch of the block's text with one style. */
typedef struct content_span {
    uint32_t start, end; /* byte offsets into content_block.text */
    uint8_t style;       /* CONTENT_STYLE_* bits */
    int32_t link;        /* index into content_block.links, or -1 */
} content_span;

typedef struct content_link {
    char *href;     /* as written */
    char *page;     /* the id of the page it leads to; NULL for an external address or a missing page */
    bool external;  /* http:, https:, mailto: or tel: — shown as a QR code, not followed */
    int line, col;  /* where the address is written */
} content_link;

typedef struct content_block {
    content_block_kind kind;
    int level;            /* HEADING: 1-6; BULLET/STEP: nesting depth from 1 */
    int number;           /* STEP: its number in the list */
    int box;              /* 0 outside a box; boxes are numbered from 1 in the page */
    content_box_kind box_kind;
    int line;             /* 1-based line in the page's file */
    char *text;           /* what is shown, UTF-8, markup resolved */
    char *source;         /* normalised inline Markdown: the msgid */
    content_span *spans;
    size_t span_count;
    content_link *links;
    size_t link_count;
    char *image;          /* IMAGE: the path as written */
    char *image_file;     /* IMAGE: the file below the content directory; NULL when it does not exist */
} content_block;

#define CONTENT_MAX_RECORDINGS 8

typedef struct content_page {
    char *id;      /* path below the content directory without ".md": "jobcenter/praktik" */
    char *file;    /* path below the content directory: "jobcenter/praktik.md" */
    char *title;
    char *summary; /* may be NULL */
    char *icon;    /* may be NULL */
    char *link;    /* external address for a QR code; may be NULL */
    char *audio;   /* recorded reading in the content's language, the file below the content directory; may be NULL */
    /* recorded readings in other languages (audio-ar: praktik-ar.ogg): a language without a voice can
     * still be read aloud where someone recorded the page */
    struct {
        char lang[16];
        char *file;
    } recordings[CONTENT_MAX_RECORDINGS];
    size_t recording_count;
    char checked[11]; /* "YYYY-MM-DD": when staff last checked the facts against the official source; "" */
    int order;     /* menu position; pages without one sort after, by title */
    int title_line, summary_line;
    content_block *blocks;
    size_t block_count;
} content_page;

/* A readable dump of the page model, one line per block, for fixtures and reviews:
 *     [12] step 1 depth 1 box 2 why: "Tag **pas** med" -> "Tag pas med" {strong 4-7} (link 0: x.md -> x)
 * Returns a string the caller frees, or NULL when memory runs out. */
char *content_page_dump(const content_page *p);

void content_block_free(content_block *b); /* the block's arrays and strings, not the struct */
/* The page's recorded reading in language code (the content's own language's is `audio`, the others'
 * audio-CODE), the file below the content directory, or NULL. */
const char *content_page_recording(const content_page *p, const char *code, bool source_language);
void content_page_free(content_page *p);   /* the page's arrays and strings, not the struct */

#endif
