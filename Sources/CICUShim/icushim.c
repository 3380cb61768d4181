#include "cicushim.h"
#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unorm2.h>
#include <unicode/utrans.h>
#include <unicode/ubrk.h>
#include <unicode/uversion.h>

const char *cas_icu_version(void) { return U_ICU_VERSION; }

int32_t cas_detect_charset(const uint8_t *bytes, int32_t length, char *name, int32_t nameCapacity) {
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector *detector = ucsdet_open(&status);
    if (U_FAILURE(status)) return -(int32_t)status;
    ucsdet_setText(detector, (const char *)bytes, length, &status);
    const UCharsetMatch *match = ucsdet_detect(detector, &status);
    int32_t confidence = -1;
    if (U_SUCCESS(status) && match != NULL) {
        const char *found = ucsdet_getName(match, &status);
        confidence = ucsdet_getConfidence(match, &status);
        if (U_SUCCESS(status) && found != NULL) {
            strncpy(name, found, (size_t)nameCapacity - 1);
            name[nameCapacity - 1] = 0;
        }
    }
    ucsdet_close(detector);
    return U_FAILURE(status) ? -(int32_t)status : confidence;
}

int32_t cas_convert_to_utf16(const char *charset, const uint8_t *bytes, int32_t length,
                             uint16_t *dest, int32_t capacity, int32_t lenient,
                             int32_t *badByteOffset, int32_t *badByteLength, int32_t *substitutions) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(charset, &status);
    if (U_FAILURE(status)) return -(int32_t)status;
    *badByteOffset = -1;
    *badByteLength = 0;
    *substitutions = 0;
    // Convert in one pass, stopping at each bad sequence so its byte offset is known; in lenient mode,
    // write U+FFFD for it and go on.
    ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
    const char *source = (const char *)bytes;
    const char *sourceLimit = source + length;
    UChar *target = (UChar *)dest;
    UChar *targetLimit = (UChar *)dest + capacity;
    int32_t overflow = 0; // code units that did not fit
    UChar scratch[256];
    for (;;) {
        status = U_ZERO_ERROR;
        UChar *out = target < targetLimit ? target : scratch;
        UChar *outLimit = target < targetLimit ? targetLimit : scratch + 256;
        UChar *outStart = out;
        ucnv_toUnicode(converter, &out, outLimit, &source, sourceLimit, NULL, 1, &status);
        if (outStart == scratch) overflow += (int32_t)(out - scratch); else target = out;
        if (status == U_BUFFER_OVERFLOW_ERROR) {
            if (outStart != scratch) target = targetLimit;
            continue;
        }
        if (status == U_ILLEGAL_CHAR_FOUND || status == U_INVALID_CHAR_FOUND || status == U_TRUNCATED_CHAR_FOUND) {
            char invalid[32];
            int8_t invalidLength = sizeof invalid;
            UErrorCode ignored = U_ZERO_ERROR;
            ucnv_getInvalidChars(converter, invalid, &invalidLength, &ignored);
            int32_t offset = (int32_t)(source - (const char *)bytes) - invalidLength;
            if (*badByteOffset < 0) { *badByteOffset = offset; *badByteLength = invalidLength; }
            if (!lenient) { ucnv_close(converter); return -1; }
            *substitutions += 1;
            if (target < targetLimit) *target++ = 0xFFFD; else overflow += 1;
            ucnv_reset(converter);
            if (source >= sourceLimit) break;
            continue;
        }
        break;
    }
    ucnv_close(converter);
    if (U_FAILURE(status)) return -(int32_t)status;
    return (int32_t)(target - (UChar *)dest) + overflow;
}

int32_t cas_convert_from_utf16(const char *charset, const uint16_t *text, int32_t length,
                               uint8_t *dest, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(charset, &status);
    if (U_FAILURE(status)) return -(int32_t)status;
    int32_t written = ucnv_fromUChars(converter, (char *)dest, capacity, (const UChar *)text, length, &status);
    ucnv_close(converter);
    if (U_FAILURE(status) && status != U_BUFFER_OVERFLOW_ERROR) return -(int32_t)status;
    return written;
}

static const UNormalizer2 *nfkc(void) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *instance = unorm2_getNFKCInstance(&status);
    return U_SUCCESS(status) ? instance : NULL;
}

int32_t cas_nfkc_span_quick_check_yes(const uint16_t *text, int32_t length) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t span = unorm2_spanQuickCheckYes(nfkc(), (const UChar *)text, length, &status);
    return U_FAILURE(status) ? -(int32_t)status : span;
}

int32_t cas_nfkc_has_boundary_before(uint32_t c) {
    return unorm2_hasBoundaryBefore(nfkc(), (UChar32)c) ? 1 : 0;
}

int32_t cas_nfkc_normalize(const uint16_t *text, int32_t length, uint16_t *dest, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t written = unorm2_normalize(nfkc(), (const UChar *)text, length, (UChar *)dest, capacity, &status);
    if (U_FAILURE(status) && status != U_BUFFER_OVERFLOW_ERROR) return -(int32_t)status;
    return written;
}

static UTransliterator *open_translit(const char *id, UErrorCode *status) {
    UChar uid[64];
    int32_t n = 0;
    while (id[n] != 0 && n < 63) { uid[n] = (UChar)(unsigned char)id[n]; n++; }
    return utrans_openU(uid, n, UTRANS_FORWARD, NULL, 0, NULL, status);
}

int32_t cas_translit_rules(const char *id, uint16_t *dest, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UTransliterator *trans = open_translit(id, &status);
    if (U_FAILURE(status)) return -(int32_t)status;
    int32_t written = utrans_toRules(trans, 0, (UChar *)dest, capacity, &status);
    utrans_close(trans);
    if (U_FAILURE(status) && status != U_BUFFER_OVERFLOW_ERROR) return -(int32_t)status;
    return written;
}

int32_t cas_translit(const char *id, const uint16_t *text, int32_t length, uint16_t *dest, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UTransliterator *trans = open_translit(id, &status);
    if (U_FAILURE(status)) return -(int32_t)status;
    if (length > capacity) { utrans_close(trans); return length * 2; }
    memcpy(dest, text, (size_t)length * sizeof(uint16_t));
    int32_t textLength = length, limit = length;
    utrans_transUChars(trans, (UChar *)dest, &textLength, capacity, 0, &limit, &status);
    utrans_close(trans);
    if (U_FAILURE(status)) return status == U_BUFFER_OVERFLOW_ERROR ? textLength : -(int32_t)status;
    return textLength;
}

static UBreakIterator *open_breaks(int32_t kind, const char *locale, const uint16_t *text, int32_t length,
                                   UErrorCode *status) {
    return ubrk_open((UBreakIteratorType)kind, locale, (const UChar *)text, length, status);
}

int32_t cas_breaks(int32_t kind, const char *locale, const uint16_t *text, int32_t length,
                   int32_t *boundaries, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *it = open_breaks(kind, locale, text, length, &status);
    if (U_FAILURE(status)) return -(int32_t)status;
    int32_t count = 0;
    for (int32_t b = ubrk_first(it); b != UBRK_DONE; b = ubrk_next(it)) {
        if (count < capacity) boundaries[count] = b;
        count++;
    }
    ubrk_close(it);
    return count;
}

int32_t cas_word_breaks(const char *locale, const uint16_t *text, int32_t length,
                        int32_t *boundaries, int32_t *isWord, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *it = open_breaks(UBRK_WORD, locale, text, length, &status);
    if (U_FAILURE(status)) return -(int32_t)status;
    int32_t count = 0;
    for (int32_t b = ubrk_first(it); b != UBRK_DONE; b = ubrk_next(it)) {
        if (count < capacity) {
            boundaries[count] = b;
            int32_t rule = ubrk_getRuleStatus(it);
            isWord[count] = rule >= UBRK_WORD_NUMBER ? 1 : 0; // status of the segment ending at b
        }
        count++;
    }
    ubrk_close(it);
    return count;
}
