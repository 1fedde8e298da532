/* text/linebreak against the Unicode Line Breaking Algorithm's own conformance file (UAX #14,
 * auxiliary/LineBreakTest.txt from the Unicode Character Database, Debian's unicode-data under
 * VK_UNICODE_DIR). Every test line runs through one text_breaker with the root rules; at each position
 * after the first character, '÷' in the file must be a TEXT_BREAK_LINE opportunity and '×' must not.
 * A line passes when every position agrees. The engine uses ICU's rules, which are known not to match
 * the file exactly, so the test asks for at least 99.5% of lines and lists the ones that differ.
 *
 * Observed with ICU 72.1 (Debian 12) against LineBreakTest-15.0.0: 7632 of 7654 lines pass (99.71%).
 * All 22 failures are ICU tailorings that the file's default rules do not have; none involve
 * regional indicators or emoji (LB 30a/30b):
 *   - Hyphen before a letter at the start of the text, 8 lines (2265, 2267, 2421-2431 odd): the file
 *     breaks HY ÷ AL by LB 31 ("[999.0]", with AI, XX, SA and '#' resolving to AL by LB 1, and with or
 *     without a CM after the hyphen); ICU keeps "-a" together ("don't break between hyphens and letters
 *     when a break precedes the hyphen", ICU-8151; UAX #14 adopted it later as LB 20a).
 *   - A full stop or comma (IS) before a digit that does not follow a number, 14 lines (2873, 2875,
 *     7477, 7576-7581, 7583-7587): the file breaks IS ÷ NU by LB 31 ("[999.0]"), because its LB 25
 *     (UAX #14 section 8.2, example 7) only joins IS to NU after a digit; ICU keeps ".35" and "a.2"
 *     together. Line 7477 ("equals .35 cents") also differs before the '.': the file says SP × IS
 *     (LB 13, "[13.02]"), ICU breaks before a number with a leading decimal point (ICU's tailoring,
 *     which later versions of UAX #14 adopted as LB 15c). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text/linebreak.h"

enum { MAX_REPORTED = 25 };

#define BREAK_MARK "\xC3\xB7"    /* U+00F7 DIVISION SIGN: a break opportunity */
#define NO_BREAK_MARK "\xC3\x97" /* U+00D7 MULTIPLICATION SIGN: no break */

/* Growable buffers reused for every line. want[i] is the file's verdict for the position before
 * text[i], want[n] for the end. */
typedef struct lb_case {
    size_t cap;
    size_t n;
    uint32_t *text;
    uint8_t *want;
    uint8_t *flags;
} lb_case;

static int grow(lb_case *c, size_t need)
{
    if (need <= c->cap)
        return 1;
    size_t cap = c->cap ? c->cap : 64;
    while (cap < need)
        cap *= 2;
    uint32_t *text = realloc(c->text, cap * sizeof *text);
    if (text)
        c->text = text;
    uint8_t *want = realloc(c->want, cap + 1);
    if (want)
        c->want = want;
    uint8_t *flags = realloc(c->flags, cap + 1);
    if (flags)
        c->flags = flags;
    if (!text || !want || !flags)
        return 0;
    c->cap = cap;
    return 1;
}

/* Parses "÷|× (hex ÷|×)+" up to the '#'. Returns 0 on a malformed line. */
static int parse_case(const char *s, lb_case *c)
{
    size_t marks = 0;
    c->n = 0;
    for (;;) {
        while (*s == ' ' || *s == '\t')
            s++;
        if (*s == '#' || *s == '\0' || *s == '\n' || *s == '\r')
            break;
        int mark;
        if (strncmp(s, BREAK_MARK, 2) == 0)
            mark = 1;
        else if (strncmp(s, NO_BREAK_MARK, 2) == 0)
            mark = 0;
        else
            mark = -1;
        if (mark >= 0) {
            if (marks != c->n || !grow(c, c->n + 1))
                return 0;
            c->want[marks++] = (uint8_t)mark;
            s += 2;
            continue;
        }
        char *end;
        errno = 0;
        unsigned long cp = strtoul(s, &end, 16);
        if (end == s || errno || cp > 0x10FFFF || marks != c->n + 1 || !grow(c, c->n + 1))
            return 0;
        c->text[c->n++] = (uint32_t)cp;
        s = end;
    }
    /* One mark before each code point and one at the end; the last is always a break (LB3). */
    return c->n > 0 && marks == c->n + 1 && c->want[c->n] == 1;
}

/* The rule the file's comment names for position pos ("× [0.3] NAME (AL) ÷ [18.0] ..."): the comment
 * has one mark per position, each followed by its rule in brackets. Writes "?" when it cannot tell. */
static void rule_at(const char *comment, size_t pos, char *out, size_t size)
{
    snprintf(out, size, "?");
    if (!comment)
        return;
    size_t k = 0;
    for (const char *s = comment; *s; s++) {
        if (strncmp(s, BREAK_MARK, 2) != 0 && strncmp(s, NO_BREAK_MARK, 2) != 0)
            continue;
        if (k++ != pos) {
            s++;
            continue;
        }
        const char *open = strchr(s, '[');
        const char *close = open ? strchr(open, ']') : NULL;
        if (close)
            snprintf(out, size, "%.*s", (int)(close - open - 1), open + 1);
        return;
    }
}

static void report_failure(long lineno, const char *line, const lb_case *c)
{
    const char *comment = strchr(line, '#');
    fprintf(stderr, "LineBreakTest.txt:%ld:", lineno);
    for (size_t i = 0; i < c->n; i++)
        fprintf(stderr, " %04X", c->text[i]);
    fputc('\n', stderr);
    for (size_t i = 1; i <= c->n; i++) {
        int got = (c->flags[i] & TEXT_BREAK_LINE) != 0;
        if (got == c->want[i])
            continue;
        char rule[32];
        rule_at(comment, i, rule, sizeof rule);
        fprintf(stderr, "    before %zu: want %s [%s], got %s\n", i, c->want[i] ? "break" : "no break",
                rule, got ? "break" : "no break");
    }
    if (comment) {
        comment++;
        while (*comment == ' ' || *comment == '\t')
            comment++;
        fprintf(stderr, "    # %s", comment);
        if (!strchr(comment, '\n'))
            fputc('\n', stderr);
    }
}

static void matches_line_break_test(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/auxiliary/LineBreakTest.txt", check_env("VK_UNICODE_DIR"));
    FILE *f = fopen(path, "r");
    CHECK(f != NULL, "cannot open %s: %s", path, strerror(errno));
    if (!f)
        return;
    vk_error err = {0};
    text_breaker *br = text_breaker_new("", &err);
    CHECK(br != NULL, "text_breaker_new: %s", err.msg);
    if (!br) {
        fclose(f);
        return;
    }

    lb_case c = {0};
    char *line = NULL;
    size_t line_cap = 0;
    long lineno = 0, cases = 0, malformed = 0, errors = 0, failed = 0;
    while (getline(&line, &line_cap, f) != -1) {
        lineno++;
        const char *s = line;
        while (*s == ' ' || *s == '\t')
            s++;
        if (*s == '#' || *s == '\n' || *s == '\r' || *s == '\0')
            continue;
        if (!parse_case(s, &c)) {
            if (malformed++ < MAX_REPORTED)
                fprintf(stderr, "LineBreakTest.txt:%ld: cannot parse: %s", lineno, line);
            continue;
        }
        cases++;
        if (!text_breaker_analyze(br, c.text, c.n, c.flags, &err)) {
            if (errors++ < MAX_REPORTED)
                fprintf(stderr, "LineBreakTest.txt:%ld: text_breaker_analyze: %s\n", lineno, err.msg);
            continue;
        }
        /* Position 0 (before the first character) is not a line break opportunity in the engine's
         * model, whatever the file's start-of-text mark says, so it is not compared. */
        int ok = 1;
        for (size_t i = 1; i <= c.n; i++)
            if (((c.flags[i] & TEXT_BREAK_LINE) != 0) != c.want[i])
                ok = 0;
        if (!ok && failed++ < MAX_REPORTED)
            report_failure(lineno, line, &c);
    }
    fclose(f);
    free(line);
    free(c.text);
    free(c.want);
    free(c.flags);
    text_breaker_free(br);

    long passed = cases - failed - errors;
    double pct = cases ? 100.0 * (double)passed / (double)cases : 0.0;
    printf("LineBreakTest: %ld of %ld lines pass (%.2f%%)\n", passed, cases, pct);
    if (failed > MAX_REPORTED)
        printf("    (first %d failing lines listed on stderr)\n", MAX_REPORTED);

    CHECK(malformed == 0, "%ld lines of %s could not be parsed", malformed, path);
    CHECK(errors == 0, "the breaker failed on %ld lines", errors);
    CHECK(cases > 0, "%s holds no test lines", path);
    /* 99.5% of lines, in integers: ICU's known differences are about 0.3%. */
    CHECK(passed * 1000 >= cases * 995, "only %ld of %ld lines pass (%.2f%%), want at least 99.5%%",
          passed, cases, pct);
}

int main(void)
{
    RUN(matches_line_break_test);
    return check_done();
}
