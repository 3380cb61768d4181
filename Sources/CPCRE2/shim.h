// PCRE2 with no default code-unit width: Swift calls the explicit 16-bit names (pcre2_compile_16, ...).
#define PCRE2_CODE_UNIT_WIDTH 0
#include <pcre2.h>
