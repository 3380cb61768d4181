import Yams

/// Reads one YAML mapping strictly: every key must be known, every value of the expected shape, and
/// each error names the file and line.
struct YAMLFields {
    let file: String
    let node: Node
    let mapping: Node.Mapping

    init(_ node: Node, file: String, what: String, known: Set<String>) throws(RuleLoadError) {
        guard let mapping = node.mapping else {
            throw RuleLoadError(file: file, line: node.mark?.line, message: "\(what) must be a mapping")
        }
        self.file = file
        self.node = node
        self.mapping = mapping
        for key in mapping.keys {
            let name = key.string ?? ""
            if !known.contains(name) {
                let hint = known.sorted().joined(separator: ", ")
                throw RuleLoadError(file: file, line: key.mark?.line, message: "unknown key '\(name)' in \(what) (known: \(hint))")
            }
        }
    }

    var line: Int? { node.mark?.line }

    func error(_ key: String, _ message: String) -> RuleLoadError {
        RuleLoadError(file: file, line: mapping[key]?.mark?.line ?? line, message: message)
    }

    func optionalString(_ key: String) throws(RuleLoadError) -> String? {
        guard let value = mapping[key] else { return nil }
        guard let scalar = value.scalar else { throw error(key, "'\(key)' must be text") }
        let text = scalar.string.trimmingSpaces
        return text.isEmpty ? nil : text
    }

    func string(_ key: String) throws(RuleLoadError) -> String {
        guard let text = try optionalString(key) else { throw error(key, "'\(key)' is required") }
        return text
    }

    func strings(_ key: String) throws(RuleLoadError) -> [String] {
        guard let value = mapping[key] else { return [] }
        if let scalar = value.scalar, scalar.string.isEmpty { return [] }
        guard let sequence = value.sequence else { throw error(key, "'\(key)' must be a list") }
        var out: [String] = []
        for item in sequence {
            guard let scalar = item.scalar else {
                throw RuleLoadError(file: file, line: item.mark?.line, message: "items of '\(key)' must be text")
            }
            out.append(scalar.string)
        }
        return out
    }

    func nested(_ key: String, what: String, known: Set<String>) throws(RuleLoadError) -> YAMLFields? {
        guard let value = mapping[key] else { return nil }
        return try YAMLFields(value, file: file, what: what, known: known)
    }

    func enumValue<T: RawRepresentable>(_ key: String, _ type: T.Type) throws(RuleLoadError) -> T?
    where T.RawValue == String, T: CaseIterable {
        guard let raw = try optionalString(key) else { return nil }
        guard let value = T(rawValue: raw) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: " | ")
            throw error(key, "'\(key)' must be one of \(allowed), not '\(raw)'")
        }
        return value
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
