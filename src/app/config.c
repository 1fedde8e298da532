/* The configuration file: see config.h. */
#include "app/config.h"

#include <crypt.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <ini.h>

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
    } else if (strcmp(section, "stats") == 0 && strcmp(name, "path") == 0) {
        if (!*value || strlen(value) >= sizeof cfg->stats_path) {
            snprintf(c->msg, sizeof c->msg, "path in [stats] must name a file (or be 'off'), not '%s'", value);
            c->bad_line = 1;
            return 0;
        }
        snprintf(cfg->stats_path, sizeof cfg->stats_path, "%s", value);
    } else {
        snprintf(c->msg, sizeof c->msg, "unknown setting '%s' in [%s] (known: [kiosk] idle_seconds, staff_pin_hash; [data] dir; [stats] path)",
                 name, section);
        c->bad_line = 1;
        return 0;
    }
    return 1;
}

bool app_config_load(const char *path, app_config *cfg, vk_error *err)
{
    memset(cfg, 0, sizeof *cfg);
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
