import Bus
import Foundation
import Logging
import Schema

/// Wires the identity contract to the domain. Queries (`resolve`, `resolveBatch`, statuses,
/// ledger listing) are answered directly; commands apply once through the inbox.
struct IdentityHandlers: Sendable {
    let directory: IdentityDirectory
    let endpoint: BusEndpoint
    let logger: Logger

    func register() {
        registerResolve()
        registerDirectory()
        registerDisclosure()
    }

    /// Sends `reply` — or, for a refusal that must stay recorded, the `ErrorReply` — back to the
    /// command's sender in the handler's transaction. (Throwing would roll the record back.)
    static func answer<M: BusMessage>(_ reply: M, _ context: HandlerContext) throws {
        try context.outbox.send(reply, to: context.envelope.header.source, correlationId: context.envelope.header.id,
                                causationId: context.envelope.header.id, in: context.db)
    }
}
