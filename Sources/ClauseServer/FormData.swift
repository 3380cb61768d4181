/// The fields of a submitted form, as bytes: the browser's `multipart/form-data` (with files) and
/// `application/x-www-form-urlencoded`. Written here rather than taken from a package because the
/// server needs only this much, and must fail with a reason rather than guess.
struct FormData: Sendable, Equatable {
    struct Part: Sendable, Equatable {
        var name: String
        /// The file name the browser sent (only for file inputs; may be empty when none was chosen).
        var filename: String?
        var contentType: String?
        var data: [UInt8]
    }

    var parts: [Part] = []

    /// The first field of that name.
    subscript(name: String) -> Part? { parts.first { $0.name == name } }

    /// The text of a field, or nil when the field is missing.
    func string(_ name: String) -> String? {
        self[name].map { String(decoding: $0.data, as: UTF8.self) }
    }

    struct Malformed: Error, Equatable {
        var reason: String
    }

    // MARK: urlencoded

    /// `a=1&b=%E4%B8%AD+x`: `+` is a space, `%XX` a byte.
    static func urlEncoded(_ body: [UInt8]) throws(Malformed) -> FormData {
        var form = FormData()
        for pair in body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let halves = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = try percentDecoded(halves[0])
            let value = halves.count > 1 ? try percentDecoded(halves[1]) : []
            form.parts.append(Part(name: String(decoding: name, as: UTF8.self), data: value))
        }
        return form
    }

    static func percentDecoded(_ bytes: some Collection<UInt8>, plusIsSpace: Bool = true) throws(Malformed) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i != bytes.endIndex {
            let b = bytes[i]
            if b == UInt8(ascii: "+") && plusIsSpace {
                out.append(0x20)
            } else if b == UInt8(ascii: "%") {
                let h = bytes.index(after: i)
                guard h != bytes.endIndex, bytes.index(after: h) != bytes.endIndex,
                      let high = hexValue(bytes[h]), let low = hexValue(bytes[bytes.index(after: h)]) else {
                    throw Malformed(reason: "a '%' not followed by two hex digits")
                }
                out.append(high << 4 | low)
                i = bytes.index(after: bytes.index(after: h))
                continue
            } else {
                out.append(b)
            }
            i = bytes.index(after: i)
        }
        return out
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0") ... UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a") ... UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A") ... UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    // MARK: multipart

    /// RFC 7578: parts separated by `--boundary` lines, each with headers, a blank line and its bytes.
    static func multipart(_ body: [UInt8], boundary: String) throws(Malformed) -> FormData {
        guard !boundary.isEmpty, boundary.utf8.count <= 200 else { throw Malformed(reason: "no usable multipart boundary") }
        let dash = Array("--\(boundary)".utf8)
        let delimiter = [0x0D, 0x0A] + dash
        // The first boundary may open the body or follow a preamble.
        var at: Int
        if body.starts(with: dash) {
            at = dash.count
        } else if let first = find(delimiter, in: body, from: 0) {
            at = first + delimiter.count
        } else {
            throw Malformed(reason: "the multipart boundary does not occur in the body")
        }
        var form = FormData()
        while true {
            // After a boundary: "--" ends the body, CRLF starts a part.
            if at + 1 < body.count, body[at] == UInt8(ascii: "-"), body[at + 1] == UInt8(ascii: "-") { return form }
            guard at + 1 < body.count, body[at] == 0x0D, body[at + 1] == 0x0A else {
                throw Malformed(reason: "the multipart body ends without its closing boundary")
            }
            at += 2
            guard let headerEnd = find([0x0D, 0x0A, 0x0D, 0x0A], in: body, from: at) else {
                throw Malformed(reason: "a multipart part has no end to its headers")
            }
            let headers = String(decoding: body[at ..< headerEnd], as: UTF8.self)
            let start = headerEnd + 4
            guard let end = nextDelimiter(delimiter, in: body, from: start) else {
                throw Malformed(reason: "a multipart part is cut off (no boundary after it)")
            }
            form.parts.append(try part(headers: headers, data: Array(body[start ..< end])))
            at = end + delimiter.count
        }
    }

    private static func part(headers: String, data: [UInt8]) throws(Malformed) -> Part {
        var name: String?
        var filename: String?
        var contentType: String?
        for line in headers.split(whereSeparator: { $0 == "\r\n" || $0 == "\n" }) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingSpaces.lowercased()
            let value = String(line[line.index(after: colon)...])
            if key == "content-disposition" {
                let params = parameters(value)
                name = params["name"]
                filename = params["filename*"].flatMap(extendedValue) ?? params["filename"]
            } else if key == "content-type" {
                contentType = value.trimmingSpaces
            }
        }
        guard let name else { throw Malformed(reason: "a multipart part has no field name") }
        return Part(name: name, filename: filename, contentType: contentType, data: data)
    }

    /// `form-data; name="a"; filename="b c.txt"` → ["name": "a", "filename": "b c.txt"]. Quoted
    /// values may escape a quote with a backslash (curl does; browsers write %22).
    static func parameters(_ header: String) -> [String: String] {
        var out: [String: String] = [:]
        var scalars = Substring(header).unicodeScalars[...]
        // Skip the disposition type itself.
        if let semi = scalars.firstIndex(of: ";") { scalars = scalars[scalars.index(after: semi)...] } else { return out }
        while !scalars.isEmpty {
            while let c = scalars.first, c == " " || c == "\t" || c == ";" { scalars.removeFirst() }
            guard let eq = scalars.firstIndex(of: "=") else { break }
            let key = String(String.UnicodeScalarView(scalars[..<eq])).trimmingSpaces.lowercased()
            scalars = scalars[scalars.index(after: eq)...]
            var value = String.UnicodeScalarView()
            if scalars.first == "\"" {
                scalars.removeFirst()
                while let c = scalars.first {
                    scalars.removeFirst()
                    if c == "\\", scalars.first == "\"" {
                        // Only an escaped quote: browsers send backslashes in names as they are.
                        let next = scalars.first!
                        value.append(next)
                        scalars.removeFirst()
                    } else if c == "\"" {
                        break
                    } else {
                        value.append(c)
                    }
                }
            } else {
                while let c = scalars.first, c != ";" {
                    value.append(c)
                    scalars.removeFirst()
                }
            }
            if out[key] == nil { out[key] = String(value).trimmingSpaces }
        }
        return out
    }

    /// RFC 5987 `UTF-8''%E5%90%88.txt`.
    private static func extendedValue(_ value: String) -> String? {
        let pieces = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3, pieces[0].lowercased() == "utf-8",
              let bytes = try? percentDecoded(Array(pieces[2].utf8), plusIsSpace: false) else {
            return nil
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// The next delimiter that really is one: followed by CRLF, "--" or the end of the body (the
    /// same bytes followed by anything else are content).
    private static func nextDelimiter(_ delimiter: [UInt8], in body: [UInt8], from: Int) -> Int? {
        var at = from
        while let found = find(delimiter, in: body, from: at) {
            let next = found + delimiter.count
            if next + 1 >= body.count { return found }
            if (body[next] == 0x0D && body[next + 1] == 0x0A) || (body[next] == UInt8(ascii: "-") && body[next + 1] == UInt8(ascii: "-")) {
                return found
            }
            at = found + 1
        }
        return nil
    }

    /// The first occurrence of `needle` in `haystack` at or after `from`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, haystack.count - from >= needle.count else { return nil }
        return haystack.withUnsafeBufferPointer { hay -> Int? in
            needle.withUnsafeBufferPointer { pin -> Int? in
                var i = from
                let last = hay.count - pin.count
                while i <= last {
                    // Scan for the first byte, then compare the rest.
                    guard let at = (i ... last).first(where: { hay[$0] == first }) else { return nil }
                    var j = 1
                    while j < pin.count && hay[at + j] == pin[j] { j += 1 }
                    if j == pin.count { return at }
                    i = at + 1
                }
                return nil
            }
        }
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
