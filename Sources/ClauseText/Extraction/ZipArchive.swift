import CZlib

/// A read-only ZIP reader for DOCX packages, with hard limits.
///
/// Why not ZIPFoundation's `Archive.extract`: on Linux its inflate loop (0.9.20) keeps asking for
/// input after the end of the file when a deflate stream is cut short, and spins forever on such a
/// file (a non-final stored block at the end is enough). A document checker must not hang on a
/// hostile file, so this reader bounds the input to the entry's compressed size, stops as soon as the
/// output passes the limit (whatever the headers claim), and checks the CRC. It uses the zlib that
/// ZIPFoundation already links (its `CZlib` module). ZIPFoundation still builds the test packages.
struct ZipArchive {
    struct Entry {
        var path: String
        var method: UInt16
        var flags: UInt16
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    let bytes: [UInt8]
    private(set) var entries: [Entry] = []
    private var index: [String: Int] = [:]

    init(_ bytes: [UInt8], maxEntries: Int) throws(TextError) {
        self.bytes = bytes
        let n = bytes.count
        guard n >= 22 else { throw .brokenDocx("not a ZIP archive (\(n) bytes)") }
        guard let eocd = Self.findEndOfCentralDirectory(bytes) else {
            throw .brokenDocx("not a ZIP archive (no end-of-central-directory record; truncated or another format)")
        }
        var count = Int(u16(eocd + 10))
        var directorySize = Int(u32(eocd + 12))
        var directoryOffset = Int(u32(eocd + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: the real figures are in the ZIP64 end record, found through its locator.
            let locator = eocd - 20
            guard locator >= 0, u32(locator) == 0x0706_4B50 else { throw .brokenDocx("ZIP64 locator missing") }
            let record = u64(locator + 8)
            guard record <= UInt64(n - 56), u32(Int(record)) == 0x0606_4B50 else {
                throw .brokenDocx("ZIP64 end record missing")
            }
            let r = Int(record)
            guard u64(r + 32) <= UInt64(Int.max / 2), u64(r + 40) <= UInt64(n), u64(r + 48) <= UInt64(n) else {
                throw .brokenDocx("ZIP64 end record out of range")
            }
            count = Int(u64(r + 32)); directorySize = Int(u64(r + 40)); directoryOffset = Int(u64(r + 48))
        }
        guard count <= maxEntries else {
            throw .tooLarge("the archive has \(count) entries; the limit is \(maxEntries)")
        }
        guard directoryOffset <= n, directorySize <= n - directoryOffset else {
            throw .brokenDocx("the central directory lies outside the file (truncated?)")
        }
        var p = directoryOffset
        let end = directoryOffset + directorySize
        entries.reserveCapacity(count)
        for k in 0 ..< count {
            guard p + 46 <= end, u32(p) == 0x0201_4B50 else {
                throw .brokenDocx("central directory entry \(k + 1) of \(count) is damaged")
            }
            let nameLength = Int(u16(p + 28)), extraLength = Int(u16(p + 30)), commentLength = Int(u16(p + 32))
            let next = p + 46 + nameLength + extraLength + commentLength
            guard next <= end else { throw .brokenDocx("central directory entry \(k + 1) is cut short") }
            var entry = Entry(
                path: String(decoding: bytes[p + 46 ..< p + 46 + nameLength], as: UTF8.self),
                method: u16(p + 10), flags: u16(p + 8), crc32: u32(p + 16),
                compressedSize: Int(u32(p + 20)), uncompressedSize: Int(u32(p + 24)),
                localHeaderOffset: Int(u32(p + 42)))
            try readZip64Extra(&entry, extra: p + 46 + nameLength, length: extraLength)
            index[entry.path] = entries.count
            entries.append(entry)
            p = next
        }
    }

    /// Sizes and offsets too large for 32 bits are 0xFFFFFFFF, with the real values in extra field 1.
    private func readZip64Extra(_ entry: inout Entry, extra start: Int, length: Int) throws(TextError) {
        let needs = [entry.uncompressedSize, entry.compressedSize, entry.localHeaderOffset].map { $0 == 0xFFFF_FFFF }
        guard needs.contains(true) else { return }
        var p = start
        while p + 4 <= start + length {
            let id = u16(p), size = Int(u16(p + 2))
            if id == 1 {
                var q = p + 4
                func take() -> Int? {
                    guard q + 8 <= p + 4 + size, u64(q) <= UInt64(Int.max / 2) else { return nil }
                    defer { q += 8 }
                    return Int(u64(q))
                }
                if needs[0] { guard let v = take() else { break }; entry.uncompressedSize = v }
                if needs[1] { guard let v = take() else { break }; entry.compressedSize = v }
                if needs[2] { guard let v = take() else { break }; entry.localHeaderOffset = v }
                return
            }
            p += 4 + size
        }
        throw .brokenDocx("\(entry.path): ZIP64 sizes missing")
    }

    func entry(_ path: String) -> Entry? { index[path].map { entries[$0] } }

    /// The entry's contents, inflated. Throws `.tooLarge` as soon as more than `limit` bytes come out.
    func read(_ entry: Entry, limit: Int) throws(TextError) -> [UInt8] {
        let name = entry.path
        guard entry.flags & 1 == 0 else { throw .brokenDocx("\(name) is encrypted") }
        guard entry.uncompressedSize <= limit else {
            throw .tooLarge("\(name) would inflate to \(entry.uncompressedSize) bytes; the limit is \(limit)")
        }
        let p = entry.localHeaderOffset
        guard p <= bytes.count - 30, u32(p) == 0x0403_4B50 else {
            throw .brokenDocx("\(name): local header missing or damaged")
        }
        let dataStart = p + 30 + Int(u16(p + 26)) + Int(u16(p + 28))
        guard dataStart <= bytes.count, entry.compressedSize <= bytes.count - dataStart else {
            throw .brokenDocx("\(name): compressed data runs past the end of the file (truncated?)")
        }
        let output: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize <= limit else {
                throw .tooLarge("\(name) holds \(entry.compressedSize) bytes; the limit is \(limit)")
            }
            output = Array(bytes[dataStart ..< dataStart + entry.compressedSize])
        case 8:
            output = try inflate(from: dataStart, count: entry.compressedSize, limit: limit, name: name)
        default:
            throw .brokenDocx("\(name) uses compression method \(entry.method), which DOCX does not use")
        }
        let crc = output.withUnsafeBufferPointer { buffer in
            UInt32(truncatingIfNeeded: crc32(0, buffer.baseAddress, UInt32(buffer.count)))
        }
        guard crc == entry.crc32 else { throw .brokenDocx("\(name): checksum mismatch (damaged data)") }
        return output
    }

    /// Raw deflate from `bytes[start ..< start + count]`, never reading outside it, never writing more
    /// than `limit` bytes.
    private func inflate(from start: Int, count: Int, limit: Int, name: String) throws(TextError) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .brokenDocx("zlib could not start")
        }
        defer { inflateEnd(&stream) }
        let chunkSize = 1 << 16
        var output: [UInt8] = []
        output.reserveCapacity(min(max(count, 0) * 4, limit, 1 << 24))
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var failure: TextError?
        bytes.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + start)
            stream.avail_in = UInt32(count)
            chunk.withUnsafeMutableBufferPointer { out in
                while true {
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(chunkSize)
                    let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    let produced = chunkSize - Int(stream.avail_out)
                    if output.count + produced > limit {
                        failure = .tooLarge("\(name) inflates past \(limit) bytes (stopped there)")
                        return
                    }
                    output.append(contentsOf: out[0 ..< produced])
                    switch status {
                    case Z_STREAM_END:
                        return
                    case Z_OK:
                        continue
                    case Z_BUF_ERROR where stream.avail_in == 0:
                        failure = .brokenDocx("\(name): compressed data ends early (truncated?)")
                        return
                    default:
                        failure = .brokenDocx("\(name): compressed data is damaged (zlib \(status))")
                        return
                    }
                }
            }
        }
        if let failure { throw failure }
        return output
    }

    private static func findEndOfCentralDirectory(_ b: [UInt8]) -> Int? {
        let n = b.count
        var p = n - 22
        let lowest = max(0, n - 22 - 0xFFFF)
        while p >= lowest {
            if b[p] == 0x50 && b[p + 1] == 0x4B && b[p + 2] == 0x05 && b[p + 3] == 0x06 {
                let commentLength = Int(b[p + 20]) | Int(b[p + 21]) << 8
                if p + 22 + commentLength <= n { return p }
            }
            p -= 1
        }
        return nil
    }

    private func u16(_ p: Int) -> UInt16 { UInt16(bytes[p]) | UInt16(bytes[p + 1]) << 8 }
    private func u32(_ p: Int) -> UInt32 { UInt32(u16(p)) | UInt32(u16(p + 2)) << 16 }
    private func u64(_ p: Int) -> UInt64 { UInt64(u32(p)) | UInt64(u32(p + 4)) << 32 }
}
