import ClauseRules
import ClauseText
import Foundation

/// Runs the road for one document: bytes → text → plain text → matching text → findings in the
/// user's own text. One `Auditor` serves every thread; each thread passes its own `MatchScratch`.
public final class Auditor: Sendable {
    public let engine: RuleEngine
    /// `.clause-audit.yml`: rules and categories switched off or given another severity.
    public let configuration: Configuration?

    public init(engine: RuleEngine, configuration: Configuration? = nil) {
        self.engine = engine
        self.configuration = configuration
    }

    /// How to read a document; the user sets these on the command line.
    public struct Options: Sendable {
        public var encoding: String?
        public var lenient = false
        public var format: InputFormat?
        public var docxLimits = DocxLimits()
        /// Run the prominence check (HTML and DOCX only; see `Prominence`).
        public var prominence = true
        /// Give up (error `time-budget`) once this instant has passed; checked between rules.
        public var deadline: ContinuousClock.Instant?
        public init(encoding: String? = nil, lenient: Bool = false, format: InputFormat? = nil) {
            self.encoding = encoding
            self.lenient = lenient
            self.format = format
        }

        /// Fails when the options could not read any document (an encoding nobody knows), so that a
        /// bulk run stops at once instead of writing the same error for every file.
        public func validate() throws(AuditError) {
            guard let encoding else { return }
            do {
                _ = try TextDecoder.decode([], options: DecodeOptions(encoding: encoding, lenient: lenient))
            } catch {
                throw AuditError(code: error.code, message: error.message)
            }
        }
    }

    /// Audits the bytes of one document. Never throws: a document that cannot be audited gets a
    /// result with an error, so a bulk run records it and goes on.
    public func audit(_ bytes: [UInt8], path: String, options: Options = .init(), scratch: MatchScratch) -> AuditResult {
        let format = options.format ?? InputFormat(path: path)
        var document = DocumentInfo(path: path, format: format, encoding: nil, characters: 0)
        do {
            let (prepared, encoding, warnings) = try prepare(bytes, format: format, options: options)
            document.encoding = encoding
            document.characters = prepared.source.scalarCount
            let parties = Parties.read(from: prepared)
            let figures = FigureReading(text: prepared, parties: parties)
            var findings = try engine.findings(in: prepared, parties: parties, figures: figures,
                                               deadline: options.deadline, scratch: scratch)
            if options.prominence && Prominence.applies(to: format) {
                findings = Prominence.adding(to: findings, in: prepared)
            }
            if let configuration { findings = configuration.apply(to: findings) }
            var result = AuditResult(document: document, findings: findings, warnings: warnings, prepared: prepared)
            result.figures = figures.figures
            return result
        } catch let error as TextError {
            return AuditResult(document: document, error: AuditError(code: error.code, message: error.message))
        } catch let error as RuleEngine.Failure {
            let error = error.timedOut
                ? AuditError(code: "time-budget", message: "审查超出时间限制，已停止（time budget exceeded before rule \(error.rule)）")
                : AuditError(code: "rule-budget", message: error.description)
            return AuditResult(document: document, error: error)
        } catch {
            return AuditResult(document: document, error: AuditError(code: "internal", message: "\(error)"))
        }
    }

    /// Reads and audits a file.
    public func audit(file path: String, displayPath: String? = nil, options: Options = .init(),
                      scratch: MatchScratch) -> AuditResult {
        guard let data = FileManager.default.contents(atPath: path) else {
            let format = options.format ?? InputFormat(path: path)
            return AuditResult(document: DocumentInfo(path: displayPath ?? path, format: format),
                               error: AuditError(code: "unreadable", message: "无法读取文件（cannot read \(path)）"))
        }
        return audit([UInt8](data), path: displayPath ?? path, options: options, scratch: scratch)
    }

    func prepare(_ bytes: [UInt8], format: InputFormat, options: Options) throws
        -> (PreparedText, String?, [String]) {
        if format == .docx {
            let extracted = try DocxExtractor.extract(bytes, limits: options.docxLimits)
            let source = SourceText(units: extracted.units)
            return (PreparedText(source: source, extracted: extracted), nil, [])
        }
        let decoded = try TextDecoder.decode(bytes, options: DecodeOptions(encoding: options.encoding, lenient: options.lenient))
        var warnings: [String] = []
        if decoded.substitutions > 0 {
            warnings.append("\(decoded.substitutions) 处字节无法按 \(decoded.encoding) 解码，已替换为 U+FFFD（first at byte \(decoded.firstBadByteOffset ?? 0)）")
        }
        let prepared = format == .html
            ? PreparedText(source: decoded.text, extracted: HTMLExtractor.extract(decoded.text.units))
            : PreparedText(plain: decoded.text)
        return (prepared, decoded.encoding, warnings)
    }
}
