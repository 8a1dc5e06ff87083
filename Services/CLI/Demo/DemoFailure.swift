/// A demo step that did not go as the walk expects; the message says which and why.
struct DemoFailure: Error, CustomStringConvertible {
    var step: String
    var detail: String
    var description: String { "demo failed at \(step): \(detail)" }
}
