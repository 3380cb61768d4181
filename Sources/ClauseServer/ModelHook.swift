import ClauseAudit
import ClauseReport

/// What the reviewer asked for in the "示范文本" menu: pick the closest model contract, none, or a
/// named profile.
public enum ModelChoice: Sendable, Equatable, CustomStringConvertible {
    case auto
    case none
    case profile(String)

    /// `""` and `auto` are auto; `none` is none; anything else names a profile.
    public init(_ value: String?) {
        let value = value?.trimmingSpaces ?? ""
        switch value {
        case "", "auto": self = .auto
        case "none": self = .none
        default: self = .profile(value)
        }
    }

    public var description: String {
        switch self {
        case .auto: "auto"
        case .none: "none"
        case let .profile(id): id
        }
    }
}

/// An entry of the page's model menu.
public struct ModelOption: Sendable, Equatable {
    public var id: String
    public var label: String
    public init(id: String, label: String) {
        self.id = id
        self.label = label
    }
}

/// What a comparison adds to the answer: the spec's `model_comparison` object and a section of the
/// result page.
public struct ModelComparisonOutput: Sendable {
    public var json: JSONValue
    public var section: HTMLSection?
    public init(json: JSONValue, section: HTMLSection?) {
        self.json = json
        self.section = section
    }
}

/// Why a model choice cannot be honoured (an unknown profile): the request's fault, answered 400.
public struct ModelChoiceError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// The hook through which the model-contract comparison (the ClauseModels module) joins the server.
/// The server lists `options` in its menu and, after each successful audit, calls `compare` on the
/// same worker thread, inside the request's time budget. Without a provider the menu offers auto and
/// none, the choice is passed through, and `model_comparison` stays null.
public protocol ModelComparisonProvider: Sendable {
    /// The profiles the reviewer may pick, in menu order.
    var options: [ModelOption] { get }
    /// The comparison for one audited document; nil when there is nothing to compare (choice
    /// `none`, or `auto` found no model close enough).
    func compare(_ result: AuditResult, choice: ModelChoice) throws(ModelChoiceError) -> ModelComparisonOutput?
}
