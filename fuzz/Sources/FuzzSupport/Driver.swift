// The glue between libFuzzer and a fuzz target. SwiftPM renames an executable's `main`, so libFuzzer's
// own `main` cannot be used: the target's main.swift calls `fuzz { ... }`, which hands control to
// libFuzzer through LLVMFuzzerRunDriver. A failed check is a `precondition`: libFuzzer records the
// input that crashed and stops.
import Foundation

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                                 _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                                 _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

nonisolated(unsafe) private var target: (([UInt8]) -> Void)?

private func runOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    target?(bytes)
    return 0
}

/// Runs `body` on every input libFuzzer makes (or on the files named on the command line).
public func fuzz(_ body: @escaping ([UInt8]) -> Void) -> Never {
    target = body
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, runOne))
}

/// A small deterministic generator seeded from the input, for choices a target makes (ranges to map).
public struct InputRandom {
    private var state: UInt64
    public init(_ bytes: [UInt8]) {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        state = h
    }
    public mutating func next(_ range: ClosedRange<Int>) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return range.lowerBound + Int(z % UInt64(range.count))
    }
    /// A random range within 0 ..< count (possibly empty).
    public mutating func range(in count: Int) -> Range<Int> {
        let a = next(0 ... count), b = next(0 ... count)
        return min(a, b) ..< max(a, b)
    }
}

/// The text of the input as UTF-16: UTF-8 where it is valid, each other byte as U+FFFD; a first byte
/// of 0xFE takes the rest as raw UTF-16LE code units instead (lone surrogates included).
public func units(of bytes: [UInt8]) -> [UInt16] {
    if bytes.first == 0xFE {
        var out: [UInt16] = []
        var i = 1
        while i + 1 < bytes.count {
            out.append(UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8)
            i += 2
        }
        return out
    }
    return Array(String(decoding: bytes, as: UTF8.self).utf16)
}

/// Checks an offset map from `target` back to `source` on ranges chosen from the input: every range
/// maps inside the source, and ranges in order map to ranges in order.
public func checkMap(_ sourceRange: (Range<Int>) -> Range<Int>, targetCount: Int, sourceCount: Int,
                     _ random: inout InputRandom, what: String) {
    var previous = 0
    for _ in 0 ..< 16 {
        let r = random.range(in: targetCount)
        let s = sourceRange(r)
        precondition(s.lowerBound >= 0 && s.upperBound <= sourceCount, "\(what): \(r) maps to \(s), outside 0..<\(sourceCount)")
    }
    // Monotonic: the start of each unit, in order.
    for offset in stride(from: 0, through: targetCount, by: max(1, targetCount / 64)) {
        let s = sourceRange(offset ..< offset)
        precondition(s.lowerBound >= previous, "\(what): offset \(offset) maps back to \(s.lowerBound), before \(previous)")
        previous = s.lowerBound
    }
}
