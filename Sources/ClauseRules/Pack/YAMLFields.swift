import Foundation
import Yams

/// Reads one YAML mapping strictly: every key must be known, every value of the expected shape, and
/// each error names the file and line. Public so that other strict readers (the linter's
/// `.clause-audit.yml`) validate the same way.
public struct YAMLFields {
    public let file: String
    public let node: Node
    public let mapping: Node.Mapping
    /// The values by key: a `Node.Mapping` finds a key by comparing it with every key in turn, which
    /// was a fifth of loading the rule pack.
    private let values: [String: Node]

    public init(_ node: Node, file: String, what: String, known: Set<String>) throws(RuleLoadError) {
        guard let mapping = node.mapping else {
            throw RuleLoadError(file: file, line: node.mark?.line, message: "\(what) must be a mapping")
        }
        self.file = file
        self.node = node
        self.mapping = mapping
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            // The first of two equal keys, as a mapping lookup would find (YAML refuses duplicates).
            if let name = key.string, values[name] == nil { values[name] = value }
        }
        self.values = values
        for key in mapping.keys {
            let name = key.string ?? ""
            if !known.contains(name) {
                let hint = known.sorted().joined(separator: ", ")
                throw RuleLoadError(file: file, line: key.mark?.line, message: "unknown key '\(name)' in \(what) (known: \(hint))")
            }
        }
    }

    public var line: Int? { node.mark?.line }

    public func error(_ key: String, _ message: String) -> RuleLoadError {
        RuleLoadError(file: file, line: values[key]?.mark?.line ?? line, message: message)
    }

    public func optionalString(_ key: String) throws(RuleLoadError) -> String? {
        guard let value = values[key] else { return nil }
        guard let scalar = value.scalar else { throw error(key, "'\(key)' must be text") }
        let text = scalar.string.trimmingSpaces.unfoldingChineseLines
        return text.isEmpty ? nil : text
    }

    public func string(_ key: String) throws(RuleLoadError) -> String {
        guard let text = try optionalString(key) else { throw error(key, "'\(key)' is required") }
        return text
    }

    public func strings(_ key: String) throws(RuleLoadError) -> [String] {
        guard let value = values[key] else { return [] }
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

    public func nested(_ key: String, what: String, known: Set<String>) throws(RuleLoadError) -> YAMLFields? {
        guard let value = values[key] else { return nil }
        return try YAMLFields(value, file: file, what: what, known: known)
    }

    public func enumValue<T: RawRepresentable>(_ key: String, _ type: T.Type) throws(RuleLoadError) -> T?
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
    /// YAML's folded scalars (`>-`) join lines with a space, which Chinese text does not want: a space
    /// between two non-ASCII characters goes.
    var unfoldingChineseLines: String {
        guard utf8.contains(UInt8(ascii: " ")) else { return self }
        var out = String.UnicodeScalarView()
        let scalars = Array(unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            if scalar == " ", i > 0, i + 1 < scalars.count, !scalars[i - 1].isASCII, !scalars[i + 1].isASCII { continue }
            out.append(scalar)
        }
        return String(out)
    }

    public var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}

extension YAMLFields {
    /// Parses a YAML file into a node; nil when the file holds no document (empty or only comments).
    /// Problems name the file and, where YAML knows it, the line.
    public static func parse(file: String) throws(RuleLoadError) -> Node? {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw RuleLoadError(file: file, line: nil, message: "cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RuleLoadError(file: file, line: nil, message: "is not UTF-8")
        }
        do {
            // Every value is read as text (`scalar.string`), so YAML's type guessing (a regular
            // expression per scalar, a tenth of the start-up) is skipped: the basic resolver.
            return try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw RuleLoadError(file: file, line: error.line, message: "YAML: \(error.problem)")
        } catch {
            throw RuleLoadError(file: file, line: nil, message: "YAML: \(error)")
        }
    }
}
