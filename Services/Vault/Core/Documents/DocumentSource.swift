import Schema
import Foundation

/// Where a document's bytes come from: the bus payload, or a staged file streamed from disk.
public enum DocumentSource: Sendable {
    case bytes([UInt8])
    case file(URL)
}
