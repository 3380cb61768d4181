// Only CICUShim imports this module: ICU's types must never reach a Swift module that also sees
// Foundation's private ICU (_FoundationICU).
#include <unicode/utypes.h>
