/// Strict UTF-8 → UTF-16 in one pass: the common case (valid UTF-8) needs no ICU call and no second
/// validation pass. Well-formedness follows Unicode's table 3-7 (no overlongs, no surrogates, nothing
/// above U+10FFFF), the same as ICU's UTF-8 converter, so the first bad offset agrees with ICU's.
enum UTF8Transcoding {
    enum Outcome {
        case valid([UInt16])
        /// Byte offset of the first byte of the first ill-formed sequence.
        case invalid(byteOffset: Int)
    }

    static func transcode(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        let n = bytes.count
        guard let src = bytes.baseAddress, n > 0 else { return .valid([]) }
        var bad = -1
        // UTF-16 never needs more units than UTF-8 has bytes.
        let units = [UInt16](unsafeUninitializedCapacity: n) { out, count in
            let dst = out.baseAddress!
            var i = 0, o = 0
            while i < n {
                // ASCII runs, eight bytes at a time.
                while i + 8 <= n {
                    let word = UnsafeRawPointer(src + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 != 0 { break }
                    for k in 0 ..< 8 { dst[o + k] = UInt16(src[i + k]) }
                    i += 8; o += 8
                }
                if i >= n { break }
                let b0 = src[i]
                if b0 < 0x80 { dst[o] = UInt16(b0); i += 1; o += 1; continue }
                // The allowed range of the second byte depends on the first (table 3-7).
                var need = 0, low: UInt8 = 0x80, high: UInt8 = 0xBF, scalar: UInt32 = 0
                switch b0 {
                case 0xC2 ... 0xDF: need = 1; scalar = UInt32(b0 & 0x1F)
                case 0xE0: need = 2; low = 0xA0; scalar = 0
                case 0xE1 ... 0xEC, 0xEE ... 0xEF: need = 2; scalar = UInt32(b0 & 0x0F)
                case 0xED: need = 2; high = 0x9F; scalar = 0x0D
                case 0xF0: need = 3; low = 0x90; scalar = 0
                case 0xF1 ... 0xF3: need = 3; scalar = UInt32(b0 & 0x07)
                case 0xF4: need = 3; high = 0x8F; scalar = 4
                default: bad = i
                }
                if bad >= 0 { break }
                if i + need >= n { bad = i; break }  // cut off at the end
                let b1 = src[i + 1]
                if b1 < low || b1 > high { bad = i; break }
                scalar = scalar << 6 | UInt32(b1 & 0x3F)
                var k = 2
                while k <= need {
                    let b = src[i + k]
                    if b & 0xC0 != 0x80 { bad = i; break }
                    scalar = scalar << 6 | UInt32(b & 0x3F)
                    k += 1
                }
                if bad >= 0 { break }
                if scalar < 0x10000 {
                    dst[o] = UInt16(scalar); o += 1
                } else {
                    let v = scalar - 0x10000
                    dst[o] = UInt16(0xD800 + (v >> 10)); dst[o + 1] = UInt16(0xDC00 + (v & 0x3FF)); o += 2
                }
                i += need + 1
            }
            count = bad >= 0 ? 0 : o
        }
        return bad >= 0 ? .invalid(byteOffset: bad) : .valid(units)
    }
}
