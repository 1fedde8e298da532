/* base/utf8: decoding replaces each maximal ill-formed subpart with one U+FFFD (Unicode 15, ch. 3,
 * "U+FFFD Substitution of Maximal Subparts") and never reads past the buffer. */
#include <string.h>

#include "base/utf8.h"
#include "check.h"

static void decodes_well_formed_text_of_every_length(void)
{
    size_t n;
    uint32_t *cp = vk_utf8_to_utf32("a\xc3\xa6\xe1\x88\x80\xf0\x9f\x87\xa9", 10, &n); /* a æ ሀ 🇩 */
    CHECK(n == 4, "got %zu code points", n);
    CHECK(cp[0] == 'a' && cp[1] == 0xE6 && cp[2] == 0x1200 && cp[3] == 0x1F1E9, "wrong code points");
    free(cp);
}

static void replaces_each_maximal_subpart_once(void)
{
    /* The standard's own example (Table 3-8): 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64 */
    const char in[] = "\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64";
    uint32_t want[] = {0x61, 0xFFFD, 0xFFFD, 0xFFFD, 0x62, 0xFFFD, 0x63, 0xFFFD, 0xFFFD, 0x64};
    size_t n;
    uint32_t *cp = vk_utf8_to_utf32(in, sizeof in - 1, &n);
    CHECK(n == sizeof want / sizeof *want, "got %zu code points, want %zu", n, sizeof want / sizeof *want);
    for (size_t i = 0; i < n && i < sizeof want / sizeof *want; i++)
        CHECK(cp[i] == want[i], "code point %zu is U+%04X, want U+%04X", i, cp[i], want[i]);
    free(cp);
}

static void rejects_surrogates_overlongs_and_truncation(void)
{
    CHECK(vk_utf8_find_invalid("\xed\xa0\x80", 3) == 0, "a UTF-8 surrogate is ill-formed");
    CHECK(vk_utf8_find_invalid("\xc0\xaf", 2) == 0, "an overlong '/' is ill-formed");
    CHECK(vk_utf8_find_invalid("ok\xe2\x82", 4) == 2, "a truncated sequence is found at its offset");
    CHECK(vk_utf8_find_invalid("\xf4\x90\x80\x80", 4) == 0, "above U+10FFFF is ill-formed");
    CHECK(vk_utf8_find_invalid("\xef\xbf\xbd ok", 6) == (size_t)-1, "a literal U+FFFD is valid");
    uint32_t cp;
    CHECK(vk_utf8_decode("\xe2", 1, &cp) == 1 && cp == 0xFFFD, "a lone lead byte at the end stays in bounds");
}

static void encodes_what_it_decodes(void)
{
    uint32_t samples[] = {0x24, 0xA2, 0x939, 0x20AC, 0xD55C, 0x10348, 0x10FFFF};
    for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
        char buf[4];
        size_t k = vk_utf8_encode(samples[i], buf);
        uint32_t back;
        CHECK(vk_utf8_decode(buf, k, &back) == k && back == samples[i], "U+%04X does not round-trip", samples[i]);
    }
}

int main(void)
{
    RUN(decodes_well_formed_text_of_every_length);
    RUN(replaces_each_maximal_subpart_once);
    RUN(rejects_surrogates_overlongs_and_truncation);
    RUN(encodes_what_it_decodes);
    return check_done();
}
