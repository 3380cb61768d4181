/// The kinds of document the road reads. Taken from the file's extension unless the user names one.
public enum InputFormat: String, Sendable, CaseIterable {
    case text, markdown, html, docx

    /// The format for a path's extension; plain text when the extension says nothing.
    public init(path: String) {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "md", "markdown": self = .markdown
        case "html", "htm", "xhtml": self = .html
        case "docx": self = .docx
        default: self = .text
        }
    }
}
