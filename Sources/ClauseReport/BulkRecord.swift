import ClauseAudit

/// The JSONL record of one document in a bulk run: the spec's report object, grown by what a run
/// over many files needs: `document.sha256` and `document.bytes` (identical documents share the
/// hash), and `duplicate_of` naming the first path with the same content when the result was taken
/// from it.
public enum BulkRecord {
    public static func value(_ item: BulkItem, rulesVersion: String) -> JSONValue {
        guard case var .object(pairs) = JSONReport.value(item.result, rulesVersion: rulesVersion) else {
            return JSONReport.value(item.result, rulesVersion: rulesVersion)
        }
        if let index = pairs.firstIndex(where: { $0.0 == "document" }), case var .object(document) = pairs[index].1 {
            document.append(("sha256", .optional(item.sha256)))
            document.append(("bytes", .int(item.size)))
            pairs[index].1 = .object(document)
        }
        if let first = item.duplicateOf { pairs.append(("duplicate_of", .string(first))) }
        return .object(pairs)
    }

    /// One line, with its newline.
    public static func line(_ item: BulkItem, rulesVersion: String) -> String {
        value(item, rulesVersion: rulesVersion).serialized() + "\n"
    }
}
