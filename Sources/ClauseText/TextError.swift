/// Why a document could not be read. Each case names what the user must know to fix it; the path of
/// the file is added by whoever reports the error.
public enum TextError: Error, Equatable, Sendable {
    /// Bytes at `byteOffset` are not valid in `encoding`.
    case undecodable(encoding: String, byteOffset: Int)
    /// The user named an encoding ICU does not know.
    case unknownEncoding(String)
    /// NUL bytes or control bytes that no text file has: the first one at `byteOffset`.
    case binary(byteOffset: Int)
    /// A DOCX that is not a ZIP, lacks word/document.xml, or whose XML is broken.
    case brokenDocx(String)
    /// More than the configured limit (a DOCX part that inflates too far, a file too large).
    case tooLarge(String)
    /// HTML or Markdown the extractor could not make sense of.
    case malformed(String)

    /// A short code for machine-readable error records.
    public var code: String {
        switch self {
        case .undecodable: "undecodable"
        case .unknownEncoding: "unknown-encoding"
        case .binary: "binary"
        case .brokenDocx: "broken-docx"
        case .tooLarge: "too-large"
        case .malformed: "malformed"
        }
    }

    public var message: String {
        switch self {
        case let .undecodable(encoding, offset):
            "无法按 \(encoding) 解码：第 \(offset) 字节起的字节序列无效（bytes at offset \(offset) are not valid \(encoding); use --encoding or --lenient）"
        case let .unknownEncoding(name):
            "未知的字符编码 \(name)（unknown encoding）"
        case let .binary(offset):
            "这是二进制文件，不是文本（binary file: NUL or control byte at offset \(offset)）"
        case let .brokenDocx(why):
            "DOCX 文件已损坏（broken DOCX: \(why)）"
        case let .tooLarge(why):
            "文件过大（too large: \(why)）"
        case let .malformed(why):
            "无法解析文档（malformed: \(why)）"
        }
    }
}
