import Foundation

/// Reads a file's lines in blocks, so that a list of millions of paths or a JSONL output of any size is
/// never held whole. Each line comes without its `\n`; what follows the last `\n` (a line cut off
/// mid-write) is returned, not passed to `body`.
public enum LineReader {
    /// Calls `body` with each whole line and the byte offset just past its `\n`; returns the bytes after
    /// the last newline.
    @discardableResult
    public static func forEachLine(in handle: FileHandle,
                                   _ body: (_ line: ArraySlice<UInt8>, _ endOffset: UInt64) throws -> Void) rethrows -> [UInt8] {
        var pending: [UInt8] = []
        var offset: UInt64 = 0
        while true {
            let block = handle.readData(ofLength: 1 << 16)
            if block.isEmpty { break }
            pending += block
            var start = 0
            while let newline = pending[start...].firstIndex(of: 0x0A) {
                offset += UInt64(newline + 1 - start)
                try body(pending[start ..< newline], offset)
                start = newline + 1
            }
            pending.removeFirst(start)
        }
        return pending
    }
}
