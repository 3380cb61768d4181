import Foundation

/// Picking up an interrupted run from its JSONL output: the paths already there are done, their
/// records count in the summary, and a last line cut off mid-write is dropped so that appending
/// continues with whole records.
public enum BulkResume {
    public struct State: Sendable {
        public var done: Set<String> = []
        public var summary: BulkSummary
        /// Bytes of whole records; anything after this was a torn line and has been cut off.
        public var validLength: UInt64 = 0
        /// Lines that were not records (left in place, not counted).
        public var unreadableLines = 0
    }

    /// Reads `path` (if it exists), cuts off a torn last line, and returns what is done. A missing
    /// file is a fresh start.
    public static func load(_ path: String, summary: BulkSummary) throws -> State {
        var state = State(summary: summary)
        guard FileManager.default.fileExists(atPath: path) else { return state }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw AuditError(code: "unreadable", message: "cannot read \(path) to resume from it")
        }
        let tail = LineReader.forEachLine(in: handle) { bytes, end in
            let line = String(decoding: bytes, as: UTF8.self)
            if !line.trimmingCharacters(in: .whitespaces).isEmpty {
                if let digest = BulkDigest(jsonLine: line) {
                    if state.done.insert(digest.path).inserted { state.summary.add(digest) }
                } else {
                    state.unreadableLines += 1
                }
            }
            state.validLength = end
        }
        try? handle.close()
        if !tail.isEmpty {
            // A record is written with its newline in one go; a line without one was cut off.
            guard let writer = FileHandle(forWritingAtPath: path) else {
                throw AuditError(code: "unreadable", message: "cannot write \(path) to resume it")
            }
            try writer.truncate(atOffset: state.validLength)
            try writer.close()
        }
        return state
    }
}
