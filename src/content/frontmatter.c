/* Front matter through libyaml's event parser: see frontmatter.h. */
#include "content/frontmatter.h"

#include <stdlib.h>
#include <string.h>

#include <yaml.h>

static bool is_fence(const char *s, size_t n)
{
    /* "---" followed by optional spaces and the line's end */
    if (n < 3 || memcmp(s, "---", 3) != 0)
        return false;
    for (size_t i = 3; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

bool content_frontmatter_split(const char *text, size_t len, size_t *yaml, size_t *yaml_len, size_t *body,
                               int *body_line, bool *unclosed)
{
    *unclosed = false;
    size_t eol = 0;
    while (eol < len && text[eol] != '\n')
        eol++;
    if (!is_fence(text, eol))
        return false;
    size_t start = eol < len ? eol + 1 : len;
    int line = 2;
    for (size_t p = start; p < len;) {
        size_t e = p;
        while (e < len && text[e] != '\n')
            e++;
        if (is_fence(text + p, e - p)) {
            *yaml = start;
            *yaml_len = p - start;
            *body = e < len ? e + 1 : len;
            *body_line = line + 1;
            return true;
        }
        p = e + 1;
        line++;
    }
    *unclosed = true;
    return false;
}

void content_meta_free(content_meta *m)
{
    for (size_t i = 0; i < m->count; i++) {
        free(m->items[i].key);
        free(m->items[i].value);
    }
    free(m->items);
    memset(m, 0, sizeof *m);
}

static char *dup_scalar(const yaml_event_t *e)
{
    size_t n = e->data.scalar.length;
    char *s = malloc(n + 1);
    if (s) {
        memcpy(s, e->data.scalar.value, n);
        s[n] = 0;
    }
    return s;
}

bool content_frontmatter_parse(const char *yaml, size_t len, int first_line, const char *file, content_meta *out,
                               content_diags *d)
{
    memset(out, 0, sizeof *out);
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        return false;
    yaml_parser_set_input_string(&p, (const unsigned char *)yaml, len);
    bool ok = true, done = false;
    int depth = 0; /* 1 inside the top mapping */
    char *key = NULL;
    int key_line = 0;
    while (ok && !done) {
        yaml_event_t e;
        if (!yaml_parser_parse(&p, &e)) {
            int line = first_line + (int)p.problem_mark.line;
            /* libyaml's words, with the usual cause spelled out where we know it */
            const char *hint = "";
            if (p.problem && strstr(p.problem, "mapping values are not allowed"))
                hint = " (a value that contains ': ' must be put in quotes: title: \"Klage: sådan gør du\")";
            content_diag_add(d, CONTENT_ERROR, file, line, (int)p.problem_mark.column + 1,
                             "the front matter is not valid YAML: %s%s%s%s", p.problem ? p.problem : "syntax error",
                             p.context ? " " : "", p.context ? p.context : "", hint);
            ok = false;
            break;
        }
        int line = first_line + (int)e.start_mark.line;
        switch (e.type) {
        case YAML_STREAM_END_EVENT:
            done = true;
            break;
        case YAML_MAPPING_START_EVENT:
            if (depth == 0 && !key) {
                depth = 1;
            } else {
                content_diag_add(d, CONTENT_ERROR, file, line, 0,
                                 "'%s' must be a single value on one line, not a list of keys", key ? key : "?");
                ok = false;
            }
            break;
        case YAML_SEQUENCE_START_EVENT:
            content_diag_add(d, CONTENT_ERROR, file, line, 0,
                             depth ? "'%s' must be a single value, not a list" : "the front matter must be lines of 'key: value'%s",
                             key ? key : "");
            ok = false;
            break;
        case YAML_MAPPING_END_EVENT:
            depth = 0;
            break;
        case YAML_SCALAR_EVENT:
            if (depth == 0) {
                if (e.data.scalar.length > 0) {
                    content_diag_add(d, CONTENT_ERROR, file, line, 0,
                                     "the front matter must be lines of 'key: value' (this line has no colon)");
                    ok = false;
                }
            } else if (!key) {
                key = dup_scalar(&e);
                key_line = line;
                ok = key != NULL;
            } else {
                content_meta_entry *g = realloc(out->items, (out->count + 1) * sizeof *g);
                char *value = dup_scalar(&e);
                if (!g || !value) {
                    free(value);
                    if (g)
                        out->items = g;
                    ok = false;
                } else {
                    out->items = g;
                    for (size_t i = 0; i < out->count; i++)
                        if (strcmp(out->items[i].key, key) == 0)
                            content_diag_add(d, CONTENT_WARNING, file, key_line, 0,
                                             "'%s' is given twice (lines %d and %d); the last one counts", key,
                                             out->items[i].line, key_line);
                    out->items[out->count++] = (content_meta_entry){key, value, key_line};
                    key = NULL;
                }
            }
            break;
        case YAML_ALIAS_EVENT:
            content_diag_add(d, CONTENT_ERROR, file, line, 0, "YAML aliases (*name) are not allowed in front matter");
            ok = false;
            break;
        default:
            break;
        }
        yaml_event_delete(&e);
    }
    free(key);
    yaml_parser_delete(&p);
    if (!ok)
        content_meta_free(out);
    return ok;
}
