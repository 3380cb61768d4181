// Decoding: any bytes, with detection, with a named encoding, leniently. Never a crash; a decoded text
// answers every question about its positions.
import ClauseText
import FuzzSupport

let encodings: [String?] = [nil, nil, "UTF-8", "GB18030", "GBK", "Big5", "UTF-16LE", "UTF-16BE", "UTF-32", "Shift_JIS"]

fuzz { bytes in
    var random = InputRandom(bytes)
    let options = DecodeOptions(encoding: encodings[random.next(0 ... encodings.count - 1)], lenient: random.next(0 ... 1) == 1)
    guard let decoded = try? TextDecoder.decode(bytes, options: options) else { return }
    let text = decoded.text
    let n = text.units.count
    precondition(text.scalarCount <= n)
    for _ in 0 ..< 8 {
        let offset = random.next(0 ... n)
        let scalar = text.scalarOffset(offset)
        precondition(scalar >= 0 && scalar <= text.scalarCount, "scalar offset \(scalar) of \(offset)")
        let (line, column) = text.lineAndColumn(offset)
        precondition(line >= 1 && column >= 1, "line \(line) column \(column) at \(offset)")
        _ = text.slice(random.range(in: n))
    }
}
