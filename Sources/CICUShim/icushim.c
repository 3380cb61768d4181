#include "cicushim.h"
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ucnv_cb.h>
#include <unicode/uscript.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unorm2.h>
#include <unicode/utrans.h>
#include <unicode/ubrk.h>
#include <unicode/uversion.h>

const char *cas_icu_version(void) { return U_ICU_VERSION; }

int32_t cas_detect_charset(const uint8_t *bytes, int32_t length, char *name, int32_t nameCapacity) {
    int32_t confidence = -1;
    int32_t count = cas_detect_charsets(bytes, length, name, nameCapacity, &confidence, 1);
    if (count < 0) return count;
    if (count == 0) { if (nameCapacity > 0) name[0] = 0; return -1; }
    return confidence;
}

int32_t cas_detect_charsets(const uint8_t *bytes, int32_t length, char *names, int32_t nameCapacity,
                            int32_t *confidences, int32_t capacity) {
    if (nameCapacity < 1) return -(int32_t)U_ILLEGAL_ARGUMENT_ERROR;
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector *detector = ucsdet_open(&status);
    if (U_FAILURE(status)) return -(int32_t)status;
    ucsdet_setText(detector, (const char *)bytes, length, &status);
    int32_t count = 0;
    const UCharsetMatch **matches = ucsdet_detectAll(detector, &count, &status);
    if (U_FAILURE(status)) { ucsdet_close(detector); return -(int32_t)status; }
    for (int32_t i = 0; i < count && i < capacity; i++) {
        char *name = names + (size_t)i * (size_t)nameCapacity;
        const char *found = ucsdet_getName(matches[i], &status);
        confidences[i] = ucsdet_getConfidence(matches[i], &status);
        if (U_FAILURE(status) || found == NULL) { found = ""; status = U_ZERO_ERROR; }
        strncpy(name, found, (size_t)nameCapacity - 1);
        name[nameCapacity - 1] = 0;
    }
    ucsdet_close(detector);
    return count;
}

int32_t cas_charset_name(const char *charset, char *name, int32_t nameCapacity) {
    // An empty name would open ICU's default converter: that is not a charset the user named.
    if (charset == NULL || charset[0] == 0 || nameCapacity < 1) return -(int32_t)U_ILLEGAL_ARGUMENT_ERROR;
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(charset, &status);
    if (U_FAILURE(status)) return -(int32_t)status;
    const char *found = ucnv_getName(converter, &status);
    if (U_SUCCESS(status) && found != NULL) {
        strncpy(name, found, (size_t)nameCapacity - 1);
        name[nameCapacity - 1] = 0;
    }
    ucnv_close(converter);
    return U_FAILURE(status) ? -(int32_t)status : 0;
}

/// What the substitution callback learns while converting.
typedef struct {
    const UChar *outputStart;
    int32_t count;
    int32_t firstOutputIndex; // where the U+FFFD of the first bad sequence went (-1: none yet)
    int32_t firstLength;
    int32_t measuring;        // 1 while only counting the output length (the buffer was too small)
} BadSequences;

// Replaces every bad sequence by one U+FFFD and notes where the first one was. The byte offset comes
// from ICU's offsets array afterwards: ICU knows it even when it had to replay bytes of a sequence.
static void U_CALLCONV substitute_and_count(const void *context, UConverterToUnicodeArgs *args,
                                           const char *codeUnits, int32_t length,
                                           UConverterCallbackReason reason, UErrorCode *err) {
    (void)codeUnits;
    if (reason != UCNV_UNASSIGNED && reason != UCNV_ILLEGAL && reason != UCNV_IRREGULAR) return;
    BadSequences *bad = (BadSequences *)context;
    if (bad->count == 0 && !bad->measuring) {
        bad->firstOutputIndex = (int32_t)(args->target - bad->outputStart);
        bad->firstLength = length;
    }
    bad->count += 1;
    *err = U_ZERO_ERROR;
    static const UChar replacement = 0xFFFD;
    ucnv_cbToUWriteUChars(args, &replacement, 1, 0, err);
}

int32_t cas_convert_to_utf16(const char *charset, const uint8_t *bytes, int32_t length,
                             uint16_t *dest, int32_t capacity, int32_t lenient,
                             int32_t *badByteOffset, int32_t *badByteLength, int32_t *substitutions) {
    *badByteOffset = -1;
    *badByteLength = 0;
    *substitutions = 0;
    if (charset == NULL || charset[0] == 0) return -(int32_t)U_ILLEGAL_ARGUMENT_ERROR;
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(charset, &status);
    if (U_FAILURE(status)) return -(int32_t)status;
    if (capacity < 0) capacity = 0;
    int32_t *offsets = (int32_t *)malloc(sizeof(int32_t) * (size_t)(capacity > 0 ? capacity : 1));
    if (offsets == NULL) { ucnv_close(converter); return -(int32_t)U_MEMORY_ALLOCATION_ERROR; }
    BadSequences bad = { (const UChar *)dest, 0, -1, 0, 0 };
    ucnv_setToUCallBack(converter, substitute_and_count, &bad, NULL, NULL, &status);

    const char *source = (const char *)bytes;
    const char *sourceLimit = source + length;
    UChar *target = (UChar *)dest;
    ucnv_toUnicode(converter, &target, (UChar *)dest + capacity, &source, sourceLimit, offsets, 1, &status);
    int32_t written = (int32_t)(target - (UChar *)dest);
    int32_t needed = written;
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        // Count what is left so the caller can try once more with the right size.
        bad.measuring = 1;
        UChar scratch[1024];
        while (status == U_BUFFER_OVERFLOW_ERROR) {
            status = U_ZERO_ERROR;
            UChar *out = scratch;
            ucnv_toUnicode(converter, &out, scratch + 1024, &source, sourceLimit, NULL, 1, &status);
            needed += (int32_t)(out - scratch);
        }
    }
    if (U_SUCCESS(status) && bad.firstOutputIndex >= 0 && bad.firstOutputIndex < written) {
        *badByteOffset = offsets[bad.firstOutputIndex];
        *badByteLength = bad.firstLength;
    }
    *substitutions = bad.count;
    free(offsets);
    ucnv_close(converter);
    if (U_FAILURE(status)) return -(int32_t)status;
    if (needed > written) return needed;
    if (bad.count > 0 && !lenient) return -1;
    return written;
}

int32_t cas_convert_from_utf16(const char *charset, const uint16_t *text, int32_t length,
                               uint8_t *dest, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(charset, &status);
    if (U_FAILURE(status)) return -(int32_t)status;
    int32_t written = ucnv_fromUChars(converter, (char *)dest, capacity, (const UChar *)text, length, &status);
    ucnv_close(converter);
    if (U_FAILURE(status) && status != U_BUFFER_OVERFLOW_ERROR && status != U_STRING_NOT_TERMINATED_WARNING)
        return -(int32_t)status;
    return written;
}

int32_t cas_char_flags(uint32_t c) {
    UChar32 cp = (UChar32)c;
    int32_t flags = 0;
    if (u_charType(cp) == U_FORMAT_CHAR) flags |= CAS_CHAR_FORMAT;
    UErrorCode status = U_ZERO_ERROR;
    if (uscript_getScript(cp, &status) == USCRIPT_HAN && U_SUCCESS(status)) flags |= CAS_CHAR_HAN;
    if (u_hasBinaryProperty(cp, UCHAR_PREPENDED_CONCATENATION_MARK)) flags |= CAS_CHAR_VISIBLE_FORMAT;
    if (u_hasBinaryProperty(cp, UCHAR_WHITE_SPACE)) flags |= CAS_CHAR_WHITE_SPACE;
    if (U_GET_GC_MASK(cp) & U_GC_P_MASK) flags |= CAS_CHAR_PUNCTUATION;
    return flags;
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
    if (length > capacity) { utrans_close(trans); return length + 16; }
    memcpy(dest, text, (size_t)length * sizeof(uint16_t));
    int32_t textLength = length, limit = length;
    utrans_transUChars(trans, (UChar *)dest, &textLength, capacity, 0, &limit, &status);
    utrans_close(trans);
    // The text grew past the buffer: ask for a buffer twice as large (ICU does not say how much it needs).
    if (status == U_BUFFER_OVERFLOW_ERROR) return (capacity > textLength ? capacity : textLength) * 2 + 16;
    if (U_FAILURE(status)) return -(int32_t)status;
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
