import Foundation
import GRDB
import Schema
import Store
import Synchronization

/// Type-erased handlers by message type name. Filled before the endpoint runs.
final class HandlerTable: Sendable {
    typealias Apply = @Sendable (Envelope, HandlerContext) throws -> Void
    typealias Answer = @Sendable (Envelope, QueryContext) async throws -> [UInt8]

    enum Entry: Sendable {
        /// Runs inside the inbox transaction.
        case transactional(Apply)
        /// Answers directly, outside any transaction.
        case query(answer: Answer, replyType: MessageType)
    }

    private let entries = Mutex<[String: Entry]>([:])

    func register(_ name: String, _ entry: Entry) { entries.withLock { $0[name] = entry } }
    func entry(for name: String) -> Entry? { entries.withLock { $0[name] } }
    var names: [String] { entries.withLock { Array($0.keys) } }
}
