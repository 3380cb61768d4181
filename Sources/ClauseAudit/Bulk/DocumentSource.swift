import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which files a folder walk takes. Files named on the command line or in `--from` are always taken:
/// the user asked for them by name.
public struct DocumentFilter: Sendable {
    /// Extensions the road reads.
    public static let supportedExtensions = ["txt", "text", "md", "markdown", "html", "htm", "xhtml", "docx"]
    /// Document formats people keep contracts in that the road does not read: a walk takes them by
    /// default so that each gets an `unsupported-format` record instead of vanishing from the count.
    public static let unsupportedExtensions = ["doc", "pdf", "rtf", "odt", "wps", "pages", "xls", "xlsx", "ppt", "pptx"]

    /// Lower-case extensions without the dot.
    public var extensions: Set<String>
    public var include: [PathGlob]
    public var exclude: [PathGlob]
    /// Whether to enter hidden folders and take hidden files (names starting with '.').
    public var hidden: Bool

    public init(extensions: [String] = [], include: [PathGlob] = [], exclude: [PathGlob] = [], hidden: Bool = false) {
        let cleaned = extensions.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .map { $0.hasPrefix(".") ? String($0.dropFirst()) : $0 }
            .filter { !$0.isEmpty }
        self.extensions = cleaned.isEmpty ? Set(Self.supportedExtensions + Self.unsupportedExtensions) : Set(cleaned)
        self.include = include
        self.exclude = exclude
        self.hidden = hidden
    }

    /// Whether the walk takes a file at `relativePath` (relative to the folder walked).
    public func takes(file relativePath: String) -> Bool {
        let name = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
        if !hidden && name.hasPrefix(".") { return false }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex,
              extensions.contains(name[name.index(after: dot)...].lowercased()) else { return false }
        if !include.isEmpty && !include.contains(where: { $0.matches(relativePath) }) { return false }
        return !exclude.contains { $0.matches(relativePath) }
    }

    /// Whether the walk enters a folder.
    public func enters(folder relativePath: String) -> Bool {
        let name = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
        if !hidden && name.hasPrefix(".") { return false }
        return !exclude.contains { $0.excludesFolder(relativePath) }
    }

    /// Whether the road reads files with this path's extension.
    public static func isUnsupported(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return false }
        return unsupportedExtensions.contains(name[name.index(after: dot)...].lowercased())
    }
}

/// One path the run must account for: a file to audit, or a problem found before reading it (a
/// missing path, a folder that cannot be listed), which becomes an error record.
public struct DocumentPath: Sendable, Equatable {
    /// The path to open.
    public var path: String
    public var size: Int
    public var problem: AuditError?

    public init(path: String, size: Int = 0, problem: AuditError? = nil) {
        self.path = path
        self.size = size
        self.problem = problem
    }
}

/// What a walk passed over on purpose (not documents by the filter), for the summary.
public struct DiscoveryCounts: Sendable, Equatable {
    public var documents = 0
    public var bytes = 0
    /// Files the filter did not take (extension, include/exclude globs, hidden).
    public var filesNotSelected = 0
    /// Folders the filter did not enter (exclude globs, hidden).
    public var foldersNotEntered = 0
    public init() {}
}

/// The documents of a bulk run: folders walked (sorted, depth first, so runs are repeatable) and
/// paths listed in a file. Produces paths one at a time, so a corpus of any size costs only the
/// folders being walked.
public struct DocumentSource: Sendable {
    public var roots: [String]
    /// A file with one path per line (`--from`); "-" is standard input.
    public var listFile: String?
    public var filter: DocumentFilter
    /// Files and folders the run writes itself (its output, its report folder): a walk passes over
    /// them, so a report folder inside the corpus is not audited as part of it.
    var own: Set<FileInfo.ID> = []

    public init(roots: [String], listFile: String? = nil, filter: DocumentFilter = DocumentFilter()) {
        self.roots = roots
        self.listFile = listFile
        self.filter = filter
    }

    /// Leaves the run's own files out of every walk (those that exist now).
    public mutating func excludeOwn(_ paths: [String]) {
        for path in paths { if let info = FileInfo(path) { own.insert(info.id) } }
    }

    /// Calls `body` for every document path in order; returns what was passed over.
    @discardableResult
    public func forEach(_ body: (DocumentPath) -> Void) -> DiscoveryCounts {
        var counts = DiscoveryCounts()
        // Kept apart from `counts`, which the walk holds inout while it calls `emit`.
        var documents = 0, bytes = 0
        let emit: (DocumentPath) -> Void = { path in
            documents += 1
            bytes += path.size
            body(path)
        }
        for root in roots { visit(root, explicit: true, counts: &counts, emit) }
        if let listFile {
            readList(listFile, counts: &counts, emit)
        }
        counts.documents = documents
        counts.bytes = bytes
        return counts
    }

    private func readList(_ file: String, counts: inout DiscoveryCounts, _ emit: (DocumentPath) -> Void) {
        let handle = file == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: file)
        guard let handle else {
            emit(DocumentPath(path: file, problem: AuditError(code: "unreadable", message: "无法读取路径列表（cannot read the list of paths \(file)）")))
            return
        }
        func flushLine(_ line: ArraySlice<UInt8>) {
            var text = String(decoding: line, as: UTF8.self)
            if text.hasSuffix("\r") { text.removeLast() }
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return }
            visit(text, explicit: true, counts: &counts, emit)
        }
        let tail = LineReader.forEachLine(in: handle) { line, _ in flushLine(line) }
        if !tail.isEmpty { flushLine(tail[...]) }
        if file != "-" { try? handle.close() }
    }

    /// A path named by the user, or met in a walk.
    private func visit(_ path: String, explicit: Bool, counts: inout DiscoveryCounts, _ emit: (DocumentPath) -> Void) {
        guard let info = FileInfo(path) else {
            emit(DocumentPath(path: path, problem: AuditError(code: "not-found", message: "文件不存在（no such file or folder）")))
            return
        }
        if info.isDirectory {
            var stack: Set<FileInfo.ID> = [info.id]
            walk(folder: path, relative: "", stack: &stack, counts: &counts, emit)
        } else {
            emit(DocumentPath(path: path, size: info.size))
        }
    }

    private func walk(folder: String, relative: String, stack: inout Set<FileInfo.ID>,
                      counts: inout DiscoveryCounts, _ emit: (DocumentPath) -> Void) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            emit(DocumentPath(path: folder, problem: AuditError(code: "unreadable", message: "无法读取文件夹（cannot list the folder）")))
            return
        }
        // Byte order, so the same tree is walked the same way on every machine.
        for name in names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            let full = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            guard let info = FileInfo(full) else {
                // A dangling link: the user's tree names a file that is not there.
                if filter.takes(file: rel) {
                    emit(DocumentPath(path: full, problem: AuditError(code: "not-found", message: "链接指向的文件不存在（dangling link）")))
                } else {
                    counts.filesNotSelected += 1
                }
                continue
            }
            if own.contains(info.id) {
                if info.isDirectory { counts.foldersNotEntered += 1 } else { counts.filesNotSelected += 1 }
                continue
            }
            if info.isDirectory {
                guard filter.enters(folder: rel) else {
                    counts.foldersNotEntered += 1
                    continue
                }
                guard !stack.contains(info.id) else {
                    emit(DocumentPath(path: full, problem: AuditError(code: "link-loop", message: "链接构成循环，未进入（a link leads back into a folder being walked）")))
                    continue
                }
                stack.insert(info.id)
                walk(folder: full, relative: rel, stack: &stack, counts: &counts, emit)
                stack.remove(info.id)
            } else if filter.takes(file: rel) {
                emit(DocumentPath(path: full, size: info.size))
            } else {
                counts.filesNotSelected += 1
            }
        }
    }

    /// Counts the documents and bytes a run will see, for the progress bar's total. Walks the same
    /// way without keeping anything.
    public func census() -> DiscoveryCounts {
        var source = self
        if listFile == "-" { source.listFile = nil }  // standard input can be read only once
        return source.forEach { _ in }
    }
}

/// What `stat` says about a path (links followed).
struct FileInfo {
    struct ID: Hashable { var device: UInt64; var inode: UInt64 }
    var id: ID
    var isDirectory: Bool
    var isRegular: Bool
    var size: Int

    init?(_ path: String) {
        var s = stat()
        guard stat(path, &s) == 0 else { return nil }
        id = ID(device: UInt64(s.st_dev), inode: UInt64(s.st_ino))
        isDirectory = (s.st_mode & S_IFMT) == S_IFDIR
        isRegular = (s.st_mode & S_IFMT) == S_IFREG
        size = Int(s.st_size)
    }
}
