/* The configuration file: see config.h. */
#include "app/config.h"

#include <crypt.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <ini.h>

#include "app/log.h"

typedef struct parse_ctx {
    app_config *cfg;
    vk_error *err;
    int bad_line;
    char msg[300];
} parse_ctx;

/* Debian's inih passes no line number to the handler; ini_parse returns the line of the first value
 * the handler refused, which is the line the message is about. */
static int on_value(void *user, const char *section, const char *name, const char *value)
{
    parse_ctx *c = user;
    app_config *cfg = c->cfg;
    if (strcmp(section, "kiosk") == 0 && strcmp(name, "idle_seconds") == 0) {
        char *end;
        long v = strtol(value, &end, 10);
        if (*end || v < 10 || v > 3600) {
            snprintf(c->msg, sizeof c->msg, "idle_seconds must be a number of seconds from 10 to 3600, not '%s'", value);
            c->bad_line = 1;
            return 0;
        }
        cfg->idle_seconds = (unsigned)v;
    } else if (strcmp(section, "kiosk") == 0 && strcmp(name, "staff_pin_hash") == 0) {
        if (value[0] != '$' || strlen(value) >= sizeof cfg->staff_pin_hash) {
            snprintf(c->msg, sizeof c->msg,
                     "staff_pin_hash must be a crypt(3) hash such as mkpasswd -m yescrypt prints, starting with $");
            c->bad_line = 1;
            return 0;
        }
        snprintf(cfg->staff_pin_hash, sizeof cfg->staff_pin_hash, "%s", value);
    } else if (strcmp(section, "data") == 0 && strcmp(name, "dir") == 0) {
        snprintf(cfg->data_dir, sizeof cfg->data_dir, "%s", value);
    } else if (strcmp(section, "data") == 0 && (strcmp(name, "content") == 0 || strcmp(name, "locales") == 0)) {
        char *slot = name[0] == 'c' ? cfg->content_dir : cfg->locales_dir;
        if (!*value || strlen(value) >= sizeof cfg->content_dir) {
            snprintf(c->msg, sizeof c->msg, "%s in [data] must name a folder, not '%s'", name, value);
            c->bad_line = 1;
            return 0;
        }
        snprintf(slot, sizeof cfg->content_dir, "%s", value);
    } else if (strcmp(section, "kiosk") == 0 && strcmp(name, "languages") == 0) {
        if (!*value || strlen(value) >= sizeof cfg->languages) {
            snprintf(c->msg, sizeof c->msg, "languages must list language codes such as da, ar, ti, not '%s'", value);
            c->bad_line = 1;
            return 0;
        }
        snprintf(cfg->languages, sizeof cfg->languages, "%s", value);
    } else if (strcmp(section, "kiosk") == 0 && strcmp(name, "rotation") == 0) {
        int r = app_config_rotation(value);
        if (r < 0) {
            snprintf(c->msg, sizeof c->msg, "rotation must be 0, 90, 180 or 270 (degrees, clockwise), not '%s'", value);
            c->bad_line = 1;
            return 0;
        }
        cfg->rotation = r;
    } else if (strcmp(section, "log") == 0 && strcmp(name, "level") == 0) {
        int l = app_log_level_named(value);
        if (l < 0) {
            snprintf(c->msg, sizeof c->msg, "level in [log] must be error, warning or info, not '%s'", value);
            c->bad_line = 1;
            return 0;
        }
        cfg->log_level = l;
    } else if (strcmp(section, "stats") == 0 && strcmp(name, "path") == 0) {
        if (!*value || strlen(value) >= sizeof cfg->stats_path) {
            snprintf(c->msg, sizeof c->msg, "path in [stats] must name a file (or be 'off'), not '%s'", value);
            c->bad_line = 1;
            return 0;
        }
        snprintf(cfg->stats_path, sizeof cfg->stats_path, "%s", value);
    } else {
        snprintf(c->msg, sizeof c->msg, "unknown setting '%s' in [%s] (known: [kiosk] idle_seconds, staff_pin_hash, languages, rotation; "
                 "[data] dir, content, locales; [stats] path; [log] level)",
                 name, section);
        c->bad_line = 1;
        return 0;
    }
    return 1;
}

int app_config_rotation(const char *value)
{
    static const char *const ok[] = {"0", "90", "180", "270"};
    for (int i = 0; i < 4; i++)
        if (strcmp(value, ok[i]) == 0)
            return 90 * i;
    return -1;
}

bool app_config_load(const char *path, app_config *cfg, vk_error *err)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->rotation = -1;
    cfg->log_level = -1;
    const char *p = path;
    if (!p)
        p = getenv("VELKOMMEN_CONFIG");
    if (!p || !*p) {
        struct stat st;
        p = "/etc/velkommen/velkommen.conf";
        if (stat(p, &st) != 0)
            return true; /* no file at the default place: every default */
    }
    snprintf(cfg->path, sizeof cfg->path, "%s", p);
    parse_ctx c = {cfg, err, 0, ""};
    int rc = ini_parse(p, on_value, &c);
    if (rc == -1)
        return vk_error_set(err, p, 0, "cannot read the configuration: %s", strerror(errno));
    if (rc == -2)
        return vk_error_set(err, p, 0, "out of memory");
    if (rc > 0 && !c.msg[0] && c.bad_line == 0)
        return vk_error_set(err, p, rc, "not a line of the form 'key = value' or '[section]'");
    if (rc > 0)
        return vk_error_set(err, p, rc, "%s", c.msg);
    return true;
}

bool app_config_check_pin(const app_config *cfg, const char *pin)
{
    if (!cfg->staff_pin_hash[0] || !pin || !*pin)
        return false;
    struct crypt_data data;
    memset(&data, 0, sizeof data);
    const char *h = crypt_r(pin, cfg->staff_pin_hash, &data);
    return h && h[0] != '*' && strcmp(h, cfg->staff_pin_hash) == 0;
}
