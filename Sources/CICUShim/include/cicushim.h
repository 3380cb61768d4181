// The only door to ICU. This header uses stdint types and opaque pointers only, so that no ICU type
// reaches Swift (Foundation on Linux carries its own private ICU; the two must not meet in one module).
// Every function that can fail returns a negative ICU error code, or 0 / a length on success.
#ifndef CICUSHIM_H
#define CICUSHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// ICU's version, e.g. "72.1".
const char *cas_icu_version(void);

// MARK: charsets

/// Guesses the charset of `bytes` with ICU's detector. Writes the name (e.g. "GB18030", "Big5",
/// "UTF-8") into `name` and returns the confidence 0...100, or a negative error code.
int32_t cas_detect_charset(const uint8_t *bytes, int32_t length, char *name, int32_t nameCapacity);

/// Converts `bytes` in `charset` to UTF-16. Returns the number of code units written (or needed, when
/// `capacity` is too small), or a negative error code. When `lenient` is 0 and a byte sequence cannot be
/// converted, returns -1 and sets `*badByteOffset` and `*badByteLength`. When `lenient` is 1, bad
/// sequences become U+FFFD and `*substitutions` counts them (the first one's offset in `*badByteOffset`).
int32_t cas_convert_to_utf16(const char *charset, const uint8_t *bytes, int32_t length,
                             uint16_t *dest, int32_t capacity, int32_t lenient,
                             int32_t *badByteOffset, int32_t *badByteLength, int32_t *substitutions);

/// Converts UTF-16 to `charset` (used by tests and the benchmark to write GB18030 / Big5 files).
int32_t cas_convert_from_utf16(const char *charset, const uint16_t *text, int32_t length,
                               uint8_t *dest, int32_t capacity);

// MARK: NFKC, piece by piece

/// Length of the prefix of `text` that is certainly already NFKC.
int32_t cas_nfkc_span_quick_check_yes(const uint16_t *text, int32_t length);
/// Whether NFKC has a boundary before the code point `c` (text may be cut there and normalized apart).
int32_t cas_nfkc_has_boundary_before(uint32_t c);
/// NFKC of `text` into `dest`; returns the length written (or needed), or a negative error code.
int32_t cas_nfkc_normalize(const uint16_t *text, int32_t length, uint16_t *dest, int32_t capacity);

// MARK: transliteration

/// The source rules of the transliterator `id` (e.g. "Traditional-Simplified"), as UTF-16; returns the
/// length written (or needed), or a negative error code.
int32_t cas_translit_rules(const char *id, uint16_t *dest, int32_t capacity);
/// Runs the transliterator `id` over `text` (the reference the fast table is tested against).
int32_t cas_translit(const char *id, const uint16_t *text, int32_t length, uint16_t *dest, int32_t capacity);

// MARK: text boundaries

enum { CAS_BREAK_WORD = 1, CAS_BREAK_SENTENCE = 3 };

/// Writes the boundaries (UTF-16 offsets, first 0, last `length`) of `kind` into `boundaries`;
/// returns how many there are (also when `capacity` is too small), or a negative error code.
int32_t cas_breaks(int32_t kind, const char *locale, const uint16_t *text, int32_t length,
                   int32_t *boundaries, int32_t capacity);

/// Whether the word boundary before offset i (ICU's rule status) starts a word made of letters or
/// ideographs, per boundary: writes 1 for word-like segments, 0 for punctuation and spaces.
int32_t cas_word_breaks(const char *locale, const uint16_t *text, int32_t length,
                        int32_t *boundaries, int32_t *isWord, int32_t capacity);

#ifdef __cplusplus
}
#endif
#endif
