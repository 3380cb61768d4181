import ClauseAudit

/// The baseline file (`--write-baseline`), written in a stable order so that it diffs well in review.
public enum BaselineReport {
    public static func render(_ baseline: Baseline) -> String {
        let entries = baseline.entries.map { entry -> JSONValue in
            .object([("path", .string(entry.path)), ("rule", .string(entry.rule)), ("fingerprint", .string(entry.fingerprint)),
                     ("line", .int(entry.line)), ("text", .string(entry.text))])
        }
        return JSONValue.object([
            ("version", .int(Baseline.formatVersion)),
            ("tool", .string("\(ToolInfo.name) \(ToolInfo.version)")),
            ("findings", .array(entries)),
        ]).serialized(pretty: true) + "\n"
    }
}
