/* UTF-8 decoding for every layer that reads text from files (content, catalogs, the text engine).
 *
 * Follows the Unicode Standard, chapter 3 (D92, Table 3-7) and its "maximal subpart" practice for
 * replacement: each ill-formed subsequence becomes one U+FFFD and decoding continues, so no input can make
 * a reader run past its buffer or drop the rest of a paragraph.
 */
#ifndef VK_BASE_UTF8_H
#define VK_BASE_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define VK_REPLACEMENT_CHAR 0xFFFDu

/* Decodes one code point from s[0..len) (len >= 1). Stores it in *cp (U+FFFD for an ill-formed
 * subsequence) and returns how many bytes it consumed (1..4, never more than len). */
size_t vk_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Decodes all of s[0..len) into a newly allocated array of code points; *n receives the count.
 * Returns NULL only when memory runs out. Caller frees with free(). */
uint32_t *vk_utf8_to_utf32(const char *s, size_t len, size_t *n);

/* Byte offset of the first ill-formed sequence in s[0..len), or (size_t)-1 when s is valid UTF-8. */
size_t vk_utf8_find_invalid(const char *s, size_t len);

/* Encodes cp as UTF-8 into out (room for 4 bytes); returns the byte count. */
size_t vk_utf8_encode(uint32_t cp, char out[4]);

#endif
