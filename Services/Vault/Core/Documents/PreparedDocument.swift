import Schema
import SongdalCrypto

/// A document whose blob is written and whose time-stamp is made, waiting to be recorded (the
/// expensive part runs outside the write transaction, so batches can prepare in parallel).
public struct PreparedDocument: Sendable {
    public var record: DocumentRecord
    public var timeStampToken: TimeStampToken
}
