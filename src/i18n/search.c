/* Search in the content: see search.h.
 *
 * Normalisation works in ICU's UTF-16: Unicode default case folding (u_strFoldCase, full folding, so
 * "ß" finds "ss"), then NFD (UAX #15) so every accent is a separate combining mark we can keep or drop
 * by the script of the letter it sits on, then the per-script rules of search.h, then NFC again so the
 * marks we keep (Cyrillic й ї ё) are one code point as the keyboard types them. Danish å is caught
 * after NFD as "a" + U+030A COMBINING RING ABOVE, which also covers text that arrives decomposed; æ and
 * ø have no decomposition and are mapped as letters.
 *
 * The index is two arenas: the shown sentences, and their normalised text, each written as " words\0"
 * so every word of the arena starts after a space. A query word is then found as a prefix of a word by
 * one scan of the arena per query word for " word" (memmem), with the sentence of each hit found by
 * walking the sentence table alongside: no per-query allocation beyond a mask per sentence and per page.
 *
 * Sentences come from ICU's sentence break iterator (UAX #29). The index knows languages by number,
 * not by code, so it opens the root rules: ICU 72 has no sentence tailoring for da, en, ar, ti (nor
 * fa, uk, so); ubrk_getLocaleByType reports "root" as the actual locale for each, only "el" differs.
 */
#define _GNU_SOURCE /* memmem */
#include "i18n/search.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>

/* ---- normalisation -------------------------------------------------------------------------------- */

/* Format characters that join what is around them: bidi marks, embeddings and isolates (UAX #9),
 * soft hyphen, ZWNJ/ZWJ, word joiner, BOM, and the Arabic tatweel (a letter-like stretcher, Lm). */
static bool dropped_char(UChar32 c)
{
    return c == 0x00AD || c == 0x0640 || (c >= 0x200C && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
           c == 0x2060 || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

/* Marks dropped whatever letter they sit on: Arabic tashkeel and the hamza and madda that NFD splits
 * off أ إ آ ؤ ئ (U+0653-U+0655), the superscript alef; Ethiopic gemination and vowel-length marks. */
static bool dropped_mark(UChar32 c)
{
    return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x135D && c <= 0x135F);
}

/* Ethiopic: each consonant is a row of the syllabary in its vowel orders (ሰ ሱ ሲ ሳ ሴ ስ ሶ, then the
 * labialised ሷ), rows 8 code points wide and 8-aligned in U+1200-U+1357 and U+2DA0-U+2DDF (where the
 * labialised consonants such as ቈ QWA have rows of their own), 4 wide in the Sebatbeit forms of
 * U+1380-U+138F. U+1358-U+135A (ፘ ፙ ፚ) are three consonants, each alone. */
static UChar32 ethiopic_consonant(UChar32 c)
{
    if ((c >= 0x1200 && c <= 0x1357) || (c >= 0x2DA0 && c <= 0x2DDF))
        return c & ~(UChar32)7;
    if (c >= 0x1380 && c <= 0x138F)
        return c & ~(UChar32)3;
    return c;
}

static UChar32 fold_letter(UChar32 c)
{
    switch (c) {
    case 0x0671: /* ٱ alef wasla (أ إ آ lose their hamza or madda as marks) */
        return 0x0627;
    case 0x0629: /* ة teh marbuta */
        return 0x0647;
    case 0x0649: /* ى alef maksura */
    case 0x06CC: /* Persian ی */
        return 0x064A;
    case 0x06A9: /* Persian ک */
        return 0x0643;
    }
    return ethiopic_consonant(c);
}

static bool is_latin(UChar32 c)
{
    if (c < 0x80)
        return (c | 32) >= 'a' && (c | 32) <= 'z';
    UErrorCode st = U_ZERO_ERROR;
    return uscript_getScript(c, &st) == USCRIPT_LATIN;
}

/* dst receives the normalisation of src (two calls when the first guess is short). */
static UChar *normalize16(const UNormalizer2 *nz, const UChar *src, int32_t n, int32_t *out_n)
{
    int32_t cap = n + n / 2 + 16;
    for (int attempt = 0; attempt < 2; attempt++) {
        UChar *d = malloc((size_t)cap * sizeof *d);
        if (!d)
            return NULL;
        UErrorCode st = U_ZERO_ERROR;
        int32_t len = unorm2_normalize(nz, src, n, d, cap, &st);
        if (st == U_BUFFER_OVERFLOW_ERROR) {
            free(d);
            cap = len + 1;
            continue;
        }
        if (U_FAILURE(st)) {
            free(d);
            return NULL;
        }
        *out_n = len;
        return d;
    }
    return NULL;
}

/* The per-script rules on case-folded NFD text; every run of separators becomes one space, none at
 * either end. dst has room for 2n units (æ -> ae doubles a unit at most). */
static int32_t apply_rules(const UChar *s, int32_t n, UChar *dst)
{
    int32_t o = 0;
    bool space = false, latin_base = false, a_base = false;
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U16_NEXT(s, i, n, c);
        if (dropped_char(c))
            continue;
        int8_t t = u_charType(c);
        UChar32 put[2] = {c, -1};
        if (t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK) {
            if (dropped_mark(c))
                continue;
            if (latin_base) {
                /* å = a + ring above: Danish writes it "aa" where the letter is missing */
                if (c != 0x030A || !a_base)
                    continue;
                put[0] = 'a';
            }
        } else if (t >= U_UPPERCASE_LETTER && t <= U_OTHER_LETTER) {
            if (c == 0x00E6 || c == 0x00F8) { /* æ ø */
                put[0] = c == 0x00E6 ? 'a' : 'o';
                put[1] = 'e';
            } else {
                put[0] = fold_letter(c);
            }
            latin_base = is_latin(c);
            a_base = c == 'a';
        } else if (t == U_DECIMAL_DIGIT_NUMBER) {
            put[0] = '0' + u_charDigitValue(c);
            latin_base = a_base = false;
        } else if (t == U_LETTER_NUMBER || t == U_OTHER_NUMBER) {
            latin_base = a_base = false;
        } else { /* punctuation, symbols, spaces, controls: a word ends */
            space = o > 0;
            latin_base = a_base = false;
            continue;
        }
        if (space) {
            dst[o++] = ' ';
            space = false;
        }
        for (int k = 0; k < 2 && put[k] >= 0; k++)
            U16_APPEND_UNSAFE(dst, o, put[k]);
    }
    return o;
}

char *search_normalize(const char *text)
{
    if (!text)
        text = "";
    size_t len = strlen(text);
    if (len > INT32_MAX / 8)
        return NULL; /* beyond ICU's int32_t lengths after folding; far beyond any page */
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
    if (U_FAILURE(st))
        return NULL;
    UChar *a = NULL, *b = NULL, *c = NULL, *d = NULL;
    char *out = NULL;
    int32_t n = 0, m = 0;
    /* UTF-8 -> UTF-16 never has more units than bytes; ill-formed bytes become U+FFFD (a separator) */
    a = malloc((len + 1) * sizeof *a);
    if (!a)
        goto done;
    u_strFromUTF8WithSub(a, (int32_t)len + 1, &n, text, (int32_t)len, 0xFFFD, NULL, &st);
    if (U_FAILURE(st))
        goto done;
    /* full case folding expands a unit to at most 3 (Unicode CaseFolding.txt, status F) */
    b = malloc(((size_t)n * 3 + 1) * sizeof *b);
    if (!b)
        goto done;
    n = u_strFoldCase(b, n * 3 + 1, a, n, U_FOLD_CASE_DEFAULT, &st);
    if (U_FAILURE(st) || !(c = normalize16(nfd, b, n, &m)))
        goto done;
    free(b);
    b = malloc(((size_t)m * 2 + 1) * sizeof *b);
    if (!b)
        goto done;
    m = apply_rules(c, m, b);
    if (!(d = normalize16(nfc, b, m, &n)))
        goto done;
    out = malloc((size_t)n * 3 + 1);
    if (!out)
        goto done;
    int32_t bytes = 0;
    u_strToUTF8(out, n * 3 + 1, &bytes, d, n, &st);
    if (U_FAILURE(st)) {
        free(out);
        out = NULL;
        goto done;
    }
    out[bytes] = 0;
done:
    free(a);
    free(b);
    free(c);
    free(d);
    return out;
}

/* ---- the index ------------------------------------------------------------------------------------ */

enum { KIND_TITLE, KIND_SUMMARY, KIND_HEADING, KIND_TEXT, KIND_TERM };

typedef struct sentence {
    size_t norm;  /* offset of " words\0" in ix->norm */
    size_t shown; /* offset of the sentence as shown in ix->shown */
    int owner;    /* index of its page, or -1 - k for glossary term k */
    int lang;
    int kind;
} sentence;

struct search_index {
    const content_tree *tree;
    int lang, source_lang;
    sentence *sents;
    size_t count, cap;
    char *norm, *shown;
    size_t norm_len, norm_cap, shown_len, shown_cap;
    size_t *term_pages; /* the pages of each term, term after term */
    size_t term_pages_len, term_pages_cap;
    size_t *term_first, *term_count; /* per term of the tree: its stretch of term_pages */
};

static bool reserve(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return true;
    size_t c = *cap ? *cap : 256;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * size);
    if (!q)
        return false;
    *p = q;
    *cap = c;
    return true;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Arabic joins its little words to the next: و (and), ف, ب (with), ل (for), ك (like), and the
 * article ال, alone or after one of those. The article prefixes of normalised Arabic, longest first. */
static const char *const arabic_articles[] = {"\xD9\x88\xD8\xA7\xD9\x84", "\xD8\xA8\xD8\xA7\xD9\x84",
                                              "\xD9\x83\xD8\xA7\xD9\x84", "\xD9\x81\xD8\xA7\xD9\x84",
                                              "\xD9\x84\xD9\x84", "\xD8\xA7\xD9\x84"};
static const char *const arabic_particles[] = {"\xD9\x88", "\xD9\x81", "\xD8\xA8", "\xD9\x84", "\xD9\x83"};

/* Whether w (one word, len bytes) is Arabic letters only (two-byte UTF-8, U+0600..U+06FF). */
static bool arabic_word(const char *w, size_t len)
{
    if (len < 2 || len % 2)
        return false;
    for (size_t i = 0; i < len; i += 2)
        if ((unsigned char)w[i] < 0xD8 || (unsigned char)w[i] > 0xDB)
            return false;
    return true;
}

/* The bytes of w's prefix to drop (the article, with or without a particle; or a lone particle when
 * particles is set), leaving at least three letters; 0 when there is none. */
static size_t arabic_prefix(const char *w, size_t len, bool particles)
{
    if (!arabic_word(w, len))
        return 0;
    for (size_t i = 0; i < sizeof arabic_articles / sizeof *arabic_articles; i++) {
        size_t k = strlen(arabic_articles[i]);
        if (len >= k + 6 && memcmp(w, arabic_articles[i], k) == 0)
            return k;
    }
    for (size_t i = 0; particles && i < sizeof arabic_particles / sizeof *arabic_particles; i++)
        if (len >= 2 + 6 && memcmp(w, arabic_particles[i], 2) == 0)
            return 2;
    return 0;
}

/* norm, followed by the stem of each of its Arabic words that carries a prefix ("والمدرسه" also as
 * "مدرسه"), so that a word typed without its little words finds the text that has them. NULL when
 * memory runs out; norm itself is not freed. */
static char *with_arabic_stems(const char *norm)
{
    size_t n = strlen(norm), cap = n * 2 + 1, used = n;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    memcpy(out, norm, n + 1);
    for (const char *w = norm; *w;) {
        size_t len = strcspn(w, " ");
        size_t drop = arabic_prefix(w, len, true);
        if (drop && used + 1 + len - drop < cap) {
            out[used++] = ' ';
            memcpy(out + used, w + drop, len - drop);
            used += len - drop;
            out[used] = 0;
        }
        w += len;
        while (*w == ' ')
            w++;
    }
    return out;
}

/* Adds s[0..n) as one sentence: copied as shown, normalised for matching. False when memory runs out. */
static bool add_sentence(search_index *ix, const char *s, size_t n, int owner, int lang, int kind)
{
    while (n && is_blank(*s))
        s++, n--;
    while (n && is_blank(s[n - 1]))
        n--;
    if (!n)
        return true;
    if (!reserve((void **)&ix->shown, &ix->shown_cap, ix->shown_len + n + 1, 1))
        return false;
    size_t shown = ix->shown_len;
    memcpy(ix->shown + shown, s, n);
    ix->shown[shown + n] = 0;
    char *plain = search_normalize(ix->shown + shown);
    char *norm = plain ? with_arabic_stems(plain) : NULL;
    free(plain);
    if (!norm)
        return false;
    size_t nl = strlen(norm);
    if (nl == 0) { /* punctuation only: nothing to find */
        free(norm);
        return true;
    }
    if (!reserve((void **)&ix->norm, &ix->norm_cap, ix->norm_len + nl + 2, 1) ||
        !reserve((void **)&ix->sents, &ix->cap, ix->count + 1, sizeof *ix->sents)) {
        free(norm);
        return false;
    }
    ix->shown_len += n + 1;
    ix->sents[ix->count++] = (sentence){ix->norm_len, shown, owner, lang, kind};
    ix->norm[ix->norm_len] = ' ';
    memcpy(ix->norm + ix->norm_len + 1, norm, nl + 1);
    ix->norm_len += nl + 2;
    free(norm);
    return true;
}

/* Adds text sentence by sentence (UAX #29 through ICU), or whole for a title or a term. */
static bool add_text(search_index *ix, UBreakIterator *bi, const char *text, int owner, int lang, int kind, bool split)
{
    if (!text || !*text)
        return true;
    size_t n = strlen(text);
    if (!split || n > INT32_MAX)
        return add_sentence(ix, text, n, owner, lang, kind);
    UErrorCode st = U_ZERO_ERROR;
    /* over UTF-8 the iterator's positions are byte offsets (UText native indices) */
    UText *ut = utext_openUTF8(NULL, text, (int64_t)n, &st);
    ubrk_setUText(bi, ut, &st);
    if (U_FAILURE(st)) {
        utext_close(ut);
        return st != U_MEMORY_ALLOCATION_ERROR && add_sentence(ix, text, n, owner, lang, kind);
    }
    bool ok = true;
    int32_t a = ubrk_first(bi);
    for (int32_t e; ok && (e = ubrk_next(bi)) != UBRK_DONE; a = e)
        ok = add_sentence(ix, text + a, (size_t)(e - a), owner, lang, kind);
    utext_close(ut);
    return ok;
}

static bool text_block(const content_block *b)
{
    return b->kind == CONTENT_HEADING || b->kind == CONTENT_PARAGRAPH || b->kind == CONTENT_BULLET ||
           b->kind == CONTENT_STEP;
}

/* The page in the reader's language (through the chain, as the kiosk shows it), then in the source
 * language wherever that is not what the reader already sees. */
static bool add_page(search_index *ix, UBreakIterator *bi, const i18n_content_chain *chain, size_t pi)
{
    const content_page *p = &ix->tree->pages[pi];
    int src = ix->source_lang, owner = (int)pi;
    i18n_page *lp = NULL;
    int summary_lang = src;
    bool ok = true;
    if (chain) {
        if (!(lp = i18n_page_localize(p, chain, ix->lang)))
            return false;
        ok = add_text(ix, bi, lp->title, owner, lp->title_lang, KIND_TITLE, false);
        if (ok && p->summary) {
            const char *s = i18n_content_text(chain, p->summary, &summary_lang);
            ok = add_text(ix, bi, s, owner, summary_lang, KIND_SUMMARY, true);
        }
        for (size_t b = 0; ok && b < lp->block_count; b++) {
            const i18n_block *blk = &lp->blocks[b];
            if (text_block(blk->source))
                ok = add_text(ix, bi, blk->shown.text, owner, blk->lang,
                              blk->source->kind == CONTENT_HEADING ? KIND_HEADING : KIND_TEXT, true);
        }
    }
    if (ok && (!lp || lp->title_lang != src))
        ok = add_text(ix, bi, p->title, owner, src, KIND_TITLE, false);
    if (ok && p->summary && (!lp || summary_lang != src))
        ok = add_text(ix, bi, p->summary, owner, src, KIND_SUMMARY, true);
    for (size_t b = 0; ok && b < p->block_count; b++) {
        const content_block *blk = &p->blocks[b];
        if (text_block(blk) && (!lp || lp->blocks[b].lang != src))
            ok = add_text(ix, bi, blk->text, owner, src, blk->kind == CONTENT_HEADING ? KIND_HEADING : KIND_TEXT, true);
    }
    i18n_page_free(lp);
    return ok;
}

/* Calls hit(ctx, sentence, exact) for each word of the arena's first `len` bytes that starts with the
 * word of needle, written " word" (nl bytes): exact when the word is no longer. The sentence table is
 * walked alongside the scan. An arena ends with a sentence's NUL, so p[nl] is always inside it. */
static void scan(const search_index *ix, size_t len, const char *needle, size_t nl,
                 void (*hit)(void *ctx, size_t s, bool exact), void *ctx)
{
    const char *base = ix->norm, *p = base, *end = base + len;
    size_t si = 0;
    while (p < end && (p = memmem(p, (size_t)(end - p), needle, nl)) != NULL) {
        size_t at = (size_t)(p - base);
        while (si + 1 < ix->count && ix->sents[si + 1].norm <= at)
            si++;
        hit(ctx, si, p[nl] == ' ' || p[nl] == 0);
        p += nl;
    }
}

typedef struct term_scan {
    const search_index *ix;
    bool *seen; /* per page */
} term_scan;

static void term_hit(void *ctx, size_t s, bool exact)
{
    (void)exact;
    term_scan *t = ctx;
    int owner = t->ix->sents[s].owner;
    if (owner >= 0)
        t->seen[owner] = true;
}

/* A glossary word leads to the pages that use it: those where it starts a word in either language (a
 * translation keeps the Danish word, often in brackets), so "afgørelse" also finds "afgørelsen". */
static bool add_terms(search_index *ix, UBreakIterator *bi, const i18n_content_chain *chain)
{
    const content_tree *tree = ix->tree;
    if (tree->term_count == 0)
        return true;
    ix->term_first = calloc(tree->term_count, sizeof *ix->term_first);
    ix->term_count = calloc(tree->term_count, sizeof *ix->term_count);
    bool *seen = malloc(tree->page_count ? tree->page_count : 1);
    bool ok = ix->term_first && ix->term_count && seen;
    size_t page_text = ix->norm_len; /* the terms' own sentences are not pages that use them */
    for (size_t k = 0; ok && k < tree->term_count; k++) {
        const content_term *term = &tree->terms[k];
        char *t = search_normalize(term->term), *needle = t ? malloc(strlen(t) + 2) : NULL;
        if (!needle) {
            free(t);
            ok = false;
            break;
        }
        memset(seen, 0, tree->page_count);
        term_scan ts = {ix, seen};
        needle[0] = ' ';
        memcpy(needle + 1, t, strlen(t) + 1);
        if (*t)
            scan(ix, page_text, needle, strlen(needle), term_hit, &ts);
        free(t);
        free(needle);
        ix->term_first[k] = ix->term_pages_len;
        for (size_t p = 0; ok && p < tree->page_count; p++) {
            if (!seen[p])
                continue;
            ok = reserve((void **)&ix->term_pages, &ix->term_pages_cap, ix->term_pages_len + 1, sizeof *ix->term_pages);
            if (ok)
                ix->term_pages[ix->term_pages_len++] = p;
        }
        ix->term_count[k] = ix->term_pages_len - ix->term_first[k];
        if (!ok || ix->term_count[k] == 0)
            continue;
        int el = ix->source_lang;
        const char *expl = chain && term->explanation ? i18n_content_text(chain, term->explanation, &el) : term->explanation;
        ok = add_text(ix, bi, term->term, -1 - (int)k, ix->source_lang, KIND_TERM, false) &&
             add_text(ix, bi, expl, -1 - (int)k, el, KIND_TERM, true);
    }
    free(seen);
    return ok;
}

search_index *search_index_build(const content_tree *tree, const i18n_content_chain *chain, int lang)
{
    if (!tree)
        return NULL;
    search_index *ix = calloc(1, sizeof *ix);
    if (!ix)
        return NULL;
    ix->tree = tree;
    ix->lang = lang;
    ix->source_lang = chain ? chain->source_lang : lang;
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, "", NULL, 0, &st);
    bool ok = U_SUCCESS(st);
    for (size_t i = 0; ok && i < tree->page_count; i++)
        ok = add_page(ix, bi, chain, i);
    ok = ok && add_terms(ix, bi, chain);
    if (bi)
        ubrk_close(bi);
    if (!ok) {
        search_index_free(ix);
        return NULL;
    }
    return ix;
}

void search_index_free(search_index *ix)
{
    if (!ix)
        return;
    free(ix->sents);
    free(ix->norm);
    free(ix->shown);
    free(ix->term_pages);
    free(ix->term_first);
    free(ix->term_count);
    free(ix);
}

/* ---- the query ------------------------------------------------------------------------------------ */

#define MAX_WORDS 32 /* words of a query beyond this are not required: one bit each in a mask */

typedef struct word_scan {
    uint32_t *mask, *exact; /* per sentence */
    uint32_t bit;
} word_scan;

static void word_hit(void *ctx, size_t s, bool exact)
{
    word_scan *w = ctx;
    w->mask[s] |= w->bit;
    if (exact)
        w->exact[s] |= w->bit;
}

static int bits(uint32_t m)
{
    int n = 0;
    for (; m; m &= m - 1)
        n++;
    return n;
}

/* Lexicographic in one int: title, then words of the query in the sentence, then its language (the
 * reader's, a fallback's, the source's), then words matched whole rather than as a prefix, then the
 * kind of text (summary, heading, body, glossary). */
static int sentence_score(const search_index *ix, const sentence *s, uint32_t mask, uint32_t exact)
{
    int lang = s->lang == ix->lang ? 2 : s->lang != ix->source_lang ? 1 : 0;
    int whole = bits(exact) > 15 ? 15 : bits(exact);
    static const int kind_rank[] = {4, 3, 2, 1, 0};
    return (s->kind == KIND_TITLE) << 20 | bits(mask) << 12 | lang << 8 | whole << 4 | kind_rank[s->kind];
}

typedef struct candidate {
    size_t page;
    size_t sentence;
    int score;
} candidate;

static int by_score(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->page < y->page ? -1 : x->page > y->page;
}

size_t search_query(const search_index *ix, const char *query, search_result *out, size_t max)
{
    if (!ix || !query || !out || max == 0 || ix->count == 0)
        return 0;
    char *norm = search_normalize(query), *q = norm ? malloc(strlen(norm) + 2) : NULL;
    if (q) {
        /* an Arabic word typed with its article finds the text without it too: the article goes */
        size_t used = 1;
        q[0] = ' ';
        for (const char *w = norm; *w;) {
            size_t len = strcspn(w, " ");
            size_t drop = arabic_prefix(w, len, false);
            memcpy(q + used, w + drop, len - drop);
            used += len - drop;
            w += len;
            while (*w == ' ')
                w++;
            if (*w)
                q[used++] = ' ';
        }
        q[used] = 0;
    }
    free(norm);
    if (!q)
        return 0;
    /* each word as " word", the space before it being the one q already has */
    const char *words[MAX_WORDS];
    size_t lens[MAX_WORDS], nw = 0;
    for (char *w = q; w[0] == ' ' && w[1] && nw < MAX_WORDS;) {
        char *e = strchr(w + 1, ' ');
        size_t l = e ? (size_t)(e - w) : strlen(w);
        words[nw] = w;
        lens[nw++] = l;
        w += l;
    }
    size_t np = ix->tree->page_count, found = 0;
    uint32_t *mask = calloc(ix->count, sizeof *mask), *exact = calloc(ix->count, sizeof *exact);
    uint32_t *page_mask = calloc(np ? np : 1, sizeof *page_mask);
    candidate *best = calloc(np ? np : 1, sizeof *best);
    if (nw == 0 || !mask || !exact || !page_mask || !best)
        goto done;
    for (size_t k = 0; k < nw; k++) {
        word_scan ws = {mask, exact, (uint32_t)1 << k};
        scan(ix, ix->norm_len, words[k], lens[k], word_hit, &ws);
    }
    for (size_t p = 0; p < np; p++)
        best[p] = (candidate){p, 0, -1};
    for (size_t s = 0; s < ix->count; s++) {
        if (!mask[s])
            continue;
        const sentence *se = &ix->sents[s];
        int score = sentence_score(ix, se, mask[s], exact[s]);
        size_t first = (size_t)se->owner, count = 1;
        const size_t *pages = &first;
        if (se->owner < 0) {
            size_t k = (size_t)(-1 - se->owner);
            pages = ix->term_pages + ix->term_first[k];
            count = ix->term_count[k];
        }
        for (size_t i = 0; i < count; i++) {
            size_t p = pages[i];
            page_mask[p] |= mask[s];
            if (score > best[p].score)
                best[p] = (candidate){p, s, score};
        }
    }
    uint32_t all = nw == 32 ? UINT32_MAX : ((uint32_t)1 << nw) - 1;
    size_t n = 0;
    for (size_t p = 0; p < np; p++)
        if (page_mask[p] == all)
            best[n++] = best[p];
    qsort(best, n, sizeof *best, by_score);
    for (; found < n && found < max; found++) {
        const sentence *se = &ix->sents[best[found].sentence];
        out[found] = (search_result){&ix->tree->pages[best[found].page], ix->shown + se->shown, se->lang,
                                     best[found].score};
    }
done:
    free(q);
    free(mask);
    free(exact);
    free(page_mask);
    free(best);
    return found;
}
