/* Command-line parsing: see cli.h. Options may come in any order; every error names the option. */
#include "app/cli.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/commands.h"
#include "app/config.h"
#include "app/log.h"

static const char usage[] =
    "Usage:\n"
    "  velkommen [run] [--windowed WxH] [--allow-quit] [--idle SECONDS] [--config FILE] [--data DIR]\n"
    "                [--stats FILE|off] [--languages da,ar,ti] [--rotation 0|90|180|270]\n"
    "                [--log-level error|warning|info]\n"
    "      Start the kiosk: fullscreen, the welcome screen first. Escape and closing the window do\n"
    "      nothing unless --allow-quit is given (a kiosk has no way out for the public). After\n"
    "      --idle seconds without a touch (default 90) it asks \"Are you still there?\" and, 10 s\n"
    "      later, forgets the visit and starts over. A 5-second press in the top-left corner asks\n"
    "      for the staff PIN (configuration: [kiosk] staff_pin_hash). Page views, \"Was this\n"
    "      helpful?\" answers and idle resets are counted anonymously in --stats FILE (default:\n"
    "      [stats] path, else $STATE_DIRECTORY/stats.db, else ~/.local/state/velkommen/stats.db).\n"
    "  velkommen render --lang LANG [--page ID] --size WxH --out FILE.png [--data DIR]\n"
    "      Draw one screen without a display and write it as PNG. ID is 'home' (the default),\n"
    "      'welcome', 'picker', a folder of the content (jobcenter) or a page (jobcenter/praktik).\n"
    "  velkommen render --all --out DIR [--size WxH]\n"
    "      The contact sheet: every screen in every language as DIR/LANG/ID.png and DIR/index.html,\n"
    "      checked for missing glyphs, text wider than the screen and untranslated strings.\n"
    "  velkommen layout --lang LANG --width PX --size PX [--bold] [FILE|-]\n"
    "      Lay out each line of FILE (or standard input) as a paragraph and print the result as JSON\n"
    "      lines: lines, runs (font, direction, script) and glyphs [id, cluster, x, y, advance].\n"
    "  velkommen check [DIR] [--strict] [--dump] [--format text|json]\n"
    "      Check the content folder (DIR, default DATA/content) and list every problem as\n"
    "      file:line:col: error|warning: message. Exit 0 clean, 1 warnings with --strict, 2 errors.\n"
    "      Without DIR it also checks the catalogs and prints each language's translation status\n"
    "      (--format=json for scripts). --dump prints what each page was read as.\n"
    "  velkommen extract [--out FILE]\n"
    "      Write the content's text to locales/content.pot for translators (one entry per title,\n"
    "      heading, paragraph and list item); scripts/update-po merges it into each language.\n"
    "  velkommen stats [--db FILE] [--since YYYY-MM-DD] [--format csv|json] [--config FILE]\n"
    "  velkommen stats --merge A.db B.db ... [--out SUM.db] [--since YYYY-MM-DD] [--format csv|json]\n"
    "      Export the anonymous counters (day, hour, event, page, language, count) on standard\n"
    "      output; --merge sums the counter files of several kiosks, and --out also writes the\n"
    "      sum as a new counter file.\n"
    "  velkommen speak --page ID --lang LANG --out FILE.wav [--data DIR]\n"
    "      Read a page aloud offline (espeak-ng) into a WAV file: exactly what the kiosk's play\n"
    "      button reads, for staff to listen to. A language without a voice in locales/languages\n"
    "      is refused, as the kiosk shows it no play button.\n"
    "  velkommen script FILE [--idle SECONDS] [--config FILE] [--stats FILE]\n"
    "      Run the real UI headless from a script of timed events on a simulated clock (tap X Y,\n"
    "      drag, key, wait MS, choose LANG, open ID, shot FILE.png, expect screen|page|lang|asking);\n"
    "      the commands are listed at the top of src/app/script_cmd.c and in README.md.\n"
    "  velkommen soak [--events N] [--seed N] [--size WxH] [--check-memory] [--data DIR]\n"
    "      The monkey test: N (default 100000) seeded random events - taps, drags, keys, language\n"
    "      switches, idle resets, reloads of good and broken content - on the simulated clock, the\n"
    "      UI checked after each. Prints events/s, peak RSS and cache sizes; with --check-memory it\n"
    "      fails when resident memory grows by 1 MB after the warm-up.\n"
    "  velkommen --help | --version\n"
    "\n"
    "DIR holds assets/, locales/ and content/: --data, else (run) the configuration's [data] dir, else\n"
    "$VELKOMMEN_DATA, else PREFIX/share/velkommen beside an installed PREFIX/bin/velkommen, else the\n"
    "source tree the program was built from.\n"
    "Exit status: 0 success, 1 failure while running, 2 bad input.\n";

static int bad(const char *fmt, const char *arg)
{
    fprintf(stderr, "velkommen: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (see velkommen --help)\n");
    return APP_EXIT_BAD_INPUT;
}

/* An option's value was wrong: says what it needs and what was given (or that nothing was). */
static int bad_value(const char *need, const char *given)
{
    if (given)
        fprintf(stderr, "velkommen: %s, not '%s' (see velkommen --help)\n", need, given);
    else
        fprintf(stderr, "velkommen: %s, but none was given (see velkommen --help)\n", need);
    return APP_EXIT_BAD_INPUT;
}

static int parse_size(const char *s, int *w, int *h)
{
    char x;
    int consumed = 0;
    if (!s || sscanf(s, "%d%c%d%n", w, &x, h, &consumed) != 3 || (x != 'x' && x != 'X') || s[consumed] != 0)
        return 0;
    return *w >= 64 && *h >= 64 && *w <= 16384 && *h <= 16384;
}

/* A whole number from lo to hi, digits only (no sign, no spaces, nothing after). */
static bool parse_count(const char *v, unsigned long long lo, unsigned long long hi, unsigned long long *out)
{
    if (!v || *v < '0' || *v > '9')
        return false;
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    if (*end || errno || n < lo || n > hi)
        return false;
    *out = n;
    return true;
}

/* The value of option argv[*i], advancing *i; NULL when it is missing. */
static const char *value(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc)
        return NULL;
    return argv[++*i];
}

static int cli_run(int argc, char **argv, int first)
{
    app_run_options o = {0};
    o.rotation = -1;
    o.log_level = -1;
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--windowed") == 0) {
            const char *v = value(argc, argv, &i);
            if (!parse_size(v, &o.width, &o.height))
                return bad_value("--windowed needs a size such as 1280x720 (64 to 16384 pixels each way)", v);
        } else if (strcmp(a, "--allow-quit") == 0) {
            o.allow_quit = true;
        } else if (strcmp(a, "--config") == 0) {
            if (!(o.config = value(argc, argv, &i)))
                return bad("--config needs a file", "");
        } else if (strcmp(a, "--idle") == 0) {
            unsigned long long sec;
            const char *v = value(argc, argv, &i);
            if (!parse_count(v, 10, 3600, &sec))
                return bad_value("--idle needs a number of seconds from 10 to 3600", v);
            o.idle_seconds = (unsigned)sec;
        } else if (strcmp(a, "--data") == 0) {
            if (!(o.data_dir = value(argc, argv, &i)))
                return bad("--data needs a directory", "");
        } else if (strcmp(a, "--stats") == 0) {
            if (!(o.stats = value(argc, argv, &i)))
                return bad("--stats needs a file (or off)", "");
        } else if (strcmp(a, "--languages") == 0) {
            if (!(o.languages = value(argc, argv, &i)))
                return bad("--languages needs the codes to offer, in order, such as da,ar,ti", "");
        } else if (strcmp(a, "--rotation") == 0) {
            const char *v = value(argc, argv, &i);
            if (!v || (o.rotation = app_config_rotation(v)) < 0)
                return bad_value("--rotation needs 0, 90, 180 or 270 (degrees, clockwise)", v);
        } else if (strcmp(a, "--log-level") == 0) {
            const char *v = value(argc, argv, &i);
            if (!v || (o.log_level = app_log_level_named(v)) < 0)
                return bad_value("--log-level needs error, warning or info", v);
        } else {
            return bad("unknown option '%s' for run", a);
        }
    }
    return app_cmd_run(&o);
}

static int cli_render(int argc, char **argv, int first)
{
    app_render_options o = {0};
    o.page = "home";
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = strcmp(a, "--lang") == 0   ? &o.lang
                            : strcmp(a, "--page") == 0 ? &o.page
                            : strcmp(a, "--out") == 0  ? &o.out
                            : strcmp(a, "--data") == 0 ? &o.data_dir
                                                       : NULL;
        if (slot) {
            if (!(*slot = value(argc, argv, &i)))
                return bad("%s needs a value", a);
        } else if (strcmp(a, "--size") == 0) {
            const char *v = value(argc, argv, &i);
            if (!parse_size(v, &o.width, &o.height))
                return bad_value("--size needs a size such as 1920x1080 (64 to 16384 pixels each way)", v);
        } else if (strcmp(a, "--all") == 0) {
            o.all = true;
        } else {
            return bad("unknown option '%s' for render", a);
        }
    }
    if (o.all) {
        if (!o.out)
            return bad("render --all needs --out DIR", "");
        if (!o.width)
            o.width = 1920, o.height = 1080;
        return app_cmd_render_all(&o);
    }
    if (!o.lang)
        return bad("render needs --lang LANG (for example --lang ar)", "");
    if (!o.width)
        return bad("render needs --size WxH (for example --size 1920x1080)", "");
    if (!o.out)
        return bad("render needs --out FILE.png", "");
    return app_cmd_render(&o);
}

static int cli_layout(int argc, char **argv, int first)
{
    app_layout_options o = {0};
    o.size = 36;
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        const char *v;
        if (strcmp(a, "--lang") == 0 || strcmp(a, "--data") == 0) {
            if (!(v = value(argc, argv, &i)))
                return bad("%s needs a value", a);
            *(a[2] == 'l' ? &o.lang : &o.data_dir) = v;
        } else if (strcmp(a, "--width") == 0) {
            unsigned long long w;
            if (!parse_count(value(argc, argv, &i), 0, 100000, &w))
                return bad("--width needs a number of pixels from 0 (no wrapping) to 100000", "");
            o.width = (int)w;
        } else if (strcmp(a, "--size") == 0) {
            char *end;
            v = value(argc, argv, &i);
            double sz = v ? strtod(v, &end) : -1;
            if (!v || *end || sz < 4 || sz > 1000)
                return bad("--size needs an em size in pixels from 4 to 1000", "");
            o.size = (float)sz;
        } else if (strcmp(a, "--bold") == 0) {
            o.bold = true;
        } else if (a[0] == '-' && a[1] != 0) {
            return bad("unknown option '%s' for layout", a);
        } else if (o.file) {
            return bad("layout reads one file, not also '%s'", a);
        } else {
            o.file = a;
        }
    }
    if (!o.lang)
        return bad("layout needs --lang LANG (for example --lang ar)", "");
    return app_cmd_layout(&o);
}

static int cli_check(int argc, char **argv, int first)
{
    app_check_options o = {0};
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--strict") == 0)
            o.strict = true;
        else if (strcmp(a, "--dump") == 0)
            o.dump = true;
        else if (strcmp(a, "--format") == 0 || strncmp(a, "--format=", 9) == 0) {
            /* "--format json" as `velkommen stats` takes it, and "--format=json" */
            const char *v = a[8] == '=' ? a + 9 : value(argc, argv, &i);
            if (!v || (strcmp(v, "json") != 0 && strcmp(v, "text") != 0))
                return bad_value("--format needs text or json", v);
            o.json = strcmp(v, "json") == 0;
        } else if (strcmp(a, "--data") == 0) {
            if (!(o.data_dir = value(argc, argv, &i)))
                return bad("--data needs a directory", "");
        } else if (a[0] == '-')
            return bad("unknown option '%s' for check", a);
        else if (o.dir)
            return bad("check reads one content folder, not also '%s'", a);
        else
            o.dir = a;
    }
    return app_cmd_check(&o);
}

static int cli_extract(int argc, char **argv, int first)
{
    app_extract_options o = {0};
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = strcmp(a, "--out") == 0 ? &o.out : strcmp(a, "--data") == 0 ? &o.data_dir : NULL;
        if (!slot)
            return bad("unknown option '%s' for extract", a);
        if (!(*slot = value(argc, argv, &i)))
            return bad("%s needs a value", a);
    }
    return app_cmd_extract(&o);
}

static int cli_script(int argc, char **argv, int first)
{
    app_script_options o = {0};
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--data") == 0) {
            if (!(o.data_dir = value(argc, argv, &i)))
                return bad("--data needs a directory", "");
        } else if (strcmp(a, "--config") == 0) {
            if (!(o.config = value(argc, argv, &i)))
                return bad("--config needs a file", "");
        } else if (strcmp(a, "--idle") == 0) {
            unsigned long long sec;
            const char *v = value(argc, argv, &i);
            if (!parse_count(v, 1, 3600, &sec))
                return bad_value("--idle needs a number of seconds from 1 to 3600", v);
            o.idle_seconds = (unsigned)sec;
        } else if (strcmp(a, "--stats") == 0) {
            if (!(o.stats = value(argc, argv, &i)))
                return bad("--stats needs a file", "");
        } else if (a[0] == '-') {
            return bad("unknown option '%s' for script", a);
        } else if (o.file) {
            return bad("script runs one file, not also '%s'", a);
        } else {
            o.file = a;
        }
    }
    if (!o.file)
        return bad("script needs a FILE", "");
    return app_cmd_script(&o);
}

static int cli_soak(int argc, char **argv, int first)
{
    app_soak_options o = {0};
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--data") == 0) {
            if (!(o.data_dir = value(argc, argv, &i)))
                return bad("--data needs a directory", "");
        } else if (strcmp(a, "--check-memory") == 0) {
            o.check_memory = true;
        } else if (strcmp(a, "--size") == 0) {
            const char *v = value(argc, argv, &i);
            if (!parse_size(v, &o.width, &o.height))
                return bad_value("--size needs a size such as 1280x720 (64 to 16384 pixels each way)", v);
        } else if (strcmp(a, "--events") == 0) {
            unsigned long long n;
            if (!parse_count(value(argc, argv, &i), 1, 100000000, &n))
                return bad("--events needs a number from 1 to 100000000", "");
            o.events = (unsigned long)n;
        } else if (strcmp(a, "--seed") == 0) {
            if (!parse_count(value(argc, argv, &i), 0, ULLONG_MAX, &o.seed))
                return bad("--seed needs a number", "");
        } else {
            return bad("unknown option '%s' for soak", a);
        }
    }
    return app_cmd_soak(&o);
}

static int cli_stats(int argc, char **argv, int first)
{
    app_stats_options o = {0};
    const char *format = "csv";
    bool merging = false;
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = strcmp(a, "--db") == 0       ? &o.db
                            : strcmp(a, "--since") == 0  ? &o.since
                            : strcmp(a, "--out") == 0    ? &o.out
                            : strcmp(a, "--config") == 0 ? &o.config
                            : strcmp(a, "--format") == 0 ? &format
                                                         : NULL;
        if (slot) {
            if (!(*slot = value(argc, argv, &i)))
                return bad("%s needs a value", a);
        } else if (strcmp(a, "--merge") == 0) {
            merging = true;
        } else if (a[0] == '-') {
            return bad("unknown option '%s' for stats", a);
        } else if (merging) {
            o.merge = (const char **)realloc(o.merge, (size_t)(o.merge_count + 1) * sizeof *o.merge);
            if (!o.merge)
                return bad("out of memory%s", "");
            o.merge[o.merge_count++] = a;
        } else {
            return bad("stats reads --db FILE, or --merge A.db B.db ...; not '%s'", a);
        }
    }
    int status;
    if (strcmp(format, "csv") != 0 && strcmp(format, "json") != 0)
        status = bad("--format is csv or json, not '%s'", format);
    else if (merging && !o.merge_count)
        status = bad("--merge needs the counter files to add up%s", "");
    else if (merging && o.db)
        status = bad("stats takes --db FILE or --merge A.db B.db ..., not both%s", "");
    else if (o.out && !merging)
        status = bad("--out writes the sum of --merge; with one file, copy the file%s", "");
    else {
        o.json = strcmp(format, "json") == 0;
        status = app_cmd_stats(&o);
    }
    free(o.merge);
    return status;
}

static int cli_speak(int argc, char **argv, int first)
{
    app_speak_options o = {0};
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = strcmp(a, "--page") == 0   ? &o.page
                            : strcmp(a, "--lang") == 0 ? &o.lang
                            : strcmp(a, "--out") == 0  ? &o.out
                            : strcmp(a, "--data") == 0 ? &o.data_dir
                                                       : NULL;
        if (!slot)
            return bad("unknown option '%s' for speak", a);
        if (!(*slot = value(argc, argv, &i)))
            return bad("%s needs a value", a);
    }
    if (!o.page)
        return bad("speak needs --page ID (for example --page jobcenter/praktik)%s", "");
    if (!o.lang)
        return bad("speak needs --lang LANG (for example --lang ar)%s", "");
    if (!o.out)
        return bad("speak needs --out FILE.wav%s", "");
    return app_cmd_speak(&o);
}

/* `velkommen CMD --help`: the part of the usage about CMD, from its "  velkommen CMD" line to the next
 * command's, and the pointer to the rest. */
static int command_help(const char *cmd)
{
    char head[64];
    snprintf(head, sizeof head, strcmp(cmd, "run") == 0 ? "  velkommen [run]" : "  velkommen %s", cmd);
    bool in = false;
    for (const char *line = usage; *line;) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) + 1 : strlen(line);
        if (strncmp(line, "  velkommen ", 12) == 0)
            in = strncmp(line, head, strlen(head)) == 0 && (line[strlen(head)] == ' ' || line[strlen(head)] == '\n');
        if (in)
            fwrite(line, 1, n, stdout);
        line += n;
    }
    printf("Every command and the environment: velkommen --help\n");
    return APP_EXIT_OK;
}

int app_cli_main(int argc, char **argv)
{
    if (argc >= 3 && argv[1][0] != '-' && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0)) {
        const char *known[] = {"run", "render", "layout", "check", "extract", "script", "soak", "stats", "speak"};
        for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
            if (strcmp(argv[1], known[i]) == 0)
                return command_help(argv[1]);
    }
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0)) {
        fputs(usage, stdout);
        return APP_EXIT_OK;
    }
    if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
        printf("velkommen %s\n", VELKOMMEN_VERSION);
        return APP_EXIT_OK;
    }
    if (argc < 2 || argv[1][0] == '-')
        return cli_run(argc, argv, 1);
    if (strcmp(argv[1], "run") == 0)
        return cli_run(argc, argv, 2);
    if (strcmp(argv[1], "render") == 0)
        return cli_render(argc, argv, 2);
    if (strcmp(argv[1], "layout") == 0)
        return cli_layout(argc, argv, 2);
    if (strcmp(argv[1], "check") == 0)
        return cli_check(argc, argv, 2);
    if (strcmp(argv[1], "extract") == 0)
        return cli_extract(argc, argv, 2);
    if (strcmp(argv[1], "script") == 0)
        return cli_script(argc, argv, 2);
    if (strcmp(argv[1], "soak") == 0)
        return cli_soak(argc, argv, 2);
    if (strcmp(argv[1], "stats") == 0)
        return cli_stats(argc, argv, 2);
    if (strcmp(argv[1], "speak") == 0)
        return cli_speak(argc, argv, 2);
    return bad("unknown command '%s' (commands: run, render, layout, check, extract, script, soak, stats, speak)",
               argv[1]);
}
