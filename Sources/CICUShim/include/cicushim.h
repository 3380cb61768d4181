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

/// Every charset ICU's detector finds plausible, best first. Match i's name goes to
/// `names + i * nameCapacity` (NUL-terminated) and its confidence (0...100) to `confidences[i]`.
/// Returns how many matches there are (at most `capacity` are written), or a negative error code.
int32_t cas_detect_charsets(const uint8_t *bytes, int32_t length, char *names, int32_t nameCapacity,
                            int32_t *confidences, int32_t capacity);

/// ICU's own name for the converter `charset` stands for (e.g. "GBK" → "windows-936-2000",
/// "utf8" → "UTF-8") written into `name`; returns 0, or a negative error code when ICU does not know it.
int32_t cas_charset_name(const char *charset, char *name, int32_t nameCapacity);

/// Converts `bytes` in `charset` to UTF-16. Returns the number of code units written (or needed, when
/// `capacity` is too small: call again with a larger buffer), or a negative error code. Every byte
/// sequence that cannot be converted (illegal, unassigned, or cut off at the end) becomes U+FFFD;
/// `*substitutions` counts them and `*badByteOffset` is the byte offset of the first one (-1 if none).
/// When `lenient` is 0 the conversion stops at the first one and returns -1.
int32_t cas_convert_to_utf16(const char *charset, const uint8_t *bytes, int32_t length,
                             uint16_t *dest, int32_t capacity, int32_t lenient,
                             int32_t *badByteOffset, int32_t *badByteLength, int32_t *substitutions);

/// Converts UTF-16 to `charset` (used by tests and the benchmark to write GB18030 / Big5 files).
/// Characters the charset lacks become its substitution bytes. Returns the length written (or needed).
int32_t cas_convert_from_utf16(const char *charset, const uint16_t *text, int32_t length,
                               uint8_t *dest, int32_t capacity);

// MARK: character properties

enum {
    CAS_CHAR_FORMAT = 1,          ///< general category Cf
    CAS_CHAR_HAN = 2,             ///< script Han (ideographs, 々, 〇, radicals)
    CAS_CHAR_VISIBLE_FORMAT = 4,  ///< a Cf that is drawn (Prepended_Concatenation_Mark, e.g. U+0600)
    CAS_CHAR_WHITE_SPACE = 8,     ///< White_Space
    CAS_CHAR_PUNCTUATION = 16,    ///< general category P*
};
/// The CAS_CHAR_* flags of the code point `c`.
int32_t cas_char_flags(uint32_t c);

// MARK: NFKC, piece by piece

/// Length of the prefix of `text` that is certainly already NFKC (it ends at a normalization boundary).
int32_t cas_nfkc_span_quick_check_yes(const uint16_t *text, int32_t length);
/// Whether NFKC has a boundary before the code point `c` (text may be cut there and normalized apart).
int32_t cas_nfkc_has_boundary_before(uint32_t c);
/// NFKC of `text` into `dest`; returns the length written (or needed), or a negative error code.
int32_t cas_nfkc_normalize(const uint16_t *text, int32_t length, uint16_t *dest, int32_t capacity);

// MARK: transliteration

/// The source rules of the transliterator `id` (e.g. "Traditional-Simplified"), as UTF-16; returns the
/// length written (or needed), or a negative error code.
int32_t cas_translit_rules(const char *id, uint16_t *dest, int32_t capacity);
/// Runs the transliterator `id` over `text` (the reference the fast table is tested against). Returns
/// the length written, or (when `capacity` is too small) a length to try again with, or a negative
/// error code.
int32_t cas_translit(const char *id, const uint16_t *text, int32_t length, uint16_t *dest, int32_t capacity);

// MARK: text boundaries

enum { CAS_BREAK_WORD = 1, CAS_BREAK_SENTENCE = 3 };

/// Writes the boundaries (UTF-16 offsets, first 0, last `length`) of `kind` into `boundaries`;
/// returns how many there are (also when `capacity` is too small), or a negative error code.
int32_t cas_breaks(int32_t kind, const char *locale, const uint16_t *text, int32_t length,
                   int32_t *boundaries, int32_t capacity);

/// Word boundaries like `cas_breaks(CAS_BREAK_WORD, ...)`, and for each boundary k > 0 whether the
/// segment that ends there (boundaries[k-1] ..< boundaries[k]) is a word: `isWord[k]` is 1 for numbers,
/// letters, kana and ideographs, 0 for spaces and punctuation; `isWord[0]` is 0.
int32_t cas_word_breaks(const char *locale, const uint16_t *text, int32_t length,
                        int32_t *boundaries, int32_t *isWord, int32_t capacity);

#ifdef __cplusplus
}
#endif
#endif
