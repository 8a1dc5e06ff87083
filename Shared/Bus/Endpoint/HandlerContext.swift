import Foundation
import GRDB
import Schema
import Store

/// What a command or event handler gets: the open write transaction, the outbox writer for the
/// messages its change causes, and the message being handled.
public struct HandlerContext {
    /// The transaction shared by the inbox record, this handler and its outbox rows.
    public let db: Database
    public let outbox: OutboxWriter
    public let envelope: Envelope
    /// The endpoint's clock reading for this batch.
    public let now: Date
}

/// What a query handler gets: read access to the store and the message.
public struct QueryContext: Sendable {
    public let store: ServiceStore
    public let envelope: Envelope
    public let now: Date
}
