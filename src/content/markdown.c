/* Markdown to the page model through md4c's callbacks: see markdown.h.
 *
 * md4c reports no source positions, but the text it hands to the callbacks points into the document
 * for ordinary text, entities and link addresses; the offset of that pointer gives the line (and
 * column) a diagnostic names.
 */
#include "content/markdown.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <md4c.h>

#include "base/utf8.h"

typedef struct sbuf {
    char *s;
    size_t n, cap;
    bool oom;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *g = realloc(b->s, cap);
        if (!g) {
            b->oom = true;
            return;
        }
        b->s = g;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

static void sb_str(sbuf *b, const char *s)
{
    sb_put(b, s, strlen(s));
}

static char *sb_take(sbuf *b)
{
    char *s = b->s ? b->s : strdup("");
    memset(b, 0, sizeof *b);
    return s;
}

typedef struct pending_image {
    char *src;
    sbuf alt;
    int line;
} pending_image;

typedef struct state {
    const char *doc;
    size_t doc_len;
    int first_line;
    content_page *page;
    content_diags *d;
    bool oom;

    /* the block being built */
    bool in_block;
    content_block cur;
    sbuf text, source;
    content_span *spans;
    size_t span_count, span_cap;
    content_link *links;
    size_t link_count, link_cap;
    uint8_t style;
    int link;            /* current link index, -1 none */
    size_t span_start;   /* text offset where the current style began */
    bool warned_html;

    /* structure */
    int list_depth;
    /* every open list, however deep: an item is numbered by its own list, never by one further out */
    struct open_list {
        bool ordered;
        int next;
    } *lists;
    int list_cap;
    bool li_fresh; /* an item was entered and has no text yet: its first paragraph continues it */
    int quote_depth;
    int box_counter;
    bool box_first; /* the next block is the first of its box: it may carry [!hvorfor] */
    content_box_kind box_kind; /* of the open box */
    int last_line;

    /* images met inside the current block, pushed after it */
    bool in_image;
    pending_image *images;
    size_t image_count, image_cap;
} state;

/* ---- positions ---------------------------------------------------------------------------------- */

static bool in_doc(const state *st, const char *p)
{
    return st->doc && p >= st->doc && p <= st->doc + st->doc_len;
}

static void position(const state *st, const char *p, int *line, int *col)
{
    int l = 0;
    const char *bol = st->doc;
    for (const char *q = st->doc; q < p; q++)
        if (*q == '\n') {
            l++;
            bol = q + 1;
        }
    *line = st->first_line + l;
    /* columns count characters, not bytes, as editors show them */
    int c = 1;
    for (const char *q = bol; q < p; q++)
        c += ((unsigned char)*q & 0xC0) != 0x80;
    *col = c;
}

static void diag(state *st, content_severity sev, const char *p, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void diag(state *st, content_severity sev, const char *p, const char *fmt, ...)
{
    if (!st->d)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int line = st->last_line, col = 0;
    if (p && in_doc(st, p))
        position(st, p, &line, &col);
    content_diag_add(st->d, sev, st->page->file ? st->page->file : "", line, col, "%s", msg);
}

/* ---- spans -------------------------------------------------------------------------------------- */

static void close_span(state *st)
{
    if (st->text.n > st->span_start && (st->style || st->link >= 0)) {
        if (st->span_count == st->span_cap) {
            size_t cap = st->span_cap ? st->span_cap * 2 : 8;
            content_span *g = realloc(st->spans, cap * sizeof *g);
            if (!g) {
                st->oom = true;
                return;
            }
            st->spans = g;
            st->span_cap = cap;
        }
        st->spans[st->span_count++] =
            (content_span){(uint32_t)st->span_start, (uint32_t)st->text.n, st->style, st->link};
    }
    st->span_start = st->text.n;
}

/* ---- blocks ------------------------------------------------------------------------------------- */

static void start_block(state *st, content_block_kind kind, int level, int number)
{
    memset(&st->cur, 0, sizeof st->cur);
    st->cur.kind = kind;
    st->cur.level = level;
    st->cur.number = number;
    st->cur.line = 0;
    st->in_block = true;
    st->style = 0;
    st->link = -1;
    st->span_start = 0;
    st->warned_html = false;
}

static bool push_block(state *st, content_block *b)
{
    content_page *p = st->page;
    content_block *g = realloc(p->blocks, (p->block_count + 1) * sizeof *g);
    if (!g) {
        st->oom = true;
        content_block_free(b);
        return false;
    }
    p->blocks = g;
    p->blocks[p->block_count++] = *b;
    return true;
}

static bool starts_with_ci(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++)
        if (tolower((unsigned char)*s) != tolower((unsigned char)*prefix))
            return false;
    return true;
}

/* "[!hvorfor]" at the start of a box's first block makes it a "why?" box; the marker is removed from
 * the text, the source and the spans. md4c hands the marker over as text ("[", "!hvorfor", "]"). */
static content_box_kind take_box_marker(content_block *b)
{
    static const char *const markers[] = {"[!hvorfor]", "[!why]"};
    for (size_t i = 0; i < 2; i++) {
        size_t n = strlen(markers[i]);
        if (!starts_with_ci(b->text, markers[i]))
            continue;
        size_t skip = n;
        while (b->text[skip] == ' ')
            skip++;
        memmove(b->text, b->text + skip, strlen(b->text + skip) + 1);
        for (size_t k = 0; k < b->span_count; k++) {
            b->spans[k].start = b->spans[k].start > skip ? b->spans[k].start - (uint32_t)skip : 0;
            b->spans[k].end = b->spans[k].end > skip ? b->spans[k].end - (uint32_t)skip : 0;
        }
        /* in the source the brackets are escaped: \[!hvorfor\] */
        const char *src = b->source;
        size_t s = 0, matched = 0;
        while (src[s] && matched < n) {
            if (src[s] == '\\' && src[s + 1]) {
                s++;
                continue;
            }
            s++;
            matched++;
        }
        while (src[s] == ' ')
            s++;
        memmove(b->source, b->source + s, strlen(b->source + s) + 1);
        return CONTENT_BOX_WHY;
    }
    return CONTENT_BOX_NOTE;
}

static void end_block(state *st)
{
    if (!st->in_block)
        return;
    close_span(st);
    st->in_block = false;
    if (st->text.oom || st->source.oom)
        st->oom = true;
    content_block b = st->cur;
    /* trailing spaces of the text (before a list that followed) are not content */
    while (st->text.n && st->text.s[st->text.n - 1] == ' ')
        st->text.s[--st->text.n] = 0;
    while (st->source.n && st->source.s[st->source.n - 1] == ' ')
        st->source.s[--st->source.n] = 0;
    b.text = sb_take(&st->text);
    b.source = sb_take(&st->source);
    b.spans = st->spans;
    b.span_count = st->span_count;
    b.links = st->links;
    b.link_count = st->link_count;
    st->spans = NULL;
    st->span_count = st->span_cap = 0;
    st->links = NULL;
    st->link_count = st->link_cap = 0;
    if (b.line == 0)
        b.line = st->last_line;
    for (size_t k = 0; k < b.span_count; k++) {
        if (b.spans[k].end > strlen(b.text))
            b.spans[k].end = (uint32_t)strlen(b.text);
    }
    if (st->quote_depth > 0) {
        b.box = st->box_counter;
        if (st->box_first) {
            st->box_kind = take_box_marker(&b);
            st->box_first = false;
        }
        b.box_kind = st->box_kind;
    }
    int line = b.line;
    int box = b.box;
    content_box_kind box_kind = b.box_kind;
    if (b.text[0] || b.kind == CONTENT_RULE)
        push_block(st, &b);
    else
        content_block_free(&b);
    for (size_t i = 0; i < st->image_count; i++) {
        pending_image *im = &st->images[i];
        content_block ib = {0};
        ib.kind = CONTENT_IMAGE;
        ib.line = im->line ? im->line : line;
        ib.box = box;
        ib.box_kind = box_kind;
        ib.image = im->src;
        ib.text = sb_take(&im->alt);
        ib.source = strdup(ib.text);
        if (!ib.source)
            st->oom = true;
        push_block(st, &ib);
    }
    st->image_count = 0;
}

/* ---- text --------------------------------------------------------------------------------------- */

/* Writes text into the msgid so that parsing the msgid again gives the same text back: characters
 * that would start markup are escaped with a backslash. */
static void source_escaped(state *st, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool at_start = st->source.n == 0 && i == 0;
        bool esc = c == '\\' || c == '*' || c == '_' || c == '[' || c == ']' || c == '`' ||
                   (c == '<' && i + 1 < n && (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '/')) ||
                   (c == '&' && i + 1 < n && (isalnum((unsigned char)s[i + 1]) || s[i + 1] == '#')) ||
                   (at_start && (c == '#' || c == '-' || c == '+' || c == '>' || c == '=' || c == '|')) ||
                   (c == '.' && i > 0 && isdigit((unsigned char)s[i - 1]) && st->source.n == 0 &&
                    strspn(s, "0123456789") == i);
        if (esc)
            sb_put(&st->source, "\\", 1);
        sb_put(&st->source, &c, 1);
    }
}

static void append_text(state *st, const char *s, size_t n)
{
    if (st->in_image) {
        sb_put(&st->images[st->image_count - 1].alt, s, n);
        return;
    }
    sb_put(&st->text, s, n);
}

/* HTML's named entities that appear in Danish and Arabic texts; numeric ones are decoded in full.
 * An unknown entity stays as written. */
static bool decode_entity(const char *s, size_t n, char out[8], size_t *out_n)
{
    static const struct {
        const char *name;
        uint32_t cp;
    } names[] = {{"&amp;", '&'},     {"&lt;", '<'},      {"&gt;", '>'},     {"&quot;", '"'},  {"&apos;", '\''},
                 {"&nbsp;", 0xA0},   {"&shy;", 0xAD},    {"&ndash;", 0x2013}, {"&mdash;", 0x2014},
                 {"&hellip;", 0x2026}, {"&laquo;", 0xAB}, {"&raquo;", 0xBB}, {"&lrm;", 0x200E},
                 {"&rlm;", 0x200F},  {"&zwnj;", 0x200C}, {"&zwj;", 0x200D}};
    uint32_t cp = 0;
    if (n > 3 && s[1] == '#') {
        char num[16] = {0};
        size_t k = n - 3 < sizeof num - 1 ? n - 3 : sizeof num - 1;
        memcpy(num, s + 2, k);
        cp = (num[0] == 'x' || num[0] == 'X') ? (uint32_t)strtoul(num + 1, NULL, 16) : (uint32_t)strtoul(num, NULL, 10);
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            cp = VK_REPLACEMENT_CHAR;
    } else {
        for (size_t i = 0; i < sizeof names / sizeof *names && !cp; i++)
            if (strlen(names[i].name) == n && memcmp(names[i].name, s, n) == 0)
                cp = names[i].cp;
        if (!cp)
            return false;
    }
    *out_n = vk_utf8_encode(cp, out);
    return true;
}

static int on_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *ud)
{
    state *st = ud;
    if (!st->in_block) {
        if (type == MD_TEXT_HTML)
            return 0;
        start_block(st, CONTENT_PARAGRAPH, 0, 0); /* text outside any block: keep it */
    }
    if (st->cur.line == 0 && in_doc(st, text) && type != MD_TEXT_SOFTBR && type != MD_TEXT_BR) {
        int col;
        position(st, text, &st->cur.line, &col);
        st->last_line = st->cur.line;
    }
    switch (type) {
    case MD_TEXT_NORMAL:
        append_text(st, text, size);
        if (!st->in_image)
            source_escaped(st, text, size);
        break;
    case MD_TEXT_CODE:
        append_text(st, text, size);
        if (!st->in_image)
            sb_put(&st->source, text, size);
        break;
    case MD_TEXT_NULLCHAR:
        append_text(st, "\xEF\xBF\xBD", 3);
        if (!st->in_image)
            sb_str(&st->source, "\xEF\xBF\xBD");
        break;
    case MD_TEXT_SOFTBR:
        append_text(st, " ", 1);
        if (!st->in_image)
            sb_put(&st->source, " ", 1);
        break;
    case MD_TEXT_BR:
        /* U+2028 LINE SEPARATOR: a forced line break that stays inside the bidi paragraph */
        append_text(st, "\xE2\x80\xA8", 3);
        if (!st->in_image)
            sb_str(&st->source, "\\\n");
        break;
    case MD_TEXT_ENTITY: {
        char enc[8];
        size_t k;
        if (decode_entity(text, size, enc, &k))
            append_text(st, enc, k);
        else
            append_text(st, text, size);
        if (!st->in_image)
            sb_put(&st->source, text, size);
        break;
    }
    case MD_TEXT_HTML:
        if (!st->warned_html) {
            diag(st, CONTENT_WARNING, text, "HTML is not shown on the kiosk; write the text as plain Markdown");
            st->warned_html = true;
        }
        break;
    default:
        break;
    }
    return st->oom ? 1 : 0;
}

/* ---- blocks and spans from md4c ----------------------------------------------------------------- */

static int on_enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
    state *st = ud;
    switch (type) {
    case MD_BLOCK_QUOTE:
        end_block(st);
        if (st->quote_depth++ == 0) {
            st->box_counter++;
            st->box_first = true;
        }
        break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
        end_block(st); /* the text of an item before its sub-list */
        if (st->list_depth == st->list_cap) {
            int cap = st->list_cap ? 2 * st->list_cap : 32;
            struct open_list *g = realloc(st->lists, (size_t)cap * sizeof *g);
            if (!g) {
                st->oom = true;
                break;
            }
            st->lists = g;
            st->list_cap = cap;
        }
        st->lists[st->list_depth].ordered = type == MD_BLOCK_OL;
        st->lists[st->list_depth].next = type == MD_BLOCK_OL ? (int)((MD_BLOCK_OL_DETAIL *)detail)->start : 0;
        st->list_depth++;
        break;
    case MD_BLOCK_LI: {
        end_block(st);
        int k = st->list_depth - 1;
        bool ordered = k >= 0 && st->lists[k].ordered;
        int number = k >= 0 ? st->lists[k].next++ : 0;
        start_block(st, ordered ? CONTENT_STEP : CONTENT_BULLET, st->list_depth, number);
        st->li_fresh = true;
        break;
    }
    case MD_BLOCK_H:
        end_block(st);
        start_block(st, CONTENT_HEADING, (int)((MD_BLOCK_H_DETAIL *)detail)->level, 0);
        break;
    case MD_BLOCK_P:
        if (st->in_block && st->li_fresh && st->text.n == 0)
            break; /* a loose list item's first paragraph is the item itself */
        end_block(st);
        start_block(st, CONTENT_PARAGRAPH, 0, 0);
        break;
    case MD_BLOCK_CODE:
        end_block(st);
        start_block(st, CONTENT_PARAGRAPH, 0, 0);
        st->style = CONTENT_STYLE_CODE;
        break;
    case MD_BLOCK_HTML:
        end_block(st);
        start_block(st, CONTENT_PARAGRAPH, 0, 0);
        break;
    case MD_BLOCK_HR: {
        end_block(st);
        content_block b = {0};
        b.kind = CONTENT_RULE;
        b.line = st->last_line;
        b.text = strdup("");
        b.source = strdup("");
        if (!b.text || !b.source)
            st->oom = true;
        b.box = st->quote_depth ? st->box_counter : 0;
        push_block(st, &b);
        break;
    }
    default:
        break;
    }
    st->li_fresh = type == MD_BLOCK_LI;
    return st->oom ? 1 : 0;
}

static int on_leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
    (void)detail;
    state *st = ud;
    switch (type) {
    case MD_BLOCK_QUOTE:
        end_block(st);
        if (st->quote_depth > 0)
            st->quote_depth--;
        break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
        end_block(st);
        if (st->list_depth > 0)
            st->list_depth--;
        break;
    case MD_BLOCK_LI:
    case MD_BLOCK_H:
    case MD_BLOCK_P:
    case MD_BLOCK_CODE:
    case MD_BLOCK_HTML:
        end_block(st);
        break;
    default:
        break;
    }
    st->li_fresh = false;
    return st->oom ? 1 : 0;
}

static bool is_external(const char *href, size_t n)
{
    static const char *const schemes[] = {"http://", "https://", "mailto:", "tel:"};
    for (size_t i = 0; i < 4; i++) {
        size_t k = strlen(schemes[i]);
        if (n >= k && strncasecmp(href, schemes[i], k) == 0)
            return true;
    }
    return false;
}

static char *attr_dup(const MD_ATTRIBUTE *a)
{
    char *s = malloc(a->size + 1);
    if (s) {
        if (a->size) /* an empty destination, [a](), comes as NULL and 0 */
            memcpy(s, a->text, a->size);
        s[a->size] = 0;
    }
    return s;
}

static int on_enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
    state *st = ud;
    if (!st->in_block)
        start_block(st, CONTENT_PARAGRAPH, 0, 0);
    if (st->in_image)
        return 0; /* markup inside alt text is flattened */
    switch (type) {
    case MD_SPAN_EM:
        close_span(st);
        st->style |= CONTENT_STYLE_EM;
        sb_str(&st->source, "*");
        break;
    case MD_SPAN_STRONG:
        close_span(st);
        st->style |= CONTENT_STYLE_STRONG;
        sb_str(&st->source, "**");
        break;
    case MD_SPAN_CODE:
        close_span(st);
        st->style |= CONTENT_STYLE_CODE;
        sb_str(&st->source, "`");
        break;
    case MD_SPAN_A: {
        MD_SPAN_A_DETAIL *a = detail;
        close_span(st);
        if (st->link_count == st->link_cap) {
            size_t cap = st->link_cap ? st->link_cap * 2 : 4;
            content_link *g = realloc(st->links, cap * sizeof *g);
            if (!g) {
                st->oom = true;
                return 1;
            }
            st->links = g;
            st->link_cap = cap;
        }
        content_link *l = &st->links[st->link_count];
        memset(l, 0, sizeof *l);
        l->href = attr_dup(&a->href);
        if (!l->href) {
            st->oom = true;
            return 1;
        }
        l->external = is_external(l->href, a->href.size);
        l->line = st->last_line;
        if (in_doc(st, a->href.text))
            position(st, a->href.text, &l->line, &l->col);
        st->link = (int)st->link_count++;
        st->style |= CONTENT_STYLE_LINK;
        sb_str(&st->source, "[");
        break;
    }
    case MD_SPAN_IMG: {
        MD_SPAN_IMG_DETAIL *im = detail;
        if (st->image_count == st->image_cap) {
            size_t cap = st->image_cap ? st->image_cap * 2 : 2;
            pending_image *g = realloc(st->images, cap * sizeof *g);
            if (!g) {
                st->oom = true;
                return 1;
            }
            st->images = g;
            st->image_cap = cap;
        }
        pending_image *p = &st->images[st->image_count++];
        memset(p, 0, sizeof *p);
        p->src = attr_dup(&im->src);
        p->line = st->last_line;
        if (in_doc(st, im->src.text)) {
            int col;
            position(st, im->src.text, &p->line, &col);
        }
        if (!p->src)
            st->oom = true;
        st->in_image = true;
        break;
    }
    default:
        break;
    }
    return st->oom ? 1 : 0;
}

static int on_leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
    (void)detail;
    state *st = ud;
    if (type == MD_SPAN_IMG) {
        st->in_image = false;
        return 0;
    }
    if (st->in_image)
        return 0;
    switch (type) {
    case MD_SPAN_EM:
        close_span(st);
        st->style &= (uint8_t)~CONTENT_STYLE_EM;
        sb_str(&st->source, "*");
        break;
    case MD_SPAN_STRONG:
        close_span(st);
        st->style &= (uint8_t)~CONTENT_STYLE_STRONG;
        sb_str(&st->source, "**");
        break;
    case MD_SPAN_CODE:
        close_span(st);
        st->style &= (uint8_t)~CONTENT_STYLE_CODE;
        sb_str(&st->source, "`");
        break;
    case MD_SPAN_A: {
        close_span(st);
        st->style &= (uint8_t)~CONTENT_STYLE_LINK;
        const char *href = st->link >= 0 ? st->links[st->link].href : "";
        bool angle = strpbrk(href, " ()<>") != NULL;
        sb_str(&st->source, angle ? "](<" : "](");
        sb_str(&st->source, href);
        sb_str(&st->source, angle ? ">)" : ")");
        st->link = -1;
        break;
    }
    default:
        break;
    }
    return st->oom ? 1 : 0;
}

static void state_free(state *st)
{
    free(st->text.s);
    free(st->source.s);
    free(st->spans);
    for (size_t i = 0; i < st->link_count; i++)
        free(st->links[i].href);
    free(st->links);
    for (size_t i = 0; i < st->image_count; i++) {
        free(st->images[i].src);
        free(st->images[i].alt.s);
    }
    free(st->images);
    free(st->lists);
}

static const MD_PARSER parser = {
    0,
    /* No raw HTML (staff write text, and a kiosk shows no markup) and no indented code blocks: an
     * indented paragraph from a word processor stays a paragraph. */
    MD_FLAG_NOHTML | MD_FLAG_NOINDENTEDCODEBLOCKS,
    on_enter_block,
    on_leave_block,
    on_enter_span,
    on_leave_span,
    on_text,
    NULL,
    NULL,
};

bool content_markdown_parse(const char *body, size_t len, int first_line, content_page *page, content_diags *d)
{
    /* md4c 0.4.8 (Debian 12) reads one byte past the end of a document that ends inside an
     * unfinished link destination ("[a *b](x." with no newline); tests/fuzz found it. A copy that
     * ends in a newline (which changes nothing in Markdown) keeps every read inside our memory. */
    bool add_newline = len == 0 || body[len - 1] != '\n';
    char *copy = malloc(len + 2);
    if (!copy)
        return false;
    memcpy(copy, body, len);
    size_t copy_len = len;
    if (add_newline)
        copy[copy_len++] = '\n';
    copy[copy_len] = 0;
    state st = {0};
    st.doc = copy;
    st.doc_len = len;
    st.first_line = first_line;
    st.last_line = first_line;
    st.page = page;
    st.d = d;
    st.link = -1;
    int rc = md_parse(copy, (MD_SIZE)copy_len, &parser, &st);
    end_block(&st);
    bool ok = rc == 0 && !st.oom;
    state_free(&st);
    free(copy);
    return ok;
}

bool content_inline_parse(const char *md, size_t len, content_block *out)
{
    content_page tmp = {0};
    if (!content_markdown_parse(md, len, 1, &tmp, NULL)) {
        content_page_free(&tmp);
        return false;
    }
    /* flatten: the blocks' texts joined with a space, spans and links shifted along */
    sbuf text = {0};
    bool ok = true;
    for (size_t i = 0; ok && i < tmp.block_count; i++) {
        content_block *b = &tmp.blocks[i];
        if (b->kind == CONTENT_IMAGE || b->kind == CONTENT_RULE)
            continue;
        if (text.n)
            sb_put(&text, " ", 1);
        uint32_t shift = (uint32_t)text.n;
        size_t link_base = out->link_count;
        if (b->link_count) {
            content_link *g = realloc(out->links, (out->link_count + b->link_count) * sizeof *g);
            if (!g) {
                ok = false;
                break;
            }
            out->links = g;
            memcpy(out->links + out->link_count, b->links, b->link_count * sizeof *g);
            out->link_count += b->link_count;
            free(b->links);
            b->links = NULL;
            b->link_count = 0;
        }
        if (b->span_count) {
            content_span *g = realloc(out->spans, (out->span_count + b->span_count) * sizeof *g);
            if (!g) {
                ok = false;
                break;
            }
            out->spans = g;
            for (size_t k = 0; k < b->span_count; k++) {
                content_span s = b->spans[k];
                s.start += shift;
                s.end += shift;
                if (s.link >= 0)
                    s.link += (int32_t)link_base;
                out->spans[out->span_count++] = s;
            }
        }
        sb_str(&text, b->text);
    }
    content_page_free(&tmp);
    free(out->text);
    out->text = sb_take(&text);
    return ok && out->text != NULL;
}
