import Formats

/// A fragment of HTML whose interpolations are escaped unless they are themselves `HTML`: the
/// only way to put a value into a page, so no value can be forgotten.
///
///     let page: HTML = "<p>\(userText)</p>"      // userText escaped
///     let list: HTML = "<ul>\(items.joined())</ul>" // already-built fragments kept
struct HTML: ExpressibleByStringInterpolation, CustomStringConvertible, Sendable {
    private(set) var raw: String

    init(stringLiteral value: String) { raw = value }
    init(stringInterpolation: Interpolation) { raw = stringInterpolation.raw }
    /// Trusted markup written in this module (never a value from a request or a service).
    init(trusted: String) { raw = trusted }

    var description: String { raw }

    struct Interpolation: StringInterpolationProtocol {
        var raw = ""
        init(literalCapacity: Int, interpolationCount: Int) { raw.reserveCapacity(literalCapacity * 2) }
        mutating func appendLiteral(_ literal: String) { raw += literal }
        mutating func appendInterpolation(_ html: HTML) { raw += html.raw }
        mutating func appendInterpolation(_ value: String) { raw += HTML.escape(value) }
        mutating func appendInterpolation(_ value: Int) { raw += String(value) }
        mutating func appendInterpolation<T: CustomStringConvertible>(_ value: T) { raw += HTML.escape(value.description) }
    }

    /// The platform's one escaper (Formats).
    static func escape(_ text: String) -> String { HTMLEscape.text(text) }
}

extension Array where Element == HTML {
    func joined() -> HTML { HTML(trusted: map(\.raw).joined()) }
}
